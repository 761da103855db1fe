import { useEffect, useId, useRef, useState } from 'react'
import { formatMoment } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { uiLocale } from '../../lib/locale'
import { useDialogFocus } from '../../lib/use-dialog-focus'
import { destinationInWords } from '../share/upload-words'

export interface ForgetPageDialogProps {
  link: IssuedLink
  /** `deletePage`: also delete the page object from the bucket. */
  onConfirm: (deletePage: boolean) => void
  onCancel: () => void
}

/**
 * Forgetting an upload page's link: asks whether the page object in the bucket goes too
 * (checked by default: a page nobody tracks any more is best gone).
 */
export function ForgetPageDialog({ link, onConfirm, onCancel }: ForgetPageDialogProps) {
  const ids = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<Element | null>(null)
  const [deletePage, setDeletePage] = useState(true)
  const pageKey = link.upload?.pageKey ?? null
  // Tab wraps inside the dialog instead of leaving for the browser's own controls.
  useDialogFocus(dialogRef)

  useEffect(() => {
    const dialog = dialogRef.current
    returnTo.current = document.activeElement
    if (dialog && !dialog.open) dialog.showModal()
    return () => {
      const element = returnTo.current
      // After the dialog is gone: a modal dialog keeps focus inside itself while it is open.
      setTimeout(() => {
        if (element instanceof HTMLElement && element.isConnected) element.focus()
      }, 0)
    }
  }, [])

  return (
    <dialog
      ref={dialogRef}
      className="forget-page-dialog"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-text`}
      onClose={onCancel}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault()
          onConfirm(pageKey !== null && deletePage)
        }}
      >
        <h2 id={`${ids}-title`} className="forget-page-title">
          Forget this upload page link?
        </h2>
        <p id={`${ids}-text`} className="forget-page-text">
          The link to the page for{' '}
          <code>{link.upload ? destinationInWords(link.upload) : link.key}</code> leaves this list.
          It keeps working until it expires ({formatMoment(link.expiresAt, uiLocale())}): delete the
          page to stop anyone else from uploading through it.
        </p>
        {pageKey !== null && (
          <label className="forget-page-check">
            <input
              type="checkbox"
              checked={deletePage}
              onChange={(event) => setDeletePage(event.target.checked)}
              autoFocus
            />
            <span>
              Also delete the page from bucket <code>{link.bucket}</code>: <code>{pageKey}</code>
            </span>
          </label>
        )}
        <div className="forget-page-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-danger">
            Forget
          </button>
        </div>
      </form>
    </dialog>
  )
}
