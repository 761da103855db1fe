import { formatCount } from '../../../../shared/format'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'

/** "3 selected · Share 3… · Clear": what to do with several selected rows. */
export function SelectionBar({
  count,
  onShare,
  onClear
}: {
  count: number
  onShare: () => void
  onClear: () => void
}) {
  const locale = uiLocale()
  const number = formatCount(count, locale)
  return (
    <div className="selection-bar" role="group" aria-label="Selection">
      <span className="selection-count">{number} selected</span>
      <button type="button" className="button button-small button-primary" onClick={onShare}>
        <Icon name="share" />
        Share {number}…
      </button>
      <button type="button" className="button button-small" onClick={onClear}>
        Clear
      </button>
    </div>
  )
}
