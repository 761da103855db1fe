import { toMs, type Instant } from './countdown'

/**
 * Pure formatting for sizes, counts, dates and clock times; durations are in `countdown.ts`.
 *
 * Every function takes an optional BCP 47 locale; leave it out to use the runtime's default.
 * Nothing here reads the clock: pass `now` where a result depends on it. A date that is
 * missing or impossible reads `—`, never throws.
 */

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const

const UNKNOWN = '—'

const NUMBER_STYLES = {
  whole: { maximumFractionDigits: 0 },
  oneDecimal: { minimumFractionDigits: 1, maximumFractionDigits: 1 }
} as const satisfies Record<string, Intl.NumberFormatOptions>

const DATE_STYLES = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  full: { dateStyle: 'full', timeStyle: 'long' },
  moment: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  clock: { hour: '2-digit', minute: '2-digit' }
} as const satisfies Record<string, Intl.DateTimeFormatOptions>

/**
 * Intl formatters by style and locale.
 *
 * Building one costs about 50 µs, far more than formatting with it, and tables format
 * thousands of cells; so each is built once and reused.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function cachedFormatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  create: () => F
): F {
  let formatter = formatters.get(key) as F | undefined
  if (!formatter) {
    formatter = create()
    formatters.set(key, formatter)
  }
  return formatter
}

function numberFormat(style: keyof typeof NUMBER_STYLES, locale: string | undefined) {
  return cachedFormatter(
    `number:${style}:${locale ?? ''}`,
    () => new Intl.NumberFormat(locale, NUMBER_STYLES[style])
  )
}

function dateFormat(style: keyof typeof DATE_STYLES, locale: string | undefined) {
  return cachedFormatter(
    `date:${style}:${locale ?? ''}`,
    () => new Intl.DateTimeFormat(locale, DATE_STYLES[style])
  )
}

/**
 * A short human size, in decimal units like Finder and the S3 console: `1.2 MB`.
 *
 * One decimal below 10 of a unit, none above (`12 MB`), exact bytes below 1 KB.
 */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return UNKNOWN
  if (bytes < 1000) return `${formatCount(bytes, locale)} B`
  let value = bytes
  let unit = 0
  while (value >= 999.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  const number = numberFormat(value < 10 ? 'oneDecimal' : 'whole', locale).format(value)
  return `${number} ${BYTE_UNITS[unit]}`
}

/** The exact size for a tooltip: `1,234,567 bytes`. */
export function formatExactBytes(bytes: number, locale?: string): string {
  return `${formatCount(bytes, locale)} ${bytes === 1 ? 'byte' : 'bytes'}`
}

/** A whole number with grouping: `2,512`. */
export function formatCount(value: number, locale?: string): string {
  return numberFormat('whole', locale).format(value)
}

/** `1 item`, `2,512 items`. */
export function pluralize(count: number, singular: string, plural: string, locale?: string) {
  return `${formatCount(count, locale)} ${count === 1 ? singular : plural}`
}

/** The date of an instant; null when missing, unreadable or out of `Date`'s range. */
function toDate(at: Instant | null | undefined): Date | null {
  if (at === null || at === undefined) return null
  const date = new Date(toMs(at))
  return Number.isNaN(date.getTime()) ? null : date
}

function formatAt(
  at: Instant | null | undefined,
  style: keyof typeof DATE_STYLES,
  locale: string | undefined
): string {
  const date = toDate(at)
  return date ? dateFormat(style, locale).format(date) : UNKNOWN
}

/** A calendar date: `12 Mar 2024` (locale dependent); `—` when unknown. */
export function formatDate(at: Instant | null | undefined, locale?: string): string {
  return formatAt(at, 'date', locale)
}

/** A date and time for tables: `12 Mar 2024, 14:05`; `—` when unknown. */
export function formatDateTime(at: Instant | null | undefined, locale?: string): string {
  return formatAt(at, 'dateTime', locale)
}

/** A full timestamp for tooltips and details: `Tuesday, 12 March 2024 at 14:05:09 UTC`. */
export function formatFullDateTime(at: Instant | null | undefined, locale?: string): string {
  return formatAt(at, 'full', locale)
}

/** A moment with its date, in the user's locale: "Sat, 28 Nov, 15:42"; `—` when unknown. */
export function formatMoment(at: Instant, locale?: string): string {
  return formatAt(at, 'moment', locale)
}

function sameLocalDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  )
}

/** A moment as a clock time when it falls on the same day as `now` ("14:32"), else with its date. */
export function formatClockTime(at: Instant, now: number, locale?: string): string {
  const date = toDate(at)
  if (!date) return UNKNOWN
  if (!sameLocalDay(date, new Date(now))) return dateFormat('moment', locale).format(date)
  return dateFormat('clock', locale).format(date)
}
