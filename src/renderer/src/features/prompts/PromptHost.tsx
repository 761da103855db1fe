import { useCallback } from 'react'
import { MfaCodeDialog } from './MfaCodeDialog'
import { SsoCodeDialog } from './SsoCodeDialog'
import { usePrompts } from './use-prompts'

/**
 * Shows the question main is waiting on (an MFA code, an SSO sign-in code), one at a time.
 * Mounted once, in the window's root.
 */
export function PromptHost() {
  const { current, reply } = usePrompts()
  const id = current?.id
  const cancel = useCallback(() => {
    if (id !== undefined) reply(id, { kind: 'cancel' }).catch(() => undefined)
  }, [id, reply])

  if (!current) return null
  if (current.kind === 'mfa-code') {
    return (
      <MfaCodeDialog
        key={current.id}
        request={current}
        onAnswer={(code) => reply(current.id, { kind: 'mfa-code', code })}
        onCancel={cancel}
      />
    )
  }
  return <SsoCodeDialog key={current.id} request={current} onCancel={cancel} />
}
