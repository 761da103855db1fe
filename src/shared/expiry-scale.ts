import { MAX_LINK_SECONDS } from './ipc-contract'
import { DAY_SECONDS as DAY, HOUR_SECONDS as HOUR, MINUTE_SECONDS as MINUTE } from './time-units'

/** The shortest lifetime the share dialog offers: one minute. */
export const MIN_EXPIRY_SECONDS = MINUTE
/** The longest lifetime SigV4 allows for a pre-signed URL: seven days. */
export const MAX_EXPIRY_SECONDS = MAX_LINK_SECONDS
/** What the share dialog starts with. */
export const DEFAULT_EXPIRY_SECONDS = HOUR

export interface ExpiryPreset {
  label: string
  seconds: number
}

export const EXPIRY_PRESETS: readonly ExpiryPreset[] = [
  { label: '15 min', seconds: 15 * MINUTE },
  { label: '1 h', seconds: HOUR },
  { label: '1 day', seconds: DAY },
  { label: '7 days', seconds: 7 * DAY }
]

/**
 * Each band of the scale: from `from` (exclusive, except the first) up to `to`, in steps of `step`.
 *
 * Every slider position is one of these friendly values, so the track spends its length where
 * people choose: 59 positions for minutes, 28 for the first hours, 42 for hours up to two days
 * and 20 for the last five days. That lands 1 h at about 40 % and 1 day at about 70 %, close to a
 * logarithmic scale, while keyboard arrows always move to the next round value.
 */
const BANDS: readonly { from: number; to: number; step: number }[] = [
  { from: MIN_EXPIRY_SECONDS, to: HOUR, step: MINUTE },
  { from: HOUR, to: 2 * HOUR, step: 5 * MINUTE },
  { from: 2 * HOUR, to: 6 * HOUR, step: 15 * MINUTE },
  { from: 6 * HOUR, to: 2 * DAY, step: HOUR },
  { from: 2 * DAY, to: MAX_EXPIRY_SECONDS, step: 6 * HOUR }
]

function buildStops(): readonly number[] {
  const stops = [MIN_EXPIRY_SECONDS]
  for (const band of BANDS) {
    for (let value = band.from + band.step; value <= band.to; value += band.step) stops.push(value)
  }
  return stops
}

/** The friendly values, ascending; position `i` on the slider is `EXPIRY_STOPS[i]`. */
export const EXPIRY_STOPS: readonly number[] = buildStops()

/** The slider's last position; its first is 0. */
export const SLIDER_MAX = EXPIRY_STOPS.length - 1

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** The lifetime (seconds) at a slider position; positions between steps round to the nearest. */
export function sliderToSeconds(position: number): number {
  const index = Number.isFinite(position) ? clamp(Math.round(position), 0, SLIDER_MAX) : 0
  return EXPIRY_STOPS[index] ?? MIN_EXPIRY_SECONDS
}

/** Index of the last stop that is at most `seconds` (seconds already within bounds). */
function stopAtOrBelow(seconds: number): number {
  let low = 0
  let high = SLIDER_MAX
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if ((EXPIRY_STOPS[middle] ?? Infinity) <= seconds) low = middle
    else high = middle - 1
  }
  return low
}

function boundedSeconds(seconds: number): number {
  if (Number.isNaN(seconds)) return MIN_EXPIRY_SECONDS
  return clamp(seconds, MIN_EXPIRY_SECONDS, MAX_EXPIRY_SECONDS)
}

/**
 * The slider position for a lifetime: the position of the nearest friendly value.
 *
 * Values outside 1 minute to 7 days land on the ends. `sliderToSeconds(secondsToSlider(s))` is
 * the friendly value closest to `s`; for a friendly value it is `s` itself.
 */
export function secondsToSlider(seconds: number): number {
  const bounded = boundedSeconds(seconds)
  const below = stopAtOrBelow(bounded)
  if (below === SLIDER_MAX) return below
  const low = EXPIRY_STOPS[below] ?? bounded
  const high = EXPIRY_STOPS[below + 1] ?? bounded
  return bounded - low < high - bounded ? below : below + 1
}

/**
 * Where a lifetime sits along the track, from 0 (1 minute) to 1 (7 days), without snapping.
 *
 * Used to place marks such as the credentials' expiry, which rarely falls on a friendly value.
 */
export function secondsToTrackFraction(seconds: number): number {
  const bounded = boundedSeconds(seconds)
  const below = stopAtOrBelow(bounded)
  if (below === SLIDER_MAX) return 1
  const low = EXPIRY_STOPS[below] ?? bounded
  const high = EXPIRY_STOPS[below + 1] ?? bounded
  return (below + (bounded - low) / (high - low)) / SLIDER_MAX
}
