import { MAX_EXPIRY_SECONDS, MIN_EXPIRY_SECONDS } from './expiry-scale'
import { MAX_LINK_SECONDS, MIN_LINK_SECONDS } from './ipc-contract'
import { DAY_SECONDS, HOUR_SECONDS, MINUTE_SECONDS } from './time-units'

/**
 * Lifetimes typed by people: the share dialog's exact field (an amount and a unit picked
 * apart) and the command line's `--expires` (one word: `90m`, `1h`, `7d`, `3600`).
 */

export type DurationUnit = 'minutes' | 'hours' | 'days'

export const UNIT_SECONDS: Record<DurationUnit, number> = {
  minutes: MINUTE_SECONDS,
  hours: HOUR_SECONDS,
  days: DAY_SECONDS
}

export const DURATION_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days']

/** What the exact field shows for a lifetime: the largest unit that divides it evenly. */
export function toExactDuration(seconds: number): { amount: string; unit: DurationUnit } {
  for (const unit of ['days', 'hours'] as const) {
    if (seconds % UNIT_SECONDS[unit] === 0)
      return { amount: String(seconds / UNIT_SECONDS[unit]), unit }
  }
  const minutes = Math.round((seconds / MINUTE_SECONDS) * 100) / 100
  return { amount: String(minutes), unit: 'minutes' }
}

export type ParsedDuration = { ok: true; seconds: number } | { ok: false; message: string }

/**
 * Reads the exact field: a positive number (decimals allowed, "1.5" hours) in a unit.
 *
 * The result is rounded to whole seconds and must lie between 1 minute and 7 days, the range
 * S3 accepts for a pre-signed URL; the message says which limit was crossed, in the field's unit.
 */
export function parseExactDuration(amount: string, unit: DurationUnit): ParsedDuration {
  const value = readAmount(amount)
  if (value === null) {
    return { ok: false, message: 'Enter how long the link should work, for example 90 minutes.' }
  }
  const seconds = Math.round(value * UNIT_SECONDS[unit])
  if (seconds < MIN_EXPIRY_SECONDS) {
    return { ok: false, message: 'A link must work for at least 1 minute.' }
  }
  if (seconds > MAX_EXPIRY_SECONDS) {
    const limit = { minutes: '10,080 minutes', hours: '168 hours', days: '7 days' }[unit]
    return {
      ok: false,
      message: `A link can work for at most 7 days (${limit}): the limit S3 sets for pre-signed URLs.`
    }
  }
  return { ok: true, seconds }
}

/** A positive number as typed, with a decimal point or comma; null when it is not one. */
function readAmount(amount: string): number | null {
  const text = amount.trim().replace(',', '.')
  const value = text === '' ? Number.NaN : Number(text)
  return Number.isFinite(value) && value > 0 ? value : null
}

const TEXT_UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: MINUTE_SECONDS,
  min: MINUTE_SECONDS,
  mins: MINUTE_SECONDS,
  minute: MINUTE_SECONDS,
  minutes: MINUTE_SECONDS,
  h: HOUR_SECONDS,
  hr: HOUR_SECONDS,
  hrs: HOUR_SECONDS,
  hour: HOUR_SECONDS,
  hours: HOUR_SECONDS,
  d: DAY_SECONDS,
  day: DAY_SECONDS,
  days: DAY_SECONDS
}

/**
 * Reads a lifetime written as one word: a number and a unit (`90m`, `1.5h`, `7d`, `30s`), or a
 * bare number of seconds (`3600`).
 *
 * Whole seconds, from 1 second to 7 days: the limits SigV4 sets on `X-Amz-Expires`, wider than
 * the share dialog's one-minute floor because a script may want a link for a single request.
 */
export function parseDurationText(input: string): ParsedDuration {
  const match = /^\s*([0-9.,]+)\s*([a-z]*)\s*$/i.exec(input)
  const amount = match?.[1] === undefined ? null : readAmount(match[1])
  const unitSeconds = match === null ? undefined : TEXT_UNITS[(match[2] || 's').toLowerCase()]
  if (amount === null || unitSeconds === undefined) {
    return {
      ok: false,
      message: `\`${input}\` is not a lifetime. Write a number with a unit (90m, 1h, 7d, 30s) or a number of seconds (3600).`
    }
  }
  const seconds = Math.round(amount * unitSeconds)
  if (seconds < MIN_LINK_SECONDS) {
    return { ok: false, message: 'A link must work for at least 1 second.' }
  }
  if (seconds > MAX_LINK_SECONDS) {
    return {
      ok: false,
      message: `A link can work for at most 7 days (7d, ${MAX_LINK_SECONDS} seconds): the limit S3 sets for pre-signed URLs.`
    }
  }
  return { ok: true, seconds }
}
