import { memo, type KeyboardEvent, type MouseEvent } from 'react'
import { formatDate, formatFullDateTime } from '../../../../shared/format'
import type { BucketSummary } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import type { BucketLocation } from './bucket-input'

/** A bucket's open context menu. */
export interface BucketMenu {
  bucket: string
  x: number
  y: number
  /** Gets focus back when the menu closes from the keyboard. */
  button: HTMLElement
}

export interface ListedBucket extends BucketSummary {
  /** The lower-cased name, for filtering. */
  search: string
}

export function toItem(bucket: BucketSummary): ListedBucket {
  return { ...bucket, search: bucket.name.toLowerCase() }
}

/**
 * One listed bucket. Memoized: typing in the filter re-renders the list, not each bucket, so
 * dates are formatted once per bucket rather than once per keystroke.
 */
export const BucketItem = memo(function BucketItem({
  item,
  locale,
  current,
  onOpen,
  onMenu
}: {
  item: ListedBucket
  locale: string | undefined
  current: boolean
  onOpen: (location: BucketLocation) => void
  /** Right-click, the context-menu key or Shift+F10: the bucket's menu. */
  onMenu?: (menu: BucketMenu) => void
}) {
  const openMenu = (event: MouseEvent<HTMLButtonElement>) => {
    if (!onMenu) return
    event.preventDefault()
    onMenu({ bucket: item.name, x: event.clientX, y: event.clientY, button: event.currentTarget })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!onMenu || !(event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey))) {
      return
    }
    event.preventDefault()
    const rect = event.currentTarget.getBoundingClientRect()
    onMenu({ bucket: item.name, x: rect.left + 24, y: rect.bottom, button: event.currentTarget })
  }
  return (
    <li>
      <button
        type="button"
        className="bucket"
        aria-current={current ? 'true' : undefined}
        title={item.name}
        onClick={() => onOpen({ bucket: item.name, prefix: '' })}
        onContextMenu={openMenu}
        onKeyDown={onKeyDown}
      >
        <Icon name="bucket" />
        <span className="bucket-text">
          <span className="bucket-label">{item.name}</span>
          {item.createdAt && (
            <span
              className="bucket-sub"
              title={`Created ${formatFullDateTime(item.createdAt, locale)}`}
            >
              Created {formatDate(item.createdAt, locale)}
            </span>
          )}
        </span>
      </button>
    </li>
  )
})

export function BucketSkeleton() {
  return (
    <div className="bucket-skeleton" role="status">
      <span className="visually-hidden">Loading buckets…</span>
      {[64, 48, 72, 56, 40].map((width, index) => (
        <div
          key={index}
          className="skeleton-line"
          aria-hidden="true"
          style={{ width: `${width}%` }}
        />
      ))}
    </div>
  )
}
