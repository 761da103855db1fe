import { Icon } from '../../lib/Icon'
import { nextSort, type SortColumn, type SortOrder } from './entries'

const COLUMNS: { id: SortColumn; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'size', label: 'Size' },
  { id: 'lastModified', label: 'Last modified' },
  { id: 'storageClass', label: 'Storage class' }
]

/** The number of columns, actions included, for `aria-colcount` and spanning cells. */
export const COLUMN_COUNT = COLUMNS.length + 1

/** The table's header row: a sort button per column. */
export function ObjectTableHead({
  sort,
  onSortChange
}: {
  sort: SortOrder
  onSortChange: (order: SortOrder) => void
}) {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
        {COLUMNS.map((column) => {
          const active = sort.column === column.id
          const ascending = sort.direction === 'asc'
          return (
            <div
              key={column.id}
              role="columnheader"
              className={`cell cell-${column.id}`}
              aria-sort={active ? (ascending ? 'ascending' : 'descending') : undefined}
            >
              <button
                type="button"
                className="sort-button"
                onClick={() => onSortChange(nextSort(sort, column.id))}
              >
                <span className="sort-label">{column.label}</span>
                {active && <Icon name={ascending ? 'arrowUp' : 'arrowDown'} />}
              </button>
            </div>
          )
        })}
        <div role="columnheader" className="cell cell-actions">
          <span className="visually-hidden">Actions</span>
        </div>
      </div>
    </div>
  )
}
