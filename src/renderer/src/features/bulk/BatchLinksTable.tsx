import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { formatDateTime, formatFullDateTime } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'

/** Row height in pixels; bulk.css's `--bulk-row-height` must match. */
const ROW_HEIGHT = 30

export interface BatchLinksTableProps {
  links: IssuedLink[]
  /** Links in the batch, loaded or not. */
  total: number
  /** Scrolled near the last loaded link: time for the next page. */
  onEndReached: () => void
  onCopy: (link: IssuedLink) => void
  /** The id of the link just copied, for its button to say so. */
  copiedId: string | null
}

/**
 * The batch's links: object, URL and real expiry, one row each.
 *
 * Virtualized: only the rows in view are in the DOM, so a batch of 100,000 links scrolls like
 * one of ten.
 */
export function BatchLinksTable({
  links,
  total,
  onEndReached,
  onCopy,
  copiedId
}: BatchLinksTableProps) {
  const locale = uiLocale()
  const scrollRef = useRef<HTMLDivElement>(null)
  // No React Compiler runs here, and the virtualizer re-renders this component on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: links.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => links[index]?.id ?? index
  })
  const items = virtualizer.getVirtualItems()

  const lastIndex = items.at(-1)?.index ?? -1
  useEffect(() => {
    if (links.length > 0 && links.length < total && lastIndex >= links.length - 20) onEndReached()
  }, [lastIndex, links.length, total, onEndReached])

  return (
    <div className="bulk-table" role="table" aria-label="Links made" aria-rowcount={total + 1}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="bulk-row bulk-head">
          <span role="columnheader">Object</span>
          <span role="columnheader">URL</span>
          <span role="columnheader">Expires</span>
          <span role="columnheader">
            <span className="visually-hidden">Copy</span>
          </span>
        </div>
      </div>
      <div ref={scrollRef} className="bulk-scroll">
        <div role="rowgroup" className="bulk-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const link = links[item.index]
            if (!link) return null
            const copied = copiedId === link.id
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={item.index % 2 === 1 ? 'bulk-row is-odd' : 'bulk-row'}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="mono bulk-key" title={link.key}>
                  {link.key}
                </span>
                <span role="cell" className="mono bulk-url selectable" title={link.url}>
                  {link.url}
                </span>
                <span
                  role="cell"
                  className="bulk-expires"
                  title={formatFullDateTime(link.expiresAt, locale)}
                >
                  {formatDateTime(link.expiresAt, locale)}
                  {link.cappedBy === 'credentials' && (
                    <Icon name="warning" className="bulk-capped" />
                  )}
                </span>
                <span role="cell">
                  <button
                    type="button"
                    className="icon-button bulk-copy"
                    aria-label={`Copy the link to ${link.key}`}
                    title={copied ? 'Copied' : 'Copy link'}
                    onClick={() => onCopy(link)}
                  >
                    <Icon name={copied ? 'check' : 'copy'} />
                  </button>
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
