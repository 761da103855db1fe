import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatExactBytes,
  formatRelative,
  pluralize
} from './format'

describe('formatBytes', () => {
  it('shows small sizes in exact bytes', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 B')
    expect(formatBytes(999, 'en-US')).toBe('999 B')
  })

  it('shows one decimal below ten units and none above', () => {
    expect(formatBytes(1_200_000, 'en-US')).toBe('1.2 MB')
    expect(formatBytes(12_345_678, 'en-US')).toBe('12 MB')
    expect(formatBytes(1000, 'en-US')).toBe('1.0 KB')
  })

  it('moves to the next unit instead of showing 1,000 of the previous one', () => {
    expect(formatBytes(999_999, 'en-US')).toBe('1.0 MB')
    expect(formatBytes(5 * 10 ** 12, 'en-US')).toBe('5.0 TB')
  })

  it('follows the locale for the decimal separator', () => {
    expect(formatBytes(1_200_000, 'de-DE')).toBe('1,2 MB')
  })

  it('shows a dash for sizes that make no sense', () => {
    expect(formatBytes(-1, 'en-US')).toBe('—')
    expect(formatBytes(Number.NaN, 'en-US')).toBe('—')
  })
})

describe('counts', () => {
  it('groups thousands', () => {
    expect(formatCount(2512, 'en-US')).toBe('2,512')
    expect(formatExactBytes(1_234_567, 'en-US')).toBe('1,234,567 bytes')
    expect(formatExactBytes(1, 'en-US')).toBe('1 byte')
  })

  it('pluralizes by count', () => {
    expect(pluralize(1, 'item', 'items', 'en-US')).toBe('1 item')
    expect(pluralize(100_000, 'item', 'items', 'en-US')).toBe('100,000 items')
  })
})

describe('dates', () => {
  it('shows a dash when the date is missing or unreadable', () => {
    expect(formatDate(null, 'en-US')).toBe('—')
    expect(formatDateTime('not a date', 'en-US')).toBe('—')
  })

  it('formats the calendar date', () => {
    expect(formatDate('2024-03-12T12:00:00Z', 'en-US')).toBe('Mar 12, 2024')
  })

  it('says how long ago something happened', () => {
    const now = Date.parse('2024-03-12T12:00:00Z')
    expect(formatRelative('2024-03-12T11:57:00Z', now, 'en-US')).toBe('3 minutes ago')
    expect(formatRelative('2024-03-11T12:00:00Z', now, 'en-US')).toBe('yesterday')
    expect(formatRelative('2024-03-14T12:00:00Z', now, 'en-US')).toBe('in 2 days')
  })
})
