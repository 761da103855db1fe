import { useState } from 'react'
import { Icon } from '../../lib/Icon'
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
        <Icon name="qr" />
        {label}
      </button>
      {open && <QrCodeDialog url={url} name={name} onClose={() => setOpen(false)} />}
    </>
  )
}
