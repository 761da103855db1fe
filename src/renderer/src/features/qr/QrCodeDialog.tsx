import { useEffect, useId, useMemo, useRef } from 'react'
import { createPortal } from 'react-dom'
import { Icon } from '../../lib/Icon'
import { useDialogFocus } from '../../lib/use-dialog-focus'
import { Note } from '../share/Note'
import { QrCode } from './QrCode'
import { MAX_PHONE_FRIENDLY_QR_VERSION, qrMatrix } from './qr-matrix'
import './qr.css'

export interface QrCodeDialogProps {
  /** The link to encode, exactly as the recipient should open it. */
  url: string
  onClose: () => void
  /** What the link is for, to name the code ("q3 summary.pdf"); "the link" when absent. */
  name?: string
}

/**
 * A modal dialog showing a link as a QR code, for handing it to a phone.
 *
 * A native modal `<dialog>` makes the page behind inert and closes on Escape; Tab wraps
 * inside it, and focus goes back to what had it when the dialog opened. It is portalled to the body
 * so that it can open from inside another dialog's form.
 */
export function QrCodeDialog({ url, onClose, name }: QrCodeDialogProps) {
  const titleId = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const doneRef = useRef<HTMLButtonElement>(null)
  const result = useMemo(() => qrMatrix(url), [url])
  const what = name ? `the link to ${name}` : 'the link'
  // Tab wraps inside the dialog instead of leaving for the browser's own controls.
  useDialogFocus(dialogRef)

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const dialog = dialogRef.current
    // Guarded: StrictMode runs this twice, and showModal on an open dialog throws.
    if (dialog && !dialog.open) dialog.showModal()
    doneRef.current?.focus()
    return () => {
      if (opener?.isConnected) opener.focus()
    }
  }, [])

  const tooBigForPhones = result.ok && result.matrix.version > MAX_PHONE_FRIENDLY_QR_VERSION

  return createPortal(
    <dialog
      ref={dialogRef}
      className="share-dialog qr-dialog"
      aria-labelledby={titleId}
      onClose={(event) => {
        // React passes events up through the portal: the share dialog around it must not close.
        event.stopPropagation()
        onClose()
      }}
    >
      <header className="share-header">
        <h2 id={titleId} className="share-title">
          QR code
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="share-body qr-body">
        {result.ok ? (
          <QrCode matrix={result.matrix} label={`QR code of ${what}`} />
        ) : (
          <Note tone="error" role="alert">
            <p>{result.message}</p>
          </Note>
        )}
        {tooBigForPhones && (
          <Note tone="warning" testId="qr-too-long">
            <p>
              This link is {url.length.toLocaleString('en')} characters long, so its code is dense (
              {result.matrix.size}×{result.matrix.size} modules): phones may not read it off a
              screen. Send the link as text instead, or make a shorter one (a profile with long-term
              keys leaves out the session token).
            </p>
          </Note>
        )}
        <p className="qr-hint">
          Point a phone&apos;s camera at the code to open {what}. Anyone who scans it can use the
          link until it expires.
        </p>
      </div>
      <footer className="share-footer">
        <button ref={doneRef} type="button" className="button" onClick={onClose}>
          Done
        </button>
      </footer>
    </dialog>,
    document.body
  )
}
