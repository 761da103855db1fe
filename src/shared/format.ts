/**
 * Pure formatting for sizes, counts and dates.
 *
 * Every function takes an optional BCP 47 locale; leave it out to use the runtime's default.
 * Nothing here reads the clock: pass `now` where a result depends on it.
 */

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const

/**
 * A short human size, in decimal units like Finder and the S3 console: `1.2 MB`.
 *
 * One decimal below 10 of a unit, none above (`12 MB`), exact bytes below 1 KB.
 */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  if (bytes < 1000) return `${formatCount(bytes, locale)} B`
  let value = bytes
  let unit = 0
  while (value >= 999.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = value < 10 ? 1 : 0
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(value)
  return `${number} ${BYTE_UNITS[unit]}`
}

/** The exact size for a tooltip: `1,234,567 bytes`. */
export function formatExactBytes(bytes: number, locale?: string): string {
  return `${formatCount(bytes, locale)} ${bytes === 1 ? 'byte' : 'bytes'}`
}

/** A whole number with grouping: `2,512`. */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value)
}

/** `1 item`, `2,512 items`. */
export function pluralize(count: number, singular: string, plural: string, locale?: string) {
  return `${formatCount(count, locale)} ${count === 1 ? singular : plural}`
}

function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A calendar date: `12 Mar 2024` (locale dependent); `—` when unknown. */
export function formatDate(iso: string | null | undefined, locale?: string): string {
  const date = toDate(iso)
  if (!date) return '—'
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date)
}

/** A date and time for tables: `12 Mar 2024, 14:05`; `—` when unknown. */
export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  const date = toDate(iso)
  if (!date) return '—'
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A full timestamp for tooltips and details: `Tuesday, 12 March 2024 at 14:05:09 UTC`. */
export function formatFullDateTime(iso: string | null | undefined, locale?: string): string {
  const date = toDate(iso)
  if (!date) return '—'
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'long'
  }).format(date)
}

/**
 * How long ago, in words: `3 minutes ago`, `yesterday`, `in 2 days`.
 *
 * `now` is epoch milliseconds, passed in so callers decide which clock to trust.
 */
export function formatRelative(iso: string | null | undefined, now: number, locale?: string) {
  const date = toDate(iso)
  if (!date) return '—'
  const seconds = Math.round((date.getTime() - now) / 1000)
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
    ['year', Number.POSITIVE_INFINITY]
  ]
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  let value = seconds
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit)
    value /= size
  }
  return rtf.format(Math.round(value), 'year')
}
