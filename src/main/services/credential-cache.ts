import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { AppError, isAppError } from '../../shared/errors'
import type { CredentialsStatus } from '../../shared/models'
import type { Clock, CredentialSource } from './ports'

/** Refresh this long before expiry, so a link signed now does not die a minute later. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000

export interface CredentialCacheDeps {
  /** Builds the provider for one profile; it throws `AppError`s with user-facing messages. */
  providerFor: (profileId: string) => AwsCredentialIdentityProvider
  clock: Clock
  refreshBeforeExpiryMs?: number
}

export interface CredentialCache extends CredentialSource {
  /** Whether the profile's credentials are temporary and when they expire (resolves if needed). */
  status(profileId: string): Promise<CredentialsStatus>
}

interface Slot {
  credentials: AwsCredentialIdentity | null
  pending: Promise<AwsCredentialIdentity> | null
}

export function createCredentialCache({
  providerFor,
  clock,
  refreshBeforeExpiryMs = REFRESH_BEFORE_EXPIRY_MS
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

  return {
    getCredentials,
    invalidate(profileId) {
      if (profileId === undefined) slots.clear()
      else slots.delete(profileId)
    },
    async status(profileId) {
      const credentials = await getCredentials(profileId)
      return {
        profileId,
        temporary: Boolean(credentials.sessionToken),
        expiresAt: credentials.expiration ? credentials.expiration.toISOString() : null
      }
    }
  }
}

function asAppError(profileId: string, error: unknown): AppError {
  if (isAppError(error)) return error
  // Unmapped errors may carry anything; say what failed without repeating it.
  return new AppError(
    'credentials-missing',
    `Could not get credentials for profile \`${profileId}\`. ` +
      `Check it with \`aws sts get-caller-identity --profile ${profileId}\`, then try again.`
  )
}
