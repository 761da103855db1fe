import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type RefObject } from 'react'
import type { BrowserRow } from './entries'

/** Row height in pixels; the stylesheet's `--row-height` must match. */
export const ROW_HEIGHT = 28

/** How close to the end of the loaded rows (in rows) scrolling asks for the next page. */
const END_THRESHOLD = 50

/**
 * The object table's virtual rows and its scrolling rules: back to the top in another folder,
 * the keyboard's row brought into view once a folder is listed, and the next page asked for
 * near the end.
 */
export function useTableVirtualizer({
  scrollRef,
  rows,
  locationKey,
  focusIndex,
  onEndReached
}: {
  scrollRef: RefObject<HTMLDivElement | null>
  rows: BrowserRow[]
  locationKey: string
  focusIndex: number
  onEndReached: () => void
}) {
  // No React Compiler runs here, and the virtualizer re-renders this component on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.id ?? index
  })
  const items = virtualizer.getVirtualItems()

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [locationKey, scrollRef])

  // Coming back up to a folder selects the child just left: bring it into view once listed.
  const revealedFor = useRef<string | null>(null)
  const hasRows = rows.length > 0
  useEffect(() => {
    if (!hasRows || revealedFor.current === locationKey) return
    revealedFor.current = locationKey
    if (focusIndex > 0) virtualizer.scrollToIndex(focusIndex, { align: 'center' })
  }, [hasRows, locationKey, focusIndex, virtualizer])

  const lastRenderedIndex = items.at(-1)?.index ?? -1
  useEffect(() => {
    if (rows.length > 0 && lastRenderedIndex >= rows.length - END_THRESHOLD) onEndReached()
  }, [lastRenderedIndex, rows.length, onEndReached])

  /** How many rows a Page Up/Down moves: a screenful, less one for context. */
  const pageSize = () =>
    Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1)

  return { virtualizer, items, pageSize }
}
