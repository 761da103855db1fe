import { useId, type CSSProperties, type Ref } from 'react'
import { describeLifetime, formatLifetime } from '../../../../shared/countdown'
import {
  EXPIRY_PRESETS,
  SLIDER_MAX,
  secondsToSlider,
  secondsToTrackFraction,
  sliderToSeconds
} from '../../../../shared/expiry-scale'
import { DURATION_UNITS, type DurationUnit } from './exact-duration'
import type { ExpiryChoice } from './use-expiry-choice'

/** Landmarks under the track; the slider itself announces its value in words. */
const SCALE_MARKS: readonly { seconds: number; label: string }[] = [
  { seconds: 60, label: '1 min' },
  { seconds: 3_600, label: '1 h' },
  { seconds: 6 * 3_600, label: '6 h' },
  { seconds: 86_400, label: '1 d' },
  { seconds: 604_800, label: '7 d' }
]

export interface ExpiryCap {
  /** Seconds from now until the credentials expire (may be 0 or less). */
  seconds: number
  /** The moment, as shown to the user: "14:32". */
  at: string
  profileId: string
}

export interface ExpiryPickerProps {
  choice: ExpiryChoice
  onSeconds: (seconds: number) => void
  onAmount: (amount: string) => void
  onUnit: (unit: DurationUnit) => void
  /** When the credentials end before 7 days from now; shades the part of the track past it. */
  cap: ExpiryCap | null
  /** Id of the line saying when the link expires, read with the slider. */
  describedBy?: string
  sliderRef?: Ref<HTMLInputElement>
}

/** Slider, presets and an exact field for a link's lifetime, 1 minute to 7 days. */
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
  const capFraction = cap && cap.seconds < 604_800 ? secondsToTrackFraction(cap.seconds) : null
  const trackStyle = {
    '--value': position / SLIDER_MAX,
    '--cap': capFraction ?? 1
  } as CSSProperties

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
          {capFraction !== null && (
            <div
              className="expiry-cap"
              data-testid="expiry-cap"
              title={`Credentials expire at ${cap?.at}`}
            />
          )}
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
      {capFraction !== null && cap && (
        <p className="expiry-cap-legend">
          <span className="cap-swatch" aria-hidden="true" />
          <span>
            Beyond {cap.at} (hatched) the temporary credentials of profile{' '}
            <code>{cap.profileId}</code> will have expired.
          </span>
        </p>
      )}

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
