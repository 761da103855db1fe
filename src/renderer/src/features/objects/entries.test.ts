import { describe, expect, it } from 'vitest'
import { crumbsOf, nextSort, rowsOfPages, sortRows } from './entries'

describe('folder paths', () => {
  it('splits a prefix into breadcrumbs', () => {
    expect(crumbsOf('2024/march/')).toEqual([
      { name: '2024', prefix: '2024/' },
      { name: 'march', prefix: '2024/march/' }
    ])
    expect(crumbsOf('')).toEqual([])
  })
})

describe('rows', () => {
  it("hides the folder's own zero-byte marker object", () => {
    const rows = rowsOfPages([
      {
        bucket: 'b',
        prefix: 'docs/',
        folders: [],
        objects: [
          { key: 'docs/', name: '', size: 0, lastModified: null, storageClass: null, etag: null },
          {
            key: 'docs/a.md',
            name: 'a.md',
            size: 1,
            lastModified: null,
            storageClass: null,
            etag: null
          }
        ],
        nextToken: null
      }
    ])
    expect(rows.map((row) => row.id)).toEqual(['docs/a.md'])
  })

  it('starts a new column biggest or newest first, and flips the current one', () => {
    expect(nextSort({ column: 'name', direction: 'asc' }, 'size')).toEqual({
      column: 'size',
      direction: 'desc'
    })
    expect(nextSort({ column: 'size', direction: 'desc' }, 'size')).toEqual({
      column: 'size',
      direction: 'asc'
    })
  })

  it('keeps folders first whatever the order', () => {
    const rows = rowsOfPages([
      {
        bucket: 'b',
        prefix: '',
        folders: [{ prefix: 'z/', name: 'z' }],
        objects: [
          { key: 'a', name: 'a', size: 5, lastModified: null, storageClass: null, etag: null }
        ],
        nextToken: null
      }
    ])
    expect(sortRows(rows, { column: 'name', direction: 'asc' }).map((r) => r.name)).toEqual([
      'z',
      'a'
    ])
    expect(sortRows(rows, { column: 'size', direction: 'asc' }).map((r) => r.name)).toEqual([
      'z',
      'a'
    ])
  })
})

describe('rows of a search', () => {
  it('names rows relative to the folder shown, not to the longer search prefix', () => {
    const rows = rowsOfPages(
      [
        {
          bucket: 'b',
          prefix: 'camera/IMG_04',
          folders: [{ prefix: 'camera/IMG_04x/', name: 'x' }],
          objects: [
            {
              key: 'camera/IMG_0412.jpg',
              name: '12.jpg',
              size: 1,
              lastModified: null,
              storageClass: null,
              etag: null
            }
          ],
          nextToken: null
        }
      ],
      'camera/'
    )
    expect(rows.map((row) => row.name)).toEqual(['IMG_04x', 'IMG_0412.jpg'])
  })
})
