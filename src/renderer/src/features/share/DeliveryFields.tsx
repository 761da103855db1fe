import { useId } from 'react'
import type { LinkDisposition } from '../../../../shared/models'
import type { ShareForm } from './use-share-form'

const DISPOSITIONS: { value: LinkDisposition; label: string; hint: string }[] = [
  { value: 'attachment', label: 'Download the file', hint: 'the browser saves it' },
  { value: 'inline', label: 'Show in the browser', hint: 'PDFs, images and text open in a tab' }
]

/**
 * What the recipient gets: the label (for the Links view), the name the file is saved as,
 * whether the browser saves or shows it, and an optional Content-Type override.
 */
export function DeliveryFields({ form }: { form: ShareForm }) {
  const ids = useId()
  return (
    <>
      <div className="share-fields">
        <label className="share-field">
          <span className="field-label">
            Label <span className="optional">optional</span>
          </span>
          <input
            type="text"
            className="input"
            value={form.label}
            onChange={(event) => form.setLabel(event.target.value)}
            placeholder="Who or what it is for"
            maxLength={200}
          />
        </label>
        <label className="share-field">
          <span className="field-label">
            Download as <span className="optional">optional</span>
          </span>
          <input
            type="text"
            className="input mono"
            value={form.filename}
            onChange={(event) => form.setFilename(event.target.value)}
            placeholder="Keep the browser's default"
            maxLength={255}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      </div>

      <div className="share-fields">
        <fieldset className="share-field share-choice">
          <legend className="field-label">The recipient&apos;s browser</legend>
          {DISPOSITIONS.map((option) => (
            <label key={option.value} className="choice">
              <input
                type="radio"
                name={`${ids}-disposition`}
                value={option.value}
                checked={form.disposition === option.value}
                onChange={() => form.setDisposition(option.value)}
              />
              <span>
                {option.label} <span className="choice-hint">({option.hint})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="share-field">
          <label htmlFor={`${ids}-type`} className="field-label">
            Content-Type <span className="optional">optional</span>
          </label>
          <input
            id={`${ids}-type`}
            type="text"
            className="input mono"
            value={form.contentType}
            onChange={(event) => form.setContentType(event.target.value)}
            placeholder="Keep the stored type"
            maxLength={255}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={form.contentTypeError !== null}
            aria-describedby={`${ids}-type-error`}
          />
          <p id={`${ids}-type-error`} className="field-error" aria-live="polite">
            {form.contentTypeError}
          </p>
        </div>
      </div>
    </>
  )
}
