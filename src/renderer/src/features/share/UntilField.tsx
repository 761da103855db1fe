import { useId } from 'react'
import { formatCountdown } from '../../../../shared/countdown'
import { formatMoment } from '../../../../shared/format'
import { Icon } from '../../lib/Icon'
import { LiveText } from '../../lib/LiveText'
import { uiLocale } from '../../lib/locale'
import { useNowSelect } from '../../lib/use-now'
import { localZoneLabel, type Until } from './use-until'

/**
 * "Until" a date and time, as another way to say how long a link works: in local time, with
 * the time zone named, limited to 7 days and to the credentials' end.
 */
export function UntilField({
  until,
  onText,
  describedBy
}: {
  until: Until
  onText: (text: string) => void
  /** Id of the line saying when the link expires. */
  describedBy: string
}) {
  const ids = useId()
  const zone = useNowSelect((now) => localZoneLabel(Number.isNaN(until.at) ? now : until.at))
  return (
    <div className="until-field">
      <div className="until-row">
        <label htmlFor={`${ids}-input`} className="until-label">
          Until
        </label>
        <input
          id={`${ids}-input`}
          type="datetime-local"
          className="input until-input"
          value={until.text}
          min={until.min}
          max={until.max}
          step={60}
          onChange={(event) => onText(event.target.value)}
          aria-invalid={until.problem !== null}
          aria-describedby={`${ids}-zone ${until.problem ? `${ids}-error` : describedBy}`}
        />
        <span id={`${ids}-zone`} className="until-zone">
          {zone}
        </span>
        {until.active && (
          <button type="button" className="button-link" onClick={() => onText('')}>
            Use the slider
          </button>
        )}
      </div>
      <p id={`${ids}-error`} className="field-error" aria-live="polite">
        {until.problem}
      </p>
    </div>
  )
}

/** "Expires Mon 7 Dec, 09:00 (in 6 d 18 h)" for a link that ends at a chosen moment. */
export function UntilPreview({ id, at }: { id: string; at: number }) {
  return (
    <p id={id} className="share-preview">
      <Icon name="check" className="preview-icon" />
      <span>
        Expires <strong className="preview-time">{formatMoment(at, uiLocale())}</strong>{' '}
        <span className="preview-in">
          (in <LiveText text={(now) => formatCountdown(at - now)} />)
        </span>
      </span>
    </p>
  )
}
