import { useId } from 'react'
import { Message } from '../../lib/Message'
import type { FormProblems, ReceiveForm, TypeRuleKind } from './receive-form'
import { Choice, SizeField, TextField } from './ReceiveFields'

export interface ReceiveMethodProps {
  form: ReceiveForm
  set: (patch: Partial<ReceiveForm>) => void
  problems: FormProblems
}

const TYPE_RULES: readonly { value: TypeRuleKind; label: string }[] = [
  { value: 'any', label: 'Any type' },
  { value: 'starts-with', label: 'Type starts with' },
  { value: 'exact', label: 'Exactly this type' }
]

/**
 * How the file is sent, and what that lets the link promise: a form upload (POST) carries
 * signed limits; a PUT works everywhere but cannot limit the size.
 */
export function ReceiveMethod({ form, set, problems }: ReceiveMethodProps) {
  const ids = useId()
  const anyName = form.destination === 'prefix'
  return (
    <>
      <fieldset className="receive-group">
        <legend className="field-label">Upload with</legend>
        <Choice
          name={`${ids}-method`}
          checked={form.method === 'POST'}
          onChange={() => set({ method: 'POST' })}
          title="A form upload with limits (POST)"
          hint="The size and type limits are signed into the link: S3 refuses any file outside them. Some S3-compatible stores do not accept form uploads."
        />
        <Choice
          name={`${ids}-method`}
          checked={form.method === 'PUT'}
          onChange={() => set({ method: 'PUT' })}
          disabled={anyName}
          title="A single PUT"
          hint={
            anyName
              ? 'Needs one exact name: a PUT link writes exactly one key.'
              : 'Works with every S3-compatible store, but cannot limit the size: S3 accepts any file up to 5 GiB.'
          }
        />
      </fieldset>

      {form.method === 'PUT' ? (
        <TextField
          label="Required Content-Type"
          optional
          mono
          value={form.putType}
          onChange={(putType) => set({ putType })}
          placeholder="application/pdf"
          maxLength={255}
          hint="If set, the uploader must send exactly this type; S3 refuses any other, or none."
          error={problems.putType}
        />
      ) : (
        <div className="receive-limits">
          <SizeField
            label="Largest file"
            amount={form.maxAmount}
            unit={form.maxUnit}
            onAmount={(maxAmount) => set({ maxAmount })}
            onUnit={(maxUnit) => set({ maxUnit })}
            error={problems.maxSize}
          />
          <SizeField
            label="Smallest file"
            optional
            amount={form.minAmount}
            unit={form.minUnit}
            onAmount={(minAmount) => set({ minAmount })}
            onUnit={(minUnit) => set({ minUnit })}
            placeholder="0"
            error={problems.minSize}
          />
          <div className="share-field receive-type">
            <label htmlFor={`${ids}-type`} className="field-label">
              File type
            </label>
            <div className="receive-type-row">
              <select
                id={`${ids}-type`}
                className="select receive-type-rule"
                value={form.typeRule}
                onChange={(event) => set({ typeRule: event.target.value as TypeRuleKind })}
              >
                {TYPE_RULES.map((rule) => (
                  <option key={rule.value} value={rule.value}>
                    {rule.label}
                  </option>
                ))}
              </select>
              {form.typeRule !== 'any' && (
                <input
                  type="text"
                  className="input mono"
                  aria-label={form.typeRule === 'exact' ? 'Content-Type' : 'Content-Type prefix'}
                  value={form.typeValue}
                  onChange={(event) => set({ typeValue: event.target.value })}
                  placeholder={form.typeRule === 'exact' ? 'application/pdf' : 'image/'}
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={problems.typeValue !== undefined}
                  aria-describedby={problems.typeValue ? `${ids}-type-error` : undefined}
                />
              )}
            </div>
            <p id={`${ids}-type-error`} className="field-error">
              {problems.typeValue && <Message text={problems.typeValue} />}
            </p>
          </div>
        </div>
      )}
    </>
  )
}
