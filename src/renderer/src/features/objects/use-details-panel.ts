import { useState } from 'react'

/**
 * Whether the details panel shows, and requests to move focus into it.
 *
 * `focusRequest` counts the times the user asked to go to the details (Enter on an object);
 * merely showing or hiding the panel resets it, so focus stays where it is.
 */
export function useDetailsPanel() {
  const [open, setOpen] = useState(true)
  const [focusRequest, setFocusRequest] = useState(0)
  return {
    open,
    focusRequest,
    /** Shows the panel and puts focus on its main action. */
    focus: () => {
      setOpen(true)
      setFocusRequest((count) => count + 1)
    },
    toggle: () => {
      setFocusRequest(0)
      setOpen((value) => !value)
    },
    hide: () => {
      setFocusRequest(0)
      setOpen(false)
    }
  }
}
