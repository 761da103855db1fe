import { useId, useState } from 'react'
import { formatMoment } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { uiLocale } from '../../lib/locale'
import { destinationInWords } from '../share/upload-words'
import { LinksModal } from './LinksModal'

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
  const [deletePage, setDeletePage] = useState(true)
  const pageKey = link.upload?.pageKey ?? null

  return (
    <LinksModal
      titleId={`${ids}-title`}
      describedBy={`${ids}-text`}
      className="forget-page-dialog"
      onClose={onCancel}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault()
          onConfirm(pageKey !== null && deletePage)
        }}
      >
        <h2 id={`${ids}-title`} className="links-dialog-title">
          Forget this upload page link?
        </h2>
        <p id={`${ids}-text`} className="links-dialog-text">
          The link to the page for{' '}
          <code>{link.upload ? destinationInWords(link.upload) : link.key}</code> leaves this list.
          It keeps working until it expires ({formatMoment(link.expiresAt, uiLocale())}): delete the
          page to stop anyone else from uploading through it.
        </p>
        {pageKey !== null && (
          <label className="links-dialog-check">
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
        <div className="links-dialog-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-danger">
            Forget
          </button>
        </div>
      </form>
    </LinksModal>
  )
}
