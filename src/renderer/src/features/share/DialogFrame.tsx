import { useEffect, useId, useRef, type FormEvent, type ReactNode, type RefObject } from 'react'
import { Icon, type IconName } from '../../lib/Icon'
import { useDialogFocus } from '../../lib/use-dialog-focus'

export interface DialogFrameProps {
  /** The heading, which also names the dialog. */
  title: ReactNode
  icon: IconName
  onClose: () => void
  onSubmit: (event: FormEvent) => void
  /** What has focus when the dialog opens. */
  initialFocus: RefObject<HTMLElement | null>
  footer: ReactNode
  /** Added to `share-dialog`, for a dialog that needs more room. */
  className?: string
  children: ReactNode
}

/**
 * The share dialogs' frame: a native modal `<dialog>` holding a form, with a header, a
 * scrolling body and a footer of buttons.
 *
 * The browser traps focus in a modal dialog and Escape closes it (through the `close` event,
 * which calls `onClose`).
 */
export function DialogFrame({
  title,
  icon,
  onClose,
  onSubmit,
  initialFocus,
  footer,
  className,
  children
}: DialogFrameProps) {
  const titleId = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  useDialogFocus(dialogRef)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // Guarded: StrictMode runs this twice, and showModal on an open dialog throws.
    if (!dialog.open) dialog.showModal()
    initialFocus.current?.focus()
  }, [initialFocus])

  return (
    <dialog
      ref={dialogRef}
      className={className ? `share-dialog ${className}` : 'share-dialog'}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <form className="share-form" onSubmit={onSubmit} noValidate>
        <header className="share-header">
          <Icon name={icon} className="share-header-icon" />
          <h2 id={titleId} className="share-title">
            {title}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>
        <div className="share-body">{children}</div>
        <footer className="share-footer">{footer}</footer>
      </form>
    </dialog>
  )
}
