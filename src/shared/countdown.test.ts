import { describe, expect, it } from 'vitest'
import {
  describeLifetime,
  expiringSoonAt,
  formatAgo,
  formatCountdown,
  formatLifetime,
  formatRemaining,
  linkStatus
} from './countdown'
import {
  DAY_MS as DAY,
  HOUR_MS as HOUR,
  MINUTE_MS as MINUTE,
  SECOND_MS as SECOND
} from './time-units'

const NOW = Date.parse('2025-11-28T14:00:00.000Z')

describe('formatRemaining', () => {
  it.each([
    [HOUR - 1, 'expires in 59 min 59 s'],
    [14 * MINUTE + 3 * SECOND, 'expires in 14 min 03 s'],
    [14 * MINUTE + 3 * SECOND + 999, 'expires in 14 min 03 s'],
    [42 * SECOND, 'expires in 42 s'],
    [500, 'expires in < 1 s'],
    [1, 'expires in < 1 s'],
    [HOUR, 'expires in 1 h 00 min'],
    [3 * HOUR + 7 * MINUTE + 30 * SECOND, 'expires in 3 h 07 min'],
    [2 * DAY + 5 * HOUR + 59 * MINUTE, 'expires in 2 d 5 h'],
    [7 * DAY, 'expires in 7 d 0 h'],
    [0, 'expired just now'],
    [-999, 'expired just now'],
    [-12 * SECOND, 'expired 12 s ago'],
    [-3 * MINUTE - 59 * SECOND, 'expired 3 min ago'],
    [-2 * HOUR - 30 * MINUTE, 'expired 2 h ago'],
    [-4 * DAY, 'expired 4 d ago']
  ])('reads %i ms before expiry as "%s"', (delta, text) => {
    expect(formatRemaining(NOW + delta, NOW)).toBe(text)
  })

  it('accepts the ISO strings links are stored with', () => {
    expect(formatRemaining('2025-11-28T14:14:03.000Z', NOW)).toBe('expires in 14 min 03 s')
  })

  it('never shows zero seconds left on a link that still works', () => {
    expect(formatCountdown(0.4)).toBe('< 1 s')
  })

  it('shows a dash for an impossible expiry', () => {
    expect(formatRemaining('not a date', NOW)).toBe('—')
    expect(formatRemaining(Number.NaN, NOW)).toBe('—')
    expect(formatCountdown(Number.NaN)).toBe('—')
    expect(formatAgo('not a date', NOW)).toBe('—')
  })
})

describe('linkStatus', () => {
  const hourLink = { createdAt: NOW, expiresAt: NOW + HOUR }

  it('switches to expired exactly at expiresAt', () => {
    expect(linkStatus(hourLink, NOW + HOUR - 1)).not.toBe('expired')
    expect(linkStatus(hourLink, NOW + HOUR)).toBe('expired')
    expect(linkStatus(hourLink, NOW + HOUR + 1)).toBe('expired')
  })

  it('warns in the last 10 % of a long lifetime', () => {
    const week = { createdAt: NOW, expiresAt: NOW + 7 * DAY }
    const soon = NOW + 7 * DAY - 0.1 * 7 * DAY
    expect(expiringSoonAt(week)).toBe(soon)
    expect(linkStatus(week, soon - 1)).toBe('active')
    expect(linkStatus(week, soon)).toBe('expiring')
  })

  it('warns in the last 5 minutes of a short lifetime', () => {
    const quarter = { createdAt: NOW, expiresAt: NOW + 15 * MINUTE }
    expect(linkStatus(quarter, NOW + 10 * MINUTE - 1)).toBe('active')
    expect(linkStatus(quarter, NOW + 10 * MINUTE)).toBe('expiring')
    expect(linkStatus(hourLink, NOW + 54 * MINUTE)).toBe('expiring')
  })

  it('calls a link shorter than the warning time expiring from the start', () => {
    const minute = { createdAt: NOW, expiresAt: NOW + MINUTE }
    expect(linkStatus(minute, NOW)).toBe('expiring')
  })

  it('reads ISO strings', () => {
    const link = { createdAt: '2025-11-28T14:00:00.000Z', expiresAt: '2025-11-28T15:00:00.000Z' }
    expect(linkStatus(link, NOW + 30 * MINUTE)).toBe('active')
    expect(linkStatus(link, NOW + HOUR)).toBe('expired')
  })
})

describe('formatAgo', () => {
  it.each([
    [0, 'just now'],
    [59 * SECOND, 'just now'],
    [5 * MINUTE, '5 min ago'],
    [3 * HOUR + 59 * MINUTE, '3 h ago'],
    [2 * DAY, '2 d ago']
  ])('reads %i ms ago as "%s"', (elapsed, text) => {
    expect(formatAgo(NOW - elapsed, NOW)).toBe(text)
  })
})

describe('lifetimes', () => {
  it.each([
    [60, '1 min', '1 minute'],
    [900, '15 min', '15 minutes'],
    [3_600, '1 h', '1 hour'],
    [5_400, '1 h 30 min', '1 hour 30 minutes'],
    [86_400, '1 d', '1 day'],
    [194_400, '2 d 6 h', '2 days 6 hours'],
    [604_800, '7 d', '7 days'],
    [90_060, '1 d 1 h', '1 day 1 hour']
  ])('formats %i s as "%s" and "%s"', (seconds, short, long) => {
    expect(formatLifetime(seconds)).toBe(short)
    expect(describeLifetime(seconds)).toBe(long)
  })
})
