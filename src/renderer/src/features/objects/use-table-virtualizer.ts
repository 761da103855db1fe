import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import type { BrowserRow } from './entries'

/** Row height in pixels; the stylesheet's `--row-height` must match. */
export const ROW_HEIGHT = 28

/** How close to the end of the loaded rows (in rows) scrolling asks for the next page. */
const END_THRESHOLD = 50

/** The row at the top of the view and how far it is scrolled past, to keep it there. */
interface Anchor {
  /** Rows re-ordered for another reason (sort, filter) are not held in place. */
  key: string
  id: string
  /** Pixels of the row above the view's top edge. */
  offset: number
}

/**
 * The object table's virtual rows and its scrolling rules: back to the top in another folder,
 * the keyboard's row brought into view once a folder is listed, the next page asked for near
 * the end, and the rows in view held still while pages arrive.
 */
export function useTableVirtualizer({
  scrollRef,
  rows,
  locationKey,
  anchorKey,
  focusIndex,
  onEndReached
}: {
  scrollRef: RefObject<HTMLDivElement | null>
  rows: BrowserRow[]
  locationKey: string
  /** Changes when rows move for a reason other than pages arriving (sort, filter). */
  anchorKey: string
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

  useHeldAnchor(scrollRef, rows, anchorKey)

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

/**
 * Keeps the row at the top of the view where it is when rows are inserted above it.
 *
 * Folders sort first, and S3 lists them where their names fall: a folder's sub-folders may all
 * come with the last page and land above whatever the user is reading. Without this, every row
 * in view would move down by as many rows as arrived. At the very top nothing is held: the start
 * of the list stays in view, new folders included.
 */
function useHeldAnchor(
  scrollRef: RefObject<HTMLDivElement | null>,
  rows: BrowserRow[],
  anchorKey: string
) {
  const anchor = useRef<Anchor | null>(null)
  const latest = useRef({ rows, anchorKey })

  useLayoutEffect(() => {
    latest.current = { rows, anchorKey }
    const element = scrollRef.current
    if (!element) return
    const held = anchor.current
    if (held && held.key === anchorKey && element.scrollTop > 0) {
      const index = rows.findIndex((row) => row.id === held.id)
      const top = index * ROW_HEIGHT + held.offset
      if (index >= 0 && top !== element.scrollTop) element.scrollTo({ top })
    }
    anchor.current = anchorOf(element, rows, anchorKey)
  }, [rows, anchorKey, scrollRef])

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const record = () => {
      anchor.current = anchorOf(element, latest.current.rows, latest.current.anchorKey)
    }
    element.addEventListener('scroll', record, { passive: true })
    return () => element.removeEventListener('scroll', record)
  }, [scrollRef])
}

function anchorOf(element: HTMLElement, rows: BrowserRow[], key: string): Anchor | null {
  const index = Math.floor(element.scrollTop / ROW_HEIGHT)
  const row = rows[index]
  return row ? { key, id: row.id, offset: element.scrollTop - index * ROW_HEIGHT } : null
}
