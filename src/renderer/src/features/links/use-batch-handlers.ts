import { useCallback, useMemo } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { pluralize } from '../../../../shared/format'
import { uiLocale } from '../../lib/locale'
import type { BatchHandlers } from './BatchActions'
import type { LinkActions } from './use-link-actions'
import type { Feedback } from './use-link-handlers'
import type { UndoOffer } from './use-undo'

function links(count: number): string {
  return pluralize(count, 'link', 'links', uiLocale())
}

/** The handlers of a batch's buttons, of "Clear expired" and of Undo. */
export function useBatchHandlers(actions: LinkActions, { notify, announce, offerUndo }: Feedback) {
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
          const removal = await actions.forgetBatch(batch.id)
          offerUndo(removal, `Forgot ${links(removal.count)}.`)
        } catch (cause) {
          notify('error', `Could not forget the links: ${errorMessage(cause)}`)
        }
      }
    }),
    [actions, announce, notify, offerUndo]
  )

  const clearExpired = useCallback(async () => {
    try {
      const removal = await actions.clearExpired()
      const cleared = pluralize(removal.count, 'expired link', 'expired links', uiLocale())
      if (removal.undoToken) offerUndo(removal, `Cleared ${cleared}.`)
      else announce(`Cleared ${cleared}.`)
    } catch (cause) {
      notify('error', `Could not clear expired links: ${errorMessage(cause)}`)
    }
  }, [actions, announce, notify, offerUndo])

  const undo = useCallback(
    async (offer: UndoOffer) => {
      try {
        const count = await actions.undo(offer.undoToken)
        announce(`Brought back ${links(count)}.`)
      } catch (cause) {
        notify('error', `Could not undo: ${errorMessage(cause)}`)
      }
    },
    [actions, announce, notify]
  )

  return { batchHandlers, clearExpired, undo }
}
