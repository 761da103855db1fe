import { describe, expect, it } from 'vitest'
import {
  DEFAULT_EXPIRY_SECONDS,
  EXPIRY_PRESETS,
  EXPIRY_STOPS,
  MAX_EXPIRY_SECONDS,
  MIN_EXPIRY_SECONDS,
  SLIDER_MAX,
  secondsToSlider,
  secondsToTrackFraction,
  sliderToSeconds
} from './expiry-scale'
import { DAY_SECONDS as DAY, HOUR_SECONDS as HOUR, MINUTE_SECONDS as MINUTE } from './time-units'

/** The friendly value closest to a lifetime: where the slider lands for it. */
function snapSeconds(seconds: number): number {
  return sliderToSeconds(secondsToSlider(seconds))
}

describe('expiry slider scale', () => {
  it('runs from exactly one minute to exactly seven days', () => {
    expect(sliderToSeconds(0)).toBe(60)
    expect(sliderToSeconds(SLIDER_MAX)).toBe(604_800)
    expect(MIN_EXPIRY_SECONDS).toBe(60)
    expect(MAX_EXPIRY_SECONDS).toBe(604_800)
  })

  it('never leaves the bounds, whatever the position', () => {
    expect(sliderToSeconds(-10)).toBe(60)
    expect(sliderToSeconds(SLIDER_MAX + 10)).toBe(604_800)
    expect(sliderToSeconds(Number.NaN)).toBe(60)
    expect(secondsToSlider(1)).toBe(0)
    expect(secondsToSlider(10 * DAY)).toBe(SLIDER_MAX)
  })

  it('grows strictly with the position', () => {
    for (let position = 1; position <= SLIDER_MAX; position++) {
      expect(sliderToSeconds(position)).toBeGreaterThan(sliderToSeconds(position - 1))
    }
  })

  it('maps growing lifetimes to positions that never go back', () => {
    let previous = 0
    for (let seconds = 60; seconds <= 604_800; seconds += 97) {
      const position = secondsToSlider(seconds)
      expect(position).toBeGreaterThanOrEqual(previous)
      previous = position
    }
  })

  it('snaps to friendly values: minutes, then 5 and 15 minutes, hours, then 6 hours', () => {
    const stepAfter = (seconds: number) => {
      const index = EXPIRY_STOPS.indexOf(seconds)
      return (EXPIRY_STOPS[index + 1] ?? 0) - seconds
    }
    expect(stepAfter(10 * MINUTE)).toBe(MINUTE)
    expect(stepAfter(59 * MINUTE)).toBe(MINUTE)
    expect(stepAfter(HOUR)).toBe(5 * MINUTE)
    expect(stepAfter(3 * HOUR)).toBe(15 * MINUTE)
    expect(stepAfter(12 * HOUR)).toBe(HOUR)
    expect(stepAfter(2 * DAY)).toBe(6 * HOUR)
    for (const stop of EXPIRY_STOPS) expect(stop % MINUTE).toBe(0)
  })

  it('gives each end of the range a usable share of the track', () => {
    expect(secondsToTrackFraction(HOUR)).toBeGreaterThan(0.3)
    expect(secondsToTrackFraction(HOUR)).toBeLessThan(0.5)
    expect(secondsToTrackFraction(DAY)).toBeGreaterThan(0.6)
    expect(secondsToTrackFraction(DAY)).toBeLessThan(0.8)
  })

  it('round-trips the presets and the default', () => {
    for (const { seconds } of [...EXPIRY_PRESETS, { seconds: DEFAULT_EXPIRY_SECONDS }]) {
      expect(sliderToSeconds(secondsToSlider(seconds))).toBe(seconds)
    }
    expect(EXPIRY_PRESETS.map((preset) => preset.seconds)).toEqual([900, 3_600, 86_400, 604_800])
  })

  it('round-trips every position', () => {
    for (let position = 0; position <= SLIDER_MAX; position++) {
      expect(secondsToSlider(sliderToSeconds(position))).toBe(position)
    }
  })

  it('snaps an in-between lifetime to the nearest friendly value', () => {
    expect(snapSeconds(HOUR + 2 * MINUTE)).toBe(HOUR)
    expect(snapSeconds(HOUR + 3 * MINUTE)).toBe(HOUR + 5 * MINUTE)
    expect(snapSeconds(37 * HOUR + 20 * MINUTE)).toBe(37 * HOUR)
    expect(snapSeconds(3 * DAY + 4 * HOUR)).toBe(3 * DAY + 6 * HOUR)
  })

  it('places unsnapped lifetimes between their neighbours on the track', () => {
    expect(secondsToTrackFraction(60)).toBe(0)
    expect(secondsToTrackFraction(604_800)).toBe(1)
    const a = secondsToTrackFraction(HOUR)
    const b = secondsToTrackFraction(HOUR + 150)
    const c = secondsToTrackFraction(HOUR + 5 * MINUTE)
    expect(b).toBeGreaterThan(a)
    expect(b).toBeLessThan(c)
    expect(b - a).toBeCloseTo((c - a) / 2)
  })
})
