import { useId } from 'react'
import type { LinkDisposition } from '../../../../shared/models'
import { TextField } from './ReceiveFields'
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
        <TextField
          label="Label"
          optional
          value={form.label}
          onChange={form.setLabel}
          placeholder="Who or what it is for"
          maxLength={200}
        />
        <TextField
          label="Download as"
          optional
          value={form.filename}
          onChange={form.setFilename}
          placeholder="Keep the browser's default"
          mono
          maxLength={255}
        />
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
        <TextField
          label="Content-Type"
          optional
          value={form.contentType}
          onChange={form.setContentType}
          placeholder="Keep the stored type"
          mono
          maxLength={255}
          error={form.contentTypeError ?? undefined}
        />
      </div>
    </>
  )
}
