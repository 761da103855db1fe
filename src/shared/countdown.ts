import {
  DAY_MS,
  DAY_SECONDS,
  HOUR_MS,
  HOUR_SECONDS,
  MINUTE_MS,
  MINUTE_SECONDS,
  SECOND_MS
} from './time-units'

/**
 * Durations: link status, countdowns, ages and lifetimes. Dates and clock times are in
 * `format.ts`. A countdown or age of an impossible time (`NaN`) reads `—`.
 */

/** A point in time: epoch milliseconds or an ISO string as stored in `IssuedLink`. */
export type Instant = number | string

export type LinkStatus = 'active' | 'expiring' | 'expired'

/** What `linkStatus` needs of a link. */
export interface LinkTimes {
  createdAt: Instant
  expiresAt: Instant
}

/**
 * A link is "expiring soon" once less than 10 % of its lifetime is left, or less than 5 minutes,
 * whichever threshold comes first.
 *
 * The fraction scales with long links (a 7-day link warns from about 17 h before, early enough
 * to reissue it before the recipient's next working day); the 5-minute floor gives short links a
 * warning someone can act on (10 % of a 15-minute link would be 90 s). A link shorter than
 * 5 minutes is therefore "expiring soon" from the start, which it is.
 */
export const EXPIRING_SOON_FRACTION = 0.1
export const EXPIRING_SOON_MIN_MS = 5 * MINUTE_MS

/** What a formatter shows for an impossible time. */
const UNKNOWN = '—'

export function toMs(instant: Instant): number {
  return typeof instant === 'number' ? instant : Date.parse(instant)
}

/** When a link turns from active to expiring soon (epoch ms); see `EXPIRING_SOON_FRACTION`. */
export function expiringSoonAt(link: LinkTimes): number {
  const createdAt = toMs(link.createdAt)
  const expiresAt = toMs(link.expiresAt)
  const lead = Math.max((expiresAt - createdAt) * EXPIRING_SOON_FRACTION, EXPIRING_SOON_MIN_MS)
  return Math.max(createdAt, expiresAt - lead)
}

/**
 * The status of a link at `now`.
 *
 * It is expired from exactly `expiresAt` on: S3 refuses a pre-signed URL once the current time
 * reaches the signing time plus `X-Amz-Expires`.
 */
export function linkStatus(link: LinkTimes, now: number): LinkStatus {
  if (now >= toMs(link.expiresAt)) return 'expired'
  if (now >= expiringSoonAt(link)) return 'expiring'
  return 'active'
}

/**
 * What the Links view shows for a link: a revoked link is `revoked` whatever its times say, so
 * that it shows apart from live and expired ones.
 */
export function displayStatus(
  link: LinkTimes & { revoked?: unknown },
  now: number
): LinkStatus | 'revoked' {
  if (link.revoked !== undefined && link.revoked !== null) return 'revoked'
  return linkStatus(link, now)
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/**
 * A remaining time as a countdown: "42 s", "14 min 03 s", "3 h 07 min", "2 d 5 h".
 *
 * Whole units only, rounded down, so a fresh one-hour link reads "59 min 59 s"; under a second
 * it reads "< 1 s" rather than a misleading "0 s".
 */
export function formatCountdown(ms: number): string {
  if (Number.isNaN(ms)) return UNKNOWN
  if (ms < SECOND_MS) return '< 1 s'
  const totalSeconds = Math.floor(ms / SECOND_MS)
  const days = Math.floor(totalSeconds / DAY_SECONDS)
  const hours = Math.floor((totalSeconds % DAY_SECONDS) / HOUR_SECONDS)
  const minutes = Math.floor((totalSeconds % HOUR_SECONDS) / MINUTE_SECONDS)
  const seconds = totalSeconds % MINUTE_SECONDS
  if (days > 0) return `${days} d ${hours} h`
  if (hours > 0) return `${hours} h ${pad2(minutes)} min`
  if (minutes > 0) return `${minutes} min ${pad2(seconds)} s`
  return `${seconds} s`
}

/** An elapsed time in its largest whole unit: "12 s", "3 min", "2 h", "4 d". */
function formatElapsed(ms: number): string {
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)} d`
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)} h`
  if (ms >= MINUTE_MS) return `${Math.floor(ms / MINUTE_MS)} min`
  return `${Math.floor(Math.max(ms, 0) / SECOND_MS)} s`
}

/** "expires in 14 min 03 s", or once `expiresAt` is reached "expired just now" / "expired 2 h ago". */
export function formatRemaining(expiresAt: Instant, now: number): string {
  const remaining = toMs(expiresAt) - now
  if (Number.isNaN(remaining)) return UNKNOWN
  if (remaining > 0) return `expires in ${formatCountdown(remaining)}`
  if (remaining > -SECOND_MS) return 'expired just now'
  return `expired ${formatElapsed(-remaining)} ago`
}

/** How long ago something happened, to the minute: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(then: Instant, now: number): string {
  const elapsed = now - toMs(then)
  if (Number.isNaN(elapsed)) return UNKNOWN
  if (elapsed < MINUTE_MS) return 'just now'
  return `${formatElapsed(elapsed)} ago`
}

const LIFETIME_UNITS = [
  { seconds: DAY_SECONDS, short: 'd', one: 'day', many: 'days' },
  { seconds: HOUR_SECONDS, short: 'h', one: 'hour', many: 'hours' },
  { seconds: MINUTE_SECONDS, short: 'min', one: 'minute', many: 'minutes' },
  { seconds: 1, short: 's', one: 'second', many: 'seconds' }
] as const

function lifetimeParts(
  totalSeconds: number
): { amount: number; unit: (typeof LIFETIME_UNITS)[number] }[] {
  let rest = Math.max(0, Math.round(totalSeconds))
  const parts: { amount: number; unit: (typeof LIFETIME_UNITS)[number] }[] = []
  for (const unit of LIFETIME_UNITS) {
    const amount = Math.floor(rest / unit.seconds)
    rest -= amount * unit.seconds
    if (amount > 0 || parts.length > 0) parts.push({ amount, unit })
  }
  return parts.slice(0, 2).filter((part) => part.amount > 0)
}

/** A chosen lifetime, compactly, in at most two units: "15 min", "1 h 30 min", "2 d 6 h". */
export function formatLifetime(seconds: number): string {
  const parts = lifetimeParts(seconds)
  if (parts.length === 0) return '0 s'
  return parts.map((part) => `${part.amount} ${part.unit.short}`).join(' ')
}

/** A chosen lifetime in words, for screen readers: "1 hour 30 minutes", "7 days". */
export function describeLifetime(seconds: number): string {
  const parts = lifetimeParts(seconds)
  if (parts.length === 0) return '0 seconds'
  return parts
    .map((part) => `${part.amount} ${part.amount === 1 ? part.unit.one : part.unit.many}`)
    .join(' ')
}
