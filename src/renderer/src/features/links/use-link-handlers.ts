import { useCallback, useMemo, useState } from 'react'
import { errorMessage } from '../../../../shared/errors'
import type { IssuedLink, LinkRemoval } from '../../../../shared/models'
import { useCopyText } from '../../lib/use-copy-text'
import { linkName } from '../share/upload-words'
import type { LinkRowActions, LinkRowHandlers } from './link-row-handlers'
import { selfTestSummary, watchExplanation } from './link-trust-words'
import type { LinkActions } from './use-link-actions'

/** How the Links view tells the user what happened; all must be stable across renders. */
export interface Feedback {
  /** A banner; an info one is also announced. Backticked parts show as code. */
  notify: (tone: 'error' | 'info', text: string) => void
  /** Said to screen readers only, for actions whose result is in plain sight. */
  announce: (text: string) => void
  /** Shows a toast that can undo a removal for `UNDO_WINDOW_MS`. */
  offerUndo: (removal: LinkRemoval, text: string) => void
}

/** A dialog of the Links view, opened from a row (or, for clearing, the toolbar). */
export type LinkDialog =
  | { kind: 'forget-page'; link: IssuedLink }
  | { kind: 'revoke'; link: IssuedLink }
  | { kind: 'details'; link: IssuedLink }
  | { kind: 'qr'; link: IssuedLink }
  | { kind: 'clear-expired' }

/** The handlers of every button in a link's row: each runs its action and reports the outcome. */
export function useLinkHandlers(
  actions: LinkActions,
  { notify, announce, offerUndo }: Feedback,
  openDialog: (dialog: LinkDialog) => void
) {
  const { copy, copied } = useCopyText()
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(() => new Set())

  /** Runs a change to one link, marking its row busy meanwhile. */
  const busyWith = useCallback(async (id: string, work: () => Promise<void>) => {
    const mark = (busy: boolean) =>
      setBusyIds((current) => {
        const next = new Set(current)
        if (busy) next.add(id)
        else next.delete(id)
        return next
      })
    mark(true)
    try {
      await work()
    } finally {
      mark(false)
    }
  }, [])

  const forget = useCallback(
    async (link: IssuedLink, deletePage?: boolean) => {
      try {
        const removal = await actions.forget(link.id, deletePage)
        offerUndo(
          removal,
          deletePage
            ? `Forgot the link to ${linkName(link)} and deleted its upload page (Undo brings back the link, not the page).`
            : `Forgot the link to ${linkName(link)}.`
        )
      } catch (cause) {
        notify('error', `Could not forget the link: ${errorMessage(cause)}`)
      }
    },
    [actions, notify, offerUndo]
  )

  const rowActions: LinkRowActions = useMemo(
    () => ({
      onCopy: (link) =>
        // A form upload needs its fields as well as its URL: its command carries both.
        copy(link.upload?.kind === 'post' ? link.upload.command : link.url, {
          key: link.id,
          onCopied: () => announce(`Link to ${linkName(link)} copied to the clipboard.`),
          onError: (cause) => notify('error', `Could not copy the link: ${errorMessage(cause)}`)
        }),
      onOpen: async (link) => {
        try {
          await actions.openInBrowser(link.id)
        } catch (cause) {
          notify('error', `Could not open the link: ${errorMessage(cause)}`)
        }
      },
      // An upload page's link first asks whether the page object goes too.
      onForget: (link) => {
        if (link.upload?.kind === 'page') openDialog({ kind: 'forget-page', link })
        else void forget(link)
      },
      onTest: (link) =>
        void busyWith(link.id, async () => {
          try {
            const tested = await actions.test(link.id)
            const { tone, detail } = selfTestSummary(tested)
            announce(
              tone === 'works'
                ? `The link to ${linkName(link)} works.`
                : `The link to ${linkName(link)} failed its test: ${detail}`
            )
          } catch (cause) {
            notify('error', `Could not test the link: ${errorMessage(cause)}`)
          }
        }),
      onRenew: (link) =>
        void busyWith(link.id, async () => {
          try {
            const renewed = await actions.renew(link.id)
            const { tone, detail } = selfTestSummary(renewed)
            notify(
              'info',
              `Renewed the link to ${linkName(link)}: the new link is in the list` +
                (tone === 'failed' ? `, but it failed its test: ${detail}` : '.')
            )
          } catch (cause) {
            notify('error', `Could not renew the link: ${errorMessage(cause)}`)
          }
        }),
      onWatch: async (link, watched) => {
        try {
          await actions.watch(link.id, watched)
          announce(
            watched
              ? `Watching the link to ${linkName(link)}. ${watchExplanation(link)}`
              : `Stopped watching the link to ${linkName(link)}.`
          )
        } catch (cause) {
          notify('error', `Could not change watching: ${errorMessage(cause)}`)
        }
      },
      onRevoke: (link) => openDialog({ kind: 'revoke', link }),
      onQr: (link) => openDialog({ kind: 'qr', link }),
      onDetails: (link) => openDialog({ kind: 'details', link })
    }),
    [actions, announce, busyWith, copy, forget, notify, openDialog]
  )

  const linkHandlers: LinkRowHandlers = useMemo(
    () => ({ copiedId: copied, busyIds, actions: rowActions }),
    [copied, busyIds, rowActions]
  )

  return { linkHandlers, forget }
}
