import { useEffect, useState, type RefObject } from 'react'

const TABBABLE =
  'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * Keeps keyboard focus inside an open dialog and gives it back when the dialog goes.
 *
 * A modal `<dialog>` makes the page behind it inert, but Tab past its last control still
 * leaves for the browser's own interface, so Tab and Shift+Tab wrap around here. When React
 * removes the dialog, focus would fall to the page's body and a keyboard user would start again
 * from the top: it goes back to what had it when the dialog opened, once the dialog has left the
 * page, and only when nothing else took it meanwhile (an opener that moves focus itself wins).
 */
export function useDialogFocus(dialogRef: RefObject<HTMLElement | null>) {
  const [opener] = useState(() => document.activeElement)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || event.defaultPrevented) return
      const tabbable = Array.from(dialog.querySelectorAll<HTMLElement>(TABBABLE)).filter(
        (element) => !element.closest('[hidden], [inert]')
      )
      const first = tabbable[0]
      const last = tabbable.at(-1)
      if (!first || !last) return
      const active = document.activeElement
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault()
        first.focus()
      }
    }
    dialog.addEventListener('keydown', onKeyDown)
    return () => dialog.removeEventListener('keydown', onKeyDown)
  }, [dialogRef])

  useEffect(
    () => () => {
      setTimeout(() => {
        const lost = document.activeElement === null || document.activeElement === document.body
        if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus()
      }, 0)
    },
    [opener]
  )
}
