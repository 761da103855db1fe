import type { LinkSortField, LinkSortOrder } from '../../../../shared/models'

export const HEADER_HEIGHT = 32

const COLUMNS: readonly { className: string; label: string; field?: LinkSortField }[] = [
  { className: 'cell-status', label: 'Status' },
  { className: 'cell-object', label: 'Object', field: 'name' },
  { className: 'cell-label', label: 'Label', field: 'label' },
  { className: 'cell-bucket', label: 'Bucket', field: 'bucket' },
  { className: 'cell-profile', label: 'Profile', field: 'profile' },
  { className: 'cell-created', label: 'Created', field: 'created' },
  { className: 'cell-expiry', label: 'Expiry', field: 'expires' }
]

/**
 * The column headers; a click on one sorts by it, a second click reverses the order. Every
 * sortable header says so (`aria-sort`: `none` until it is the sorted one).
 */
export function LinksHeader({
  sort,
  onSort
}: {
  sort: LinkSortOrder
  onSort: (field: LinkSortField) => void
}) {
  return (
    <div role="rowgroup" className="links-head" style={{ height: HEADER_HEIGHT }}>
      <div role="row" aria-rowindex={1} className="links-row links-header-row">
        {COLUMNS.map(({ className, label, field }) => {
          const sorted = field !== undefined && sort.field === field
          return (
            <span
              key={className}
              role="columnheader"
              className={`links-cell ${className}`}
              aria-sort={
                field === undefined
                  ? undefined
                  : sorted
                    ? sort.direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : 'none'
              }
            >
              {field ? (
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => onSort(field)}
                  title={sorted ? 'Sorted; click to reverse' : `Sort by ${label.toLowerCase()}`}
                >
                  {label}
                  {/* The order is announced through aria-sort; the arrows are for the eye. */}
                  {sorted ? (
                    <span className="sort-arrow" aria-hidden="true">
                      {sort.direction === 'asc' ? '↑' : '↓'}
                    </span>
                  ) : (
                    <span className="sort-hint" aria-hidden="true">
                      ↕
                    </span>
                  )}
                </button>
              ) : (
                label
              )}
            </span>
          )
        })}
        <span role="columnheader" className="links-cell cell-actions">
          <span className="visually-hidden">Actions</span>
        </span>
      </div>
    </div>
  )
}
