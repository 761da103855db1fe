import { useCallback, useMemo, useState } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { pluralize } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { uiLocale } from '../../lib/locale'
import { useCopyText } from '../../lib/use-copy-text'
import { linkName } from '../share/upload-words'
import type { BatchHandlers } from './BatchActions'
import type { LinkRowHandlers } from './BatchLinks'
import { useLinkActions } from './use-link-actions'

/** How the Links view tells the user what happened; both must be stable across renders. */
export interface Feedback {
  /** A banner; an info one is also announced. Backticked parts show as code. */
  notify: (tone: 'error' | 'info', text: string) => void
  /** Said to screen readers only, for actions whose result is in plain sight. */
  announce: (text: string) => void
}

function links(count: number): string {
  return pluralize(count, 'link', 'links', uiLocale())
}

/** The handlers of every button in the list: each runs its action and reports the outcome. */
export function useLinkHandlers({ notify, announce }: Feedback) {
  const actions = useLinkActions()
  const { copy, copied } = useCopyText()

  const onCopy = useCallback(
    (link: IssuedLink) =>
      // A form upload needs its fields as well as its URL: its command carries both.
      copy(link.upload?.kind === 'post' ? link.upload.command : link.url, {
        key: link.id,
        onCopied: () => announce(`Link to ${linkName(link)} copied to the clipboard.`),
        onError: (cause) => notify('error', `Could not copy the link: ${errorMessage(cause)}`)
      }),
    [copy, announce, notify]
  )

  const onOpen = useCallback(
    async (link: IssuedLink) => {
      try {
        await actions.openInBrowser(link.id)
      } catch (cause) {
        notify('error', `Could not open the link: ${errorMessage(cause)}`)
      }
    },
    [actions, notify]
  )

  const forget = useCallback(
    async (link: IssuedLink, deletePage?: boolean) => {
      try {
        await actions.forget(link.id, deletePage)
        announce(
          `Forgot the link to ${linkName(link)}${deletePage ? ' and deleted its upload page' : ''}.`
        )
      } catch (cause) {
        notify('error', `Could not forget the link: ${errorMessage(cause)}`)
      }
    },
    [actions, announce, notify]
  )

  // An upload page's link first asks whether the page object goes too.
  const [pageToForget, setPageToForget] = useState<IssuedLink | null>(null)
  const onForget = useCallback(
    (link: IssuedLink) => {
      if (link.upload?.kind === 'page') setPageToForget(link)
      else void forget(link)
    },
    [forget]
  )
  const forgetPage = pageToForget && {
    link: pageToForget,
    confirm: (deletePage: boolean) => {
      setPageToForget(null)
      void forget(pageToForget, deletePage)
    },
    cancel: () => setPageToForget(null)
  }

  const linkHandlers: LinkRowHandlers = useMemo(
    () => ({ copiedId: copied, onCopy, onOpen, onForget }),
    [copied, onCopy, onOpen, onForget]
  )

  const batchHandlers: BatchHandlers = useMemo(
    () => ({
      async onCopyAll(batch) {
        try {
          const count = await actions.copyBatch(batch.id)
          announce(`Copied ${links(count)} to the clipboard.`)
          return true
        } catch (cause) {
          notify('error', `Could not copy the links: ${errorMessage(cause)}`)
          return false
        }
      },
      async onExport(batch, format) {
        try {
          const saved = await actions.exportBatch(batch.id, format)
          if (saved) notify('info', `Saved ${links(saved.count)} to \`${saved.path}\`.`)
        } catch (cause) {
          notify('error', `Could not export the links: ${errorMessage(cause)}`)
        }
      },
      async onForgetAll(batch) {
        try {
          const count = await actions.forgetBatch(batch.id)
          notify('info', `Forgot ${links(count)}.`)
        } catch (cause) {
          notify('error', `Could not forget the links: ${errorMessage(cause)}`)
        }
      }
    }),
    [actions, announce, notify]
  )

  const clearExpired = useCallback(async () => {
    try {
      const cleared = await actions.clearExpired()
      notify('info', `Cleared ${pluralize(cleared, 'expired link', 'expired links', uiLocale())}.`)
    } catch (cause) {
      notify('error', `Could not clear expired links: ${errorMessage(cause)}`)
    }
  }, [actions, notify])

  return { linkHandlers, batchHandlers, clearExpired, forgetPage }
}
