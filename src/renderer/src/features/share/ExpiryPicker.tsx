import { useId, type CSSProperties, type Ref } from 'react'
import { describeLifetime, formatLifetime } from '../../../../shared/countdown'
import {
  EXPIRY_PRESETS,
  MAX_EXPIRY_SECONDS,
  MIN_EXPIRY_SECONDS,
  SLIDER_MAX,
  secondsToSlider,
  secondsToTrackFraction,
  sliderToSeconds
} from '../../../../shared/expiry-scale'
import { formatClockTime } from '../../../../shared/format'
import { DAY_SECONDS, HOUR_SECONDS, SECOND_MS } from '../../../../shared/time-units'
import { LiveClockTime } from '../../lib/LiveText'
import { uiLocale } from '../../lib/locale'
import { useNowSelect } from '../../lib/use-now'
import { DURATION_UNITS, type DurationUnit } from '../../../../shared/exact-duration'
import type { ExpiryChoice } from './use-expiry-choice'

/** Landmarks under the track; the slider itself announces its value in words. */
const SCALE_MARKS: readonly { seconds: number; label: string }[] = [
  { seconds: MIN_EXPIRY_SECONDS, label: '1 min' },
  { seconds: HOUR_SECONDS, label: '1 h' },
  { seconds: 6 * HOUR_SECONDS, label: '6 h' },
  { seconds: DAY_SECONDS, label: '1 d' },
  { seconds: MAX_EXPIRY_SECONDS, label: '7 d' }
]

/** Steps the credentials' mark moves in along the track: a thousandth, under a pixel. */
const CAP_RESOLUTION = 1_000

export interface ExpiryCap {
  /** When the credentials expire (epoch ms). */
  expiresAt: number
  profileId: string
}

/**
 * Where the credentials' expiry cuts the track (0 to 1), following the clock; null while they
 * outlast the longest lifetime.
 *
 * Rounded, so the mark re-renders when it moves visibly (every few seconds at most), not on
 * every tick.
 */
function useCapFraction(expiresAt: number): number | null {
  return useNowSelect((now) => {
    const seconds = (expiresAt - now) / SECOND_MS
    if (seconds >= MAX_EXPIRY_SECONDS) return null
    return Math.round(secondsToTrackFraction(seconds) * CAP_RESOLUTION) / CAP_RESOLUTION
  })
}

/** The hatched part of the track past the credentials' expiry. */
function CapMark({ cap }: { cap: ExpiryCap }) {
  const fraction = useCapFraction(cap.expiresAt)
  const locale = uiLocale()
  const title = useNowSelect(
    (now) => `Credentials expire at ${formatClockTime(cap.expiresAt, now, locale)}`
  )
  if (fraction === null) return null
  return (
    <div
      className="expiry-cap"
      data-testid="expiry-cap"
      style={{ '--cap': fraction } as CSSProperties}
      title={title}
    />
  )
}

function CapLegend({ cap }: { cap: ExpiryCap }) {
  const fraction = useCapFraction(cap.expiresAt)
  if (fraction === null) return null
  return (
    <p className="expiry-cap-legend">
      <span className="cap-swatch" aria-hidden="true" />
      <span>
        Beyond <LiveClockTime at={cap.expiresAt} /> (hatched) the temporary credentials of profile{' '}
        <code>{cap.profileId}</code> will have expired.
      </span>
    </p>
  )
}

export interface ExpiryPickerProps {
  choice: ExpiryChoice
  onSeconds: (seconds: number) => void
  onAmount: (amount: string) => void
  onUnit: (unit: DurationUnit) => void
  /** When the credentials expire; shades the part of the track past it, once within reach. */
  cap: ExpiryCap | null
  /** Id of the line saying when the link expires, read with the slider. */
  describedBy?: string
  sliderRef?: Ref<HTMLInputElement>
}

/**
 * Slider, presets and an exact field for a link's lifetime, 1 minute to 7 days.
 *
 * It renders when the choice changes; the credentials' mark follows the clock on its own.
 */
export function ExpiryPicker({
  choice,
  onSeconds,
  onAmount,
  onUnit,
  cap,
  describedBy,
  sliderRef
}: ExpiryPickerProps) {
  const ids = useId()
  const position = secondsToSlider(choice.seconds)
  const trackStyle = { '--value': position / SLIDER_MAX } as CSSProperties

  return (
    <div className="expiry-picker">
      <div className="expiry-heading">
        <label htmlFor={`${ids}-slider`} className="field-label">
          Link works for
        </label>
        {/* Not an <output>: that is a live region, and the slider already says its value. */}
        <span className="expiry-value" aria-hidden="true">
          {formatLifetime(choice.seconds)}
        </span>
      </div>

      <div className="expiry-slider" style={trackStyle}>
        <div className="expiry-track" aria-hidden="true">
          <div className="expiry-fill" />
          {cap && <CapMark cap={cap} />}
        </div>
        <input
          ref={sliderRef}
          id={`${ids}-slider`}
          type="range"
          min={0}
          max={SLIDER_MAX}
          step={1}
          value={position}
          onChange={(event) => onSeconds(sliderToSeconds(Number(event.target.value)))}
          aria-valuetext={describeLifetime(choice.seconds)}
          aria-describedby={describedBy}
        />
      </div>
      <div className="expiry-scale" aria-hidden="true">
        {SCALE_MARKS.map((mark) => (
          <span
            key={mark.seconds}
            className="expiry-mark"
            style={{ '--at': secondsToTrackFraction(mark.seconds) } as CSSProperties}
          >
            {mark.label}
          </span>
        ))}
      </div>
      {cap && <CapLegend cap={cap} />}

      <div className="expiry-controls">
        <div className="expiry-presets" role="group" aria-label="Presets">
          {EXPIRY_PRESETS.map((preset) => (
            <button
              key={preset.seconds}
              type="button"
              className="preset"
              aria-pressed={choice.seconds === preset.seconds}
              onClick={() => onSeconds(preset.seconds)}
            >
              {preset.label}
            </button>
          ))}
        </div>
        <div className="expiry-exact" role="group" aria-labelledby={`${ids}-exact`}>
          <span id={`${ids}-exact`} className="exact-label">
            Exactly
          </span>
          <input
            type="number"
            className="input exact-amount"
            aria-label="Exact duration"
            min={0}
            step="any"
            value={choice.amount}
            onChange={(event) => onAmount(event.target.value)}
            aria-invalid={choice.error !== null}
            aria-describedby={choice.error ? `${ids}-error` : undefined}
          />
          <select
            className="select exact-unit"
            aria-label="Unit"
            value={choice.unit}
            onChange={(event) => onUnit(event.target.value as DurationUnit)}
          >
            {DURATION_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${ids}-error`} className="field-error" aria-live="polite">
        {choice.error}
      </p>
    </div>
  )
}
