import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { AppError, isAppError } from '../../shared/errors'
import type { CredentialsState, CredentialsStatus } from '../../shared/models'
import { cleanForMessage, quoteForMessage } from '../../shared/user-text'
import type { Clock, CredentialSource } from './ports'

/** Refresh this long before expiry, so a link signed now does not die a minute later. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000

/** A session that resolving would have to ask the user for (see `CredentialCacheDeps.peek`). */
export interface SessionPeek {
  state: Extract<CredentialsState, 'sign-in' | 'expired' | 'needs-mfa'>
  /** When the session ended, for `expired`, if known (ISO). */
  expiresAt: string | null
  detail: string
}

export interface CredentialCacheDeps {
  /** Builds the provider for one profile; it throws `AppError`s with user-facing messages. */
  providerFor: (profileId: string) => AwsCredentialIdentityProvider
  clock: Clock
  refreshBeforeExpiryMs?: number
  /**
   * Says, without asking the user anything, when getting credentials would need them: an SSO
   * session to sign in to, an MFA code. Null when resolving is safe (see `credential-state.ts`).
   */
  peek?: (profileId: string) => Promise<SessionPeek | null>
}

export interface CredentialCache extends CredentialSource {
  /**
   * Whether the profile's credentials are temporary and when they expire (resolves if needed,
   * which may ask for an MFA code). Throws when there are none.
   */
  status(profileId: string): Promise<CredentialsStatus>
  /**
   * The session state for the profile picker and the share dialog: the cached credentials,
   * else what `peek` says, else a resolution that is known not to ask anything. Never throws
   * for missing or expired credentials: they are states, with what to do in `detail`.
   */
  sessionState(profileId: string): Promise<CredentialsStatus>
}

interface Slot {
  credentials: AwsCredentialIdentity | null
  pending: Promise<AwsCredentialIdentity> | null
}

export function createCredentialCache({
  providerFor,
  clock,
  refreshBeforeExpiryMs = REFRESH_BEFORE_EXPIRY_MS,
  peek
}: CredentialCacheDeps): CredentialCache {
  // A slot is replaced, never reset, on invalidate: a resolution still running for the old slot
  // then writes into an orphan and cannot bring back credentials from before the change.
  const slots = new Map<string, Slot>()

  const slotOf = (profileId: string): Slot => {
    let slot = slots.get(profileId)
    if (!slot) {
      slot = { credentials: null, pending: null }
      slots.set(profileId, slot)
    }
    return slot
  }

  const isFresh = (credentials: AwsCredentialIdentity): boolean =>
    !credentials.expiration ||
    credentials.expiration.getTime() - clock.now() > refreshBeforeExpiryMs

  const isUsable = (credentials: AwsCredentialIdentity): boolean =>
    !credentials.expiration || credentials.expiration.getTime() > clock.now()

  async function resolve(profileId: string, slot: Slot): Promise<AwsCredentialIdentity> {
    try {
      const credentials = await providerFor(profileId)()
      slot.credentials = credentials
      return credentials
    } catch (error) {
      // Still valid for a few minutes: better to keep working than to fail a refresh early.
      if (slot.credentials && isUsable(slot.credentials)) return slot.credentials
      throw asAppError(profileId, error)
    }
  }

  async function getCredentials(profileId: string): Promise<AwsCredentialIdentity> {
    const slot = slotOf(profileId)
    if (slot.credentials && isFresh(slot.credentials)) return slot.credentials
    // Concurrent callers share one resolution (one SSO call, one credential_process run).
    if (!slot.pending) {
      const pending = resolve(profileId, slot).finally(() => {
        if (slot.pending === pending) slot.pending = null
      })
      slot.pending = pending
    }
    return slot.pending
  }

  async function status(profileId: string): Promise<CredentialsStatus> {
    return statusOf(profileId, await getCredentials(profileId))
  }

  return {
    getCredentials,
    invalidate(profileId) {
      if (profileId === undefined) slots.clear()
      else slots.delete(profileId)
    },
    status,
    async sessionState(profileId) {
      const cached = slots.get(profileId)?.credentials
      if (cached && isFresh(cached)) return statusOf(profileId, cached)
      const peeked = await peek?.(profileId)
      if (peeked) {
        // A session that has not quite run out still works (and was resolved without asking).
        if (cached && isUsable(cached)) return statusOf(profileId, cached)
        return { profileId, temporary: true, ...peeked }
      }
      try {
        return await status(profileId)
      } catch (error) {
        const appError = asAppError(profileId, error)
        if (appError.code === 'profile-not-found') throw appError
        return {
          profileId,
          temporary: false,
          expiresAt: null,
          state: appError.code === 'credentials-expired' ? 'expired' : 'missing',
          detail: appError.message
        }
      }
    }
  }
}

function statusOf(profileId: string, credentials: AwsCredentialIdentity): CredentialsStatus {
  const temporary = Boolean(credentials.sessionToken) || credentials.expiration !== undefined
  return {
    profileId,
    temporary: Boolean(credentials.sessionToken),
    expiresAt: credentials.expiration ? credentials.expiration.toISOString() : null,
    state: temporary ? 'active' : 'static',
    detail: null
  }
}

function asAppError(profileId: string, error: unknown): AppError {
  if (isAppError(error)) return error
  // Unmapped errors may carry anything; say what failed without repeating it.
  return new AppError(
    'credentials-missing',
    `Could not get credentials for profile ${quoteForMessage(profileId)}. ` +
      `Check it with \`aws sts get-caller-identity --profile ${cleanForMessage(profileId)}\`, then try again.`
  )
}
