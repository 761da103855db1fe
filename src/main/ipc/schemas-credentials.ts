import { z } from 'zod'
import { isMfaCode, MFA_CODE_DIGITS } from '../../shared/prompts'
import type { IpcSchemas } from './router'

type CredentialChannel =
  | 'prompts:current'
  | 'prompts:answer'
  | 'prompts:cancel'
  | 'sso:status'
  | 'sso:sign-in'
  | 'sso:sign-out'
  | 'sso:open-page'

/** Request ids are UUIDs; anything much longer is not one of ours. */
const promptId = z.string().min(1).max(64)

const mfaCode = z.string().refine(isMfaCode, `the MFA code must be ${MFA_CODE_DIGITS} digits`)

const promptAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mfa-code'), code: mfaCode }).strict(),
  z.object({ kind: z.literal('cancel') }).strict()
])

/** Schemas of the prompt (main asks the window) and SSO sign-in channels. */
export function credentialSchemas({
  profileId
}: {
  profileId: z.ZodType<string>
}): Pick<IpcSchemas, CredentialChannel> {
  const forProfile = z.object({ profileId }).strict()
  return {
    'prompts:current': z.void(),
    'prompts:answer': z.object({ id: promptId, answer: promptAnswer }).strict(),
    'prompts:cancel': z.object({ id: promptId }).strict(),
    'sso:status': forProfile,
    'sso:sign-in': forProfile,
    'sso:sign-out': forProfile,
    'sso:open-page': forProfile
  }
}
