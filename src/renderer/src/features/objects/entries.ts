import type { ObjectPage } from '../../../../shared/models'

export interface FolderRow {
  kind: 'folder'
  /** The full prefix, unique among rows. */
  id: string
  name: string
  prefix: string
  /** Lower-cased name, for filtering. */
  search: string
}

export interface ObjectRow {
  kind: 'object'
  /** The full key, unique among rows. */
  id: string
  name: string
  key: string
  size: number
  lastModified: string | null
  /** `lastModified` as epoch ms for sorting; 0 when unknown. */
  modifiedAt: number
  storageClass: string | null
  etag: string | null
  search: string
}

/** One row of the object table: a folder (common prefix) or an object. */
export type BrowserRow = FolderRow | ObjectRow

export type SortColumn = 'name' | 'size' | 'lastModified' | 'storageClass'
export type SortDirection = 'asc' | 'desc'
export interface SortOrder {
  column: SortColumn
  direction: SortDirection
}

export const DEFAULT_SORT: SortOrder = { column: 'name', direction: 'asc' }

/** The direction a column sorts in on first click: names A to Z, sizes and dates biggest/newest first. */
export function defaultDirection(column: SortColumn): SortDirection {
  return column === 'size' || column === 'lastModified' ? 'desc' : 'asc'
}

/** The order after clicking a column header: flip the current column, or start another one. */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) {
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  }
  return { column, direction: defaultDirection(column) }
}

const pageRows = new WeakMap<ObjectPage, BrowserRow[]>()

/**
 * The rows of one page, folders then objects, computed once per page.
 *
 * Names are relative to `folder`, the folder shown: a search page was listed with a longer
 * prefix (the folder plus the typed text), and its entries keep their full names in the table.
 */
function rowsOfPage(page: ObjectPage, folder: string): BrowserRow[] {
  const cached = pageRows.get(page)
  if (cached) return cached
  const rows: BrowserRow[] = []
  for (const entry of page.folders) {
    const name = entry.prefix.slice(folder.length).replace(/\/$/, '')
    rows.push({
      kind: 'folder',
      id: entry.prefix,
      name,
      prefix: entry.prefix,
      search: name.toLowerCase()
    })
  }
  for (const object of page.objects) {
    // The zero-byte "folder marker" a console creates has the folder's own key: not a file in it.
    if (object.key === folder || !object.key.startsWith(folder)) continue
    const name = object.key.slice(folder.length)
    const modifiedAt = object.lastModified ? Date.parse(object.lastModified) : 0
    rows.push({
      kind: 'object',
      id: object.key,
      name,
      key: object.key,
      size: object.size,
      lastModified: object.lastModified,
      modifiedAt: Number.isNaN(modifiedAt) ? 0 : modifiedAt,
      storageClass: object.storageClass,
      etag: object.etag,
      search: name.toLowerCase()
    })
  }
  pageRows.set(page, rows)
  return rows
}

/** Every loaded row, in the order S3 returned them; `folder` defaults to the pages' own prefix. */
export function rowsOfPages(pages: readonly ObjectPage[], folder?: string): BrowserRow[] {
  if (pages.length === 1 && pages[0]) return rowsOfPage(pages[0], folder ?? pages[0].prefix)
  return pages.flatMap((page) => rowsOfPage(page, folder ?? page.prefix))
}

/** Rows whose name contains the text, ignoring case; all rows for blank text. */
export function filterRows(rows: BrowserRow[], text: string): BrowserRow[] {
  const needle = text.trim().toLowerCase()
  if (!needle) return rows
  return rows.filter((row) => row.search.includes(needle))
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function compareNames(a: BrowserRow, b: BrowserRow): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * Rows in the given order, folders always first.
 *
 * Names compare naturally (`file2` before `file10`). Folders have no size, date or class, so
 * they stay by name unless the name column is the one sorted. Ties fall back to the name.
 */
export function sortRows(rows: BrowserRow[], order: SortOrder): BrowserRow[] {
  const folders: FolderRow[] = []
  const objects: ObjectRow[] = []
  for (const row of rows) {
    if (row.kind === 'folder') folders.push(row)
    else objects.push(row)
  }
  const sign = order.direction === 'asc' ? 1 : -1
  const folderSign = order.column === 'name' ? sign : 1
  folders.sort((a, b) => folderSign * compareNames(a, b))
  objects.sort((a, b) => {
    let result = 0
    if (order.column === 'size') result = a.size - b.size
    else if (order.column === 'lastModified') result = a.modifiedAt - b.modifiedAt
    else if (order.column === 'storageClass') {
      result = collator.compare(a.storageClass ?? '', b.storageClass ?? '')
    }
    return sign * result || (order.column === 'name' ? sign : 1) * compareNames(a, b)
  })
  return [...folders, ...objects]
}

export interface Crumb {
  name: string
  prefix: string
}

/** The folders on the way to a prefix: `a/b/` → `a` (`a/`), `b` (`a/b/`). */
export function crumbsOf(prefix: string): Crumb[] {
  const crumbs: Crumb[] = []
  let start = 0
  for (let end = prefix.indexOf('/'); end >= 0; end = prefix.indexOf('/', start)) {
    crumbs.push({ name: prefix.slice(start, end), prefix: prefix.slice(0, end + 1) })
    start = end + 1
  }
  return crumbs
}

/** The `s3://` URI of a bucket, folder or object, as the CLI takes it. */
export function s3Uri(bucket: string, keyOrPrefix = ''): string {
  return `s3://${bucket}/${keyOrPrefix}`
}
