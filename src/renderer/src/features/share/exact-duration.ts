import { MAX_EXPIRY_SECONDS, MIN_EXPIRY_SECONDS } from '../../../../shared/expiry-scale'
import { DAY_SECONDS, HOUR_SECONDS, MINUTE_SECONDS } from '../../../../shared/time-units'

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
  const text = amount.trim().replace(',', '.')
  const value = text === '' ? Number.NaN : Number(text)
  if (!Number.isFinite(value) || value <= 0) {
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
