import { useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../../../../shared/errors'
import type { PromptRequest } from '../../../../shared/prompts'
import { call } from '../../lib/api'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { Spinner } from '../../lib/Spinner'
import { useCopyText } from '../../lib/use-copy-text'
import { DialogFrame } from '../share/DialogFrame'
import '../share/share.css'
import { Deadline } from './Deadline'
import './prompts.css'

type DeviceCodeRequest = Extract<PromptRequest, { kind: 'sso-device-code' }>

export interface SsoCodeDialogProps {
  request: DeviceCodeRequest
  onCancel: () => void
}

/**
 * The sign-in code while main waits for the user to approve it in the browser: the page main
 * opened, the code to compare with it, a way to open the page again, and Cancel. Closes by
 * itself once main has the token.
 */
export function SsoCodeDialog({ request, onCancel }: SsoCodeDialogProps) {
  const copyRef = useRef<HTMLButtonElement>(null)
  const copyText = useCopyText()
  const [openError, setOpenError] = useState<unknown>(null)
  const copied = copyText.copied === request.userCode

  const openAgain = () => {
    setOpenError(null)
    call('openSsoPage', { profileId: request.profileId }).catch(setOpenError)
  }

  return (
    <DialogFrame
      title="Sign in to IAM Identity Center"
      icon="key"
      onClose={onCancel}
      onSubmit={(event: FormEvent) => event.preventDefault()}
      initialFocus={copyRef}
      className="prompt-dialog"
      footer={
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      }
    >
      <p>
        Your browser opened the AWS sign-in page for profile <code>{request.profileId}</code>. Check
        that it shows this code, then choose <strong>Allow</strong>.
      </p>
      <div className="prompt-user-code">
        <span className="prompt-user-code-value mono" aria-label="Sign-in code">
          {request.userCode}
        </span>
        <button
          ref={copyRef}
          type="button"
          className="button"
          onClick={() => copyText.copy(request.userCode)}
        >
          <Icon name={copied ? 'check' : 'copy'} />
          {copied ? 'Copied' : 'Copy code'}
        </button>
      </div>
      <CopyError error={copyText.error} />
      <div className="prompt-page">
        <span className="mono prompt-page-url" title={request.verificationUri}>
          {request.verificationUri}
        </span>
        <button type="button" className="button" onClick={openAgain}>
          <Icon name="external" />
          Open the page again
        </button>
      </div>
      {openError !== null && (
        <p className="field-error" role="alert">
          <Message text={errorMessage(openError)} />
        </p>
      )}
      <div className="prompt-waiting">
        <Spinner label="Waiting for approval" />
        <span>Waiting for you to approve the sign-in in the browser…</span>
      </div>
      <Deadline at={request.expiresAt} label="The code expires in" />
    </DialogFrame>
  )
}
