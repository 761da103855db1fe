import { describe, expect, it } from 'vitest'
import { loadedText, searchText } from './status-text'

describe('the status line', () => {
  it('says "more to come" while pages are still coming and no total is known', () => {
    const base = { failed: false, pending: false, loaded: 4800, more: true }
    expect(loadedText(base, 'en-US')).toBe('4,800 loaded, more to come')
    expect(loadedText({ ...base, total: 5200 }, 'en-US')).toBe('4,800 of 5,200 loaded')
    expect(loadedText({ ...base, loaded: 5200, more: false }, 'en-US')).toBe('5,200 items')
    expect(loadedText({ ...base, pending: true }, 'en-US')).toBe('Loading…')
    expect(loadedText({ ...base, failed: true }, 'en-US')).toBe('Not listed')
  })

  it('says what a search of the server is doing and has found', () => {
    const base = { text: 'IMG_04', searching: false, found: 37, more: false }
    expect(searchText({ ...base, searching: true }, 'en-US')).toBe(
      'Searching names that start with “IMG_04”…'
    )
    expect(searchText(base, 'en-US')).toBe('37 names start with “IMG_04”')
    expect(searchText({ ...base, found: 1 }, 'en-US')).toBe('1 name starts with “IMG_04”')
    expect(searchText({ ...base, found: 1000, more: true }, 'en-US')).toBe(
      '1,000 names start with “IMG_04”, more to come'
    )
  })
})
