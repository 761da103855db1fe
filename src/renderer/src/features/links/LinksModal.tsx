import { useEffect, useRef, type ReactNode } from 'react'
import { useDialogFocus } from '../../lib/use-dialog-focus'

export interface LinksModalProps {
  titleId: string
  describedBy?: string
  className?: string
  onClose: () => void
  children: ReactNode
}

/**
 * A native modal `<dialog>` for the Links view: the page behind is inert, Escape closes it,
 * and focus goes back to what had it (a row's button) once it is gone.
 */
export function LinksModal({
  titleId,
  describedBy,
  className,
  onClose,
  children
}: LinksModalProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  // Tab wraps inside the dialog instead of leaving for the browser's own controls.
  useDialogFocus(dialogRef)
  useEffect(() => {
    const dialog = dialogRef.current
    const returnTo = document.activeElement
    // Guarded: StrictMode runs this twice, and showModal on an open dialog throws.
    if (dialog && !dialog.open) dialog.showModal()
    return () => {
      // After the dialog is gone: a modal dialog keeps focus inside itself while it is open.
      setTimeout(() => {
        if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus()
      }, 0)
    }
  }, [])
  return (
    <dialog
      ref={dialogRef}
      className={`links-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onClose={onClose}
    >
      {children}
    </dialog>
  )
}
