import type { CredentialsStatus } from '../src/shared/models'

/**
 * What the credential cache reports for a profile: static keys when `expireAt` is absent,
 * otherwise temporary ones, expired once `now` has reached `expireAt`.
 */
export function credentialsStatusAt(
  profileId: string,
  expireAt: number | null | undefined,
  now: number
): CredentialsStatus {
  return {
    profileId,
    temporary: expireAt != null,
    expiresAt: expireAt == null ? null : new Date(expireAt).toISOString(),
    state: expireAt == null ? 'static' : expireAt <= now ? 'expired' : 'active',
    detail: null
  }
}
