import { useId, type ReactNode, type Ref } from 'react'

export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  /** Shown under the field, and marks it invalid; null when the value is fine (or not checked yet). */
  error: string | null
  onBlur?: () => void
  hint?: ReactNode
  optional?: boolean
  type?: 'text' | 'password' | 'url'
  placeholder?: string
  mono?: boolean
  inputRef?: Ref<HTMLInputElement>
  className?: string
}

/** A labelled input with its hint and its problem, tied to it for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  error,
  onBlur,
  hint,
  optional = false,
  type = 'text',
  placeholder,
  mono = false,
  inputRef,
  className
}: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ')
  return (
    <div className={`profile-field${className ? ` ${className}` : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional && <span className="optional">optional</span>}
      </label>
      <input
        ref={inputRef}
        id={id}
        type={type}
        className={mono ? 'input mono' : 'input'}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
