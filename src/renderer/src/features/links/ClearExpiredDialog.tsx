import { useId, useState } from 'react'
import { formatCount, pluralize } from '../../../../shared/format'
import { uiLocale } from '../../lib/locale'
import { LinksModal } from './LinksModal'

export interface ClearExpiredDialogProps {
  /** Expired links in the whole registry: what clearing removes. */
  count: number
  onConfirm: () => Promise<void>
  onCancel: () => void
}

/** "Clear 12 expired links?": says how many go before they go, and that it can be undone. */
export function ClearExpiredDialog({ count, onConfirm, onCancel }: ClearExpiredDialogProps) {
  const ids = useId()
  const [busy, setBusy] = useState(false)
  const locale = uiLocale()
  const links = pluralize(count, 'expired link', 'expired links', locale)
  return (
    <LinksModal titleId={`${ids}-title`} describedBy={`${ids}-text`} onClose={onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault()
          setBusy(true)
          void onConfirm().finally(() => setBusy(false))
        }}
      >
        <h2 id={`${ids}-title`} className="links-dialog-title">
          Clear {links}?
        </h2>
        <p id={`${ids}-text`} className="links-dialog-text">
          {formatCount(count, locale)} {count === 1 ? 'link has' : 'links have'} expired and no
          longer work. Clearing removes {count === 1 ? 'it' : 'them'} from this list, in every
          filter; you can undo it for 10 seconds.
        </p>
        <div className="links-dialog-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={busy} autoFocus>
            Clear {links}
          </button>
        </div>
      </form>
    </LinksModal>
  )
}
