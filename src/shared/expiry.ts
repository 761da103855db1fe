import { AppError } from './errors'
import { MAX_LINK_SECONDS, MIN_LINK_SECONDS } from './ipc-contract'

export interface EffectiveExpiry {
  /** When the link would expire by its own `X-Amz-Expires` (epoch ms). */
  requestedExpiresAt: number
  /** When it really stops working: the earlier of the above and the credentials' expiry (epoch ms). */
  expiresAt: number
  /** Set when the credentials end before the requested expiry. */
  cappedBy: 'credentials' | null
}

/**
 * The real lifetime of a pre-signed URL.
 *
 * A URL signed with temporary credentials stops working when they expire, whatever
 * `X-Amz-Expires` says, so the earlier of the two wins.
 */
export function effectiveExpiry(
  signedAt: number,
  expiresInSeconds: number,
  credentialsExpireAt: number | null
): EffectiveExpiry {
  const requestedExpiresAt = signedAt + expiresInSeconds * 1000
  if (credentialsExpireAt !== null && credentialsExpireAt < requestedExpiresAt) {
    return { requestedExpiresAt, expiresAt: credentialsExpireAt, cappedBy: 'credentials' }
  }
  return { requestedExpiresAt, expiresAt: requestedExpiresAt, cappedBy: null }
}

/** Whether a lifetime is one SigV4 accepts (1 s to 7 days, whole seconds). */
export function isValidLinkLifetime(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= MIN_LINK_SECONDS && seconds <= MAX_LINK_SECONDS
}

/** Throws `AppError('invalid-expiry')`, saying what was asked for, unless SigV4 accepts the lifetime. */
export function assertValidLinkLifetime(seconds: unknown): asserts seconds is number {
  if (typeof seconds === 'number' && isValidLinkLifetime(seconds)) return
  const shown = typeof seconds === 'number' ? `${seconds} seconds` : `a ${typeof seconds}`
  throw new AppError(
    'invalid-expiry',
    `A link can stay valid from ${MIN_LINK_SECONDS} second to 7 days (${MAX_LINK_SECONDS} seconds), ` +
      `in whole seconds, but ${shown} was asked for. Choose a lifetime in that range.`
  )
}
