import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatClockTime,
  formatCount,
  formatDate,
  formatDateTime,
  formatExactBytes,
  formatFullDateTime,
  formatMoment,
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

  it('shows a moment with its date, or only its time on the same day', () => {
    const at = Date.parse('2025-11-28T15:42:00')
    expect(formatMoment(at, 'en-GB')).toBe('Fri 28 Nov, 15:42')
    expect(formatClockTime(at, Date.parse('2025-11-28T09:00:00'), 'en-GB')).toBe('15:42')
    expect(formatClockTime(at, Date.parse('2025-11-27T09:00:00'), 'en-GB')).toBe(
      'Fri 28 Nov, 15:42'
    )
  })

  it('shows a dash for an impossible date instead of throwing', () => {
    const now = Date.parse('2025-11-28T14:00:00Z')
    for (const impossible of [Number.NaN, 'not a date', 1e20, '2025-13-45T99:00:00Z']) {
      expect(formatMoment(impossible, 'en-US')).toBe('—')
      expect(formatClockTime(impossible, now, 'en-US')).toBe('—')
      expect(formatDate(impossible, 'en-US')).toBe('—')
      expect(formatDateTime(impossible, 'en-US')).toBe('—')
      expect(formatFullDateTime(impossible, 'en-US')).toBe('—')
    }
  })

  it('reuses its formatters without mixing up locales', () => {
    const at = '2024-03-12T12:00:00Z'
    expect(formatDate(at, 'en-US')).toBe('Mar 12, 2024')
    expect(formatDate(at, 'de-DE')).toBe('12.03.2024')
    expect(formatDate(at, 'en-US')).toBe('Mar 12, 2024')
    expect(formatBytes(1_200_000, 'de-DE')).toBe('1,2 MB')
    expect(formatBytes(1_200_000, 'en-US')).toBe('1.2 MB')
  })
})
