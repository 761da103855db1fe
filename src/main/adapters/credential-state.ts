import type { SsoSessionStatus } from '../../shared/prompts'
import { quoteForMessage } from '../../shared/user-text'
import type { SessionPeek } from '../services/credential-cache'
import type { ProfileSettingsSource } from '../services/profiles'

export interface SessionPeekDeps {
  profiles: ProfileSettingsSource
  /** The SSO session of a profile from the CLI's token cache, no network (`SsoService.status`). */
  ssoStatus: (profileId: string) => SsoSessionStatus | null
}

/** The most `source_profile` links followed, as in `sso-settings.ts`. */
const MAX_CHAIN = 16

/**
 * Finds, without asking anything and without a network call, whether getting a profile's
 * credentials would need the user: an SSO session that is missing or over and cannot be
 * renewed (from the token cache the AWS CLI shares), or a role with `mfa_serial` anywhere on
 * its chain. For `createCredentialCache`'s `peek`: the cache asks only when it holds no session.
 */
export function sessionPeek({
  profiles,
  ssoStatus
}: SessionPeekDeps): (profileId: string) => Promise<SessionPeek | null> {
  return async (profileId) => {
    const chain = walkChain(profiles, profileId)
    const sso = chain.sso ? ssoStatus(profileId) : null
    if (sso) {
      const session =
        sso.sessionName === null
          ? `SSO (${sso.startUrl})`
          : `SSO session ${quoteForMessage(sso.sessionName)}`
      if (sso.state === 'signed-out') {
        return {
          state: 'sign-in',
          expiresAt: null,
          detail: `Profile ${quoteForMessage(profileId)} is not signed in to ${session}: Sign in.`
        }
      }
      // A refresh token renews an expired session without the user: let the resolution try.
      if (sso.state === 'expired' && !sso.renewable) {
        return {
          state: 'expired',
          expiresAt: sso.expiresAt,
          detail: `The ${session} of profile ${quoteForMessage(profileId)} expired: Sign in.`
        }
      }
    }
    if (chain.mfaProfile !== null) {
      return {
        state: 'needs-mfa',
        expiresAt: null,
        detail:
          `Profile ${quoteForMessage(profileId)} assumes its role with an MFA code` +
          (chain.mfaProfile === profileId
            ? ''
            : ` (through ${quoteForMessage(chain.mfaProfile)})`) +
          ': the app asks for the code the first time you browse or share, then reuses the ' +
          'session until it ends.'
      }
    }
    return null
  }
}

interface Chain {
  /** Whether the chain ends in SSO (the SSO service says how that session stands). */
  sso: boolean
  /** The first profile on the chain whose role asks for an MFA code. */
  mfaProfile: string | null
}

/** Follows `source_profile` the way `fromIni` does, noting SSO at the end and MFA on the way. */
function walkChain(profiles: ProfileSettingsSource, profileId: string): Chain {
  let name = profileId
  let mfaProfile: string | null = null
  for (let depth = 0; depth < MAX_CHAIN; depth += 1) {
    const settings = profiles.settingsOf(name)
    if (!settings) break
    const get = (key: string): string | null => nonEmpty(settings.values.get(key))
    const hasKeys = get('aws_access_key_id') !== null && get('aws_secret_access_key') !== null
    if (depth > 0 && hasKeys) break
    const roleArn = get('role_arn')
    const source = get('source_profile')
    if (roleArn && (source === null) !== (get('credential_source') === null)) {
      if (get('mfa_serial') !== null) mfaProfile ??= name
      if (source === null || source === name) break
      name = source
      continue
    }
    if (hasKeys || get('credential_process') || (roleArn && get('web_identity_token_file'))) break
    const sso = ['sso_session', 'sso_start_url'].some((key) => get(key) !== null)
    return { sso, mfaProfile }
  }
  return { sso: false, mfaProfile }
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value
}
