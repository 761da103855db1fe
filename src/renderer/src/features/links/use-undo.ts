import { useCallback, useEffect, useRef, useState } from 'react'
import { UNDO_WINDOW_MS } from '../../../../shared/ipc-contract'
import type { LinkRemoval } from '../../../../shared/models'

/** A removal that can still be undone, and what the toast says about it. */
export interface UndoOffer {
  /** Changes with each offer, so that a new removal restarts the toast. */
  id: number
  text: string
  undoToken: string
}

/**
 * The last removal that can be undone, for `UNDO_WINDOW_MS` after main made it (main forgets
 * the token then too). A new removal replaces the offer: main keeps each token for its own
 * window, but one toast at a time is what a user can follow.
 */
export function useUndoOffer() {
  const [offer, setOffer] = useState<UndoOffer | null>(null)
  const next = useRef(0)

  const offerUndo = useCallback((removal: LinkRemoval, text: string) => {
    if (removal.undoToken === null) return
    next.current += 1
    setOffer({ id: next.current, text, undoToken: removal.undoToken })
  }, [])
  const dismiss = useCallback(() => setOffer(null), [])

  useEffect(() => {
    if (!offer) return
    const timer = setTimeout(() => setOffer(null), UNDO_WINDOW_MS)
    return () => clearTimeout(timer)
  }, [offer])

  return { offer, offerUndo, dismiss }
}
