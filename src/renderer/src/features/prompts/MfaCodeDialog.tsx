import { useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { isMfaCode, MFA_CODE_DIGITS, type PromptRequest } from '../../../../shared/prompts'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { DialogFrame } from '../share/DialogFrame'
import '../share/share.css'
import { Deadline } from './Deadline'
import './prompts.css'

type MfaRequest = Extract<PromptRequest, { kind: 'mfa-code' }>

export interface MfaCodeDialogProps {
  request: MfaRequest
  onAnswer: (code: string) => Promise<void>
  onCancel: () => void
}

/**
 * Asks for the one-time code of the profile's MFA device, which main passes to STS to assume
 * the role. Main checks the code; this only keeps obvious typos from a round trip.
 */
export function MfaCodeDialog({ request, onAnswer, onCancel }: MfaCodeDialogProps) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    // Authenticator apps show the code as "123 456"; people type it that way too.
    const digits = code.replace(/[\s-]/g, '')
    if (!isMfaCode(digits)) {
      setProblem(`Enter the ${MFA_CODE_DIGITS} digits your MFA device shows.`)
      inputRef.current?.focus()
      return
    }
    setProblem(null)
    setSending(true)
    onAnswer(digits).catch((error: unknown) => {
      setSending(false)
      setProblem(errorMessage(error))
    })
  }

  return (
    <DialogFrame
      title={
        <>
          MFA code for <span className="mono">{request.profileId}</span>
        </>
      }
      icon="key"
      onClose={onCancel}
      onSubmit={submit}
      initialFocus={inputRef}
      className="prompt-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={sending}>
            <Icon name={sending ? 'refresh' : 'check'} />
            {sending ? 'Checking…' : 'Continue'}
          </button>
        </>
      }
    >
      <p>
        Profile <code>{request.profileId}</code> assumes a role that needs a code from your MFA
        device. The session lasts until it expires; you will not be asked again before.
      </p>
      <dl className="prompt-facts">
        <dt>MFA device</dt>
        <dd className="mono">{request.mfaSerial}</dd>
      </dl>
      <label className="prompt-field">
        <span className="field-label">Code</span>
        <input
          ref={inputRef}
          type="text"
          className="input mono prompt-code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          maxLength={12}
          value={code}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${request.id}-problem` : undefined}
          onChange={(event) => setCode(event.target.value)}
          placeholder="123456"
        />
      </label>
      {problem && (
        <p className="field-error" id={`${request.id}-problem`} role="alert">
          <Message text={problem} />
        </p>
      )}
      <Deadline at={request.deadline} label="The app stops waiting in" />
    </DialogFrame>
  )
}
