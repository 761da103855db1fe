import { useEffect, useRef, useState } from 'react'
import { Icon } from '../../lib/Icon'
import type { UndoOffer } from './use-undo'

/** How often, and how many times, the toast looks whether the removed row took the focus. */
const FOCUS_CHECK_MS = 50
const FOCUS_CHECKS = 20

export interface UndoToastProps {
  offer: UndoOffer | null
  /** Resolves once main has brought the links back (or said why not). */
  onUndo: (offer: UndoOffer) => Promise<void>
  onDismiss: () => void
}

/**
 * "Forgot 3 links. Undo": shown for the undo window after a forget or a clear.
 *
 * Its message is announced through the view's live region (one for the whole view). When the
 * removed row held the focus, the focus moves to Undo: it would otherwise
 * fall to the page's start, and Undo is the one thing the user may want next.
 */
export function UndoToast({ offer, onUndo, onDismiss }: UndoToastProps) {
  const undoRef = useRef<HTMLButtonElement>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!offer) return
    // The row holding the focus may go a moment after the offer (when the list refreshes):
    // watch it for a short while rather than guess when.
    let checks = 0
    const timer = setInterval(() => {
      checks += 1
      const active = document.activeElement
      const lost = !active || active === document.body || !active.isConnected
      if (lost) undoRef.current?.focus()
      if (lost || checks >= FOCUS_CHECKS) clearInterval(timer)
    }, FOCUS_CHECK_MS)
    return () => clearInterval(timer)
  }, [offer])

  return (
    <div className="links-toast-region">
      {offer && (
        <div className="links-toast" key={offer.id} role="group" aria-label="Undo">
          <span className="links-toast-text">{offer.text}</span>
          <button
            ref={undoRef}
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => {
              setBusy(true)
              void onUndo(offer).finally(() => setBusy(false))
            }}
          >
            {busy ? 'Undoing…' : 'Undo'}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={onDismiss}
          >
            <Icon name="close" />
          </button>
        </div>
      )}
    </div>
  )
}
