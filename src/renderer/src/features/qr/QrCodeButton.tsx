import { useState } from 'react'
import { QrCodeDialog } from './QrCodeDialog'

export interface QrCodeButtonProps {
  url: string
  /** What the link is for, to name the code in the dialog. */
  name?: string
  /** Extra classes for the button (`button-small` in a table row, say). */
  className?: string
  /** The button's text; "QR code" by default. */
  label?: string
}

/** A button that shows a link as a QR code in a dialog. */
export function QrCodeButton({ url, name, className, label = 'QR code' }: QrCodeButtonProps) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className={className ? `button ${className}` : 'button'}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <QrGlyph />
        {label}
      </button>
      {open && <QrCodeDialog url={url} name={name} onClose={() => setOpen(false)} />}
    </>
  )
}

/** A small QR-like mark, drawn like the app's other icons (16 px, current colour). */
function QrGlyph() {
  return (
    <svg className="icon" width={16} height={16} viewBox="0 0 16 16" aria-hidden="true">
      <path
        fill="currentColor"
        d="M2 2h5v5H2zm1.5 1.5v2h2v-2zM9 2h5v5H9zm1.5 1.5v2h2v-2zM2 9h5v5H2zm1.5 1.5v2h2v-2zM9 9h2v2H9zm3 0h2v2h-2zm-3 3h2v2H9zm3 0h2v2h-2z"
      />
    </svg>
  )
}
