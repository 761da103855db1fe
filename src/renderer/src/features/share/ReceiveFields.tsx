import { useId, type ReactNode } from 'react'
import { Message } from '../../lib/Message'
import { SIZE_UNITS, type SizeUnit } from './receive-form'

/** A choice among radios, drawn as a card with a title and a line of explanation. */
export function Choice(props: {
  name: string
  checked: boolean
  onChange: () => void
  title: ReactNode
  hint: ReactNode
  disabled?: boolean
}) {
  const hintId = useId()
  return (
    <label className={`receive-choice${props.disabled ? ' is-disabled' : ''}`}>
      <input
        type="radio"
        name={props.name}
        checked={props.checked}
        onChange={props.onChange}
        disabled={props.disabled}
        aria-describedby={hintId}
      />
      <span className="receive-choice-text">
        <span className="receive-choice-title">{props.title}</span>
        <span id={hintId} className="receive-hint">
          {props.hint}
        </span>
      </span>
    </label>
  )
}

/** A one-line field with its label, an optional hint and its problem, all tied to the input. */
export function TextField(props: {
  label: ReactNode
  optional?: boolean
  hint?: ReactNode
  error?: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  mono?: boolean
  maxLength?: number
}) {
  const id = useId()
  const describedBy = [props.hint && `${id}-hint`, props.error && `${id}-error`]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="share-field">
      <label htmlFor={id} className="field-label">
        {props.label}
        {props.optional && <span className="optional"> optional</span>}
      </label>
      <input
        id={id}
        type="text"
        className={props.mono ? 'input mono' : 'input'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={props.error !== undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="receive-hint">
          {props.hint}
        </p>
      )}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {props.error && <Message text={props.error} />}
      </p>
    </div>
  )
}

/** A size: an amount and a unit, with the field's problem. */
export function SizeField(props: {
  label: string
  optional?: boolean
  amount: string
  unit: SizeUnit
  onAmount: (amount: string) => void
  onUnit: (unit: SizeUnit) => void
  placeholder?: string
  error?: string
}) {
  const id = useId()
  return (
    <div className="share-field">
      <label htmlFor={id} className="field-label">
        {props.label}
        {props.optional && <span className="optional"> optional</span>}
      </label>
      <div className="receive-size">
        <input
          id={id}
          type="number"
          className="input receive-size-amount"
          min={0}
          step="any"
          value={props.amount}
          placeholder={props.placeholder}
          onChange={(event) => props.onAmount(event.target.value)}
          aria-invalid={props.error !== undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
        />
        <select
          className="select receive-size-unit"
          aria-label={`${props.label} unit`}
          value={props.unit}
          onChange={(event) => props.onUnit(event.target.value as SizeUnit)}
        >
          {SIZE_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-error`} className="field-error">
        {props.error && <Message text={props.error} />}
      </p>
    </div>
  )
}
