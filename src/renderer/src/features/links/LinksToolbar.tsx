import { useId, type ReactNode } from 'react'
import { formatCount } from '../../../../shared/format'
import type { LinkStatusFilter } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'

const STATUS_TABS: readonly { value: LinkStatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'expiring', label: 'Expiring' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' }
]

export interface LinksToolbarProps {
  titleId: string
  /** Every stored link, whatever the filter. */
  total: number | null
  /** Links per status matching the other filters; null until known. */
  counts: Record<LinkStatusFilter, number> | null
  status: LinkStatusFilter
  onStatus: (status: LinkStatusFilter) => void
  text: string
  onText: (text: string) => void
  bucket: string
  buckets: readonly string[]
  onBucket: (bucket: string) => void
  profileId: string
  profileIds: readonly string[]
  onProfile: (profileId: string) => void
  /** Expired links overall: what "Clear expired" forgets. */
  expiredTotal: number
  /** Asks before it clears: see `ClearExpiredDialog`. */
  onClearExpired: () => void
  /** More actions, before "Clear expired" ("Test all active"). */
  actions?: ReactNode
}

/** A filter menu; the chosen value stays listed even once no link has it any more. */
function FilterMenu(props: {
  label: string
  allLabel: string
  value: string
  values: readonly string[]
  onChange: (value: string) => void
}) {
  const values =
    props.value && !props.values.includes(props.value)
      ? [props.value, ...props.values]
      : props.values
  return (
    <label className="links-menu">
      <span className="visually-hidden">{props.label}</span>
      <select
        className="select"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{props.allLabel}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Title, search, status tabs with counts, bucket and profile menus, "Test all active" and "Clear expired". */
export function LinksToolbar(props: LinksToolbarProps) {
  const name = useId()
  const locale = uiLocale()
  return (
    <header className="links-toolbar">
      <h2 id={props.titleId} className="links-title">
        Links{' '}
        {props.total !== null && (
          <span className="count-pill">{formatCount(props.total, locale)}</span>
        )}
      </h2>
      <label className="search-field links-search">
        <Icon name="search" className="search-icon" />
        <span className="visually-hidden">Search links</span>
        <input
          type="search"
          className="input"
          value={props.text}
          onChange={(event) => props.onText(event.target.value)}
          placeholder="Search links"
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <fieldset className="links-filter">
        <legend className="visually-hidden">Show</legend>
        {STATUS_TABS.map((tab) => (
          <label key={tab.value} className="filter-segment">
            <input
              type="radio"
              name={name}
              value={tab.value}
              checked={props.status === tab.value}
              onChange={() => props.onStatus(tab.value)}
            />
            <span className="filter-text">
              {tab.label}{' '}
              <span className="filter-count">
                {props.counts ? formatCount(props.counts[tab.value], locale) : '–'}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <FilterMenu
        label="Bucket"
        allLabel="All buckets"
        value={props.bucket}
        values={props.buckets}
        onChange={props.onBucket}
      />
      <FilterMenu
        label="Profile"
        allLabel="All profiles"
        value={props.profileId}
        values={props.profileIds}
        onChange={props.onProfile}
      />
      <div className="links-toolbar-end">
        {props.actions}
        <button
          type="button"
          className="button clear-expired"
          aria-haspopup="dialog"
          onClick={props.onClearExpired}
          disabled={props.expiredTotal === 0}
          title="Forget every expired link (asks first; can be undone). They no longer work anyway."
        >
          Clear expired ({formatCount(props.expiredTotal, locale)})
        </button>
      </div>
    </header>
  )
}
