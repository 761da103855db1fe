import { effectiveExpiry } from '../../../../shared/expiry'
import { SECOND_MS } from '../../../../shared/time-units'
import { useDeadline, useNowSelect } from '../../lib/use-now'
import { useCredentialsStatus } from './use-credentials-status'

/**
 * When a link made now with `seconds` to live would really stop working, given the profile's
 * credentials.
 *
 * Only the facts that change once in a while are state here: whether the credentials have
 * expired, and whether they end the link early. Each flips at a known moment, which the shared
 * clock is asked to wake for, so the dialog re-renders then and not every second. Text that
 * changes every second (countdowns, the expiry moment) is for live children to compute with
 * `endsAt`.
 */
export function useShareExpiry(profileId: string, seconds: number) {
  const credentials = useCredentialsStatus(profileId)
  const status = credentials.data
  const parsed = status?.expiresAt ? Date.parse(status.expiresAt) : Number.NaN
  /** When the credentials stop working (epoch ms); null when they do not, or nobody knows. */
  const credentialsExpireAt = Number.isFinite(parsed) ? parsed : null
  const lifetimeMs = seconds * SECOND_MS

  useDeadline(credentialsExpireAt)
  useDeadline(credentialsExpireAt === null ? null : credentialsExpireAt - lifetimeMs)
  const expired = useNowSelect((now) => credentialsExpireAt !== null && credentialsExpireAt <= now)
  const cut = useNowSelect(
    (now) => effectiveExpiry(now, seconds, credentialsExpireAt).cappedBy === 'credentials'
  )

  return {
    credentials,
    credentialsExpireAt,
    /** The credentials have expired: a link signed with them would not work at all. */
    expired,
    /** The credentials end before the chosen lifetime does, and the link with them. */
    capped: cut && !expired,
    /**
     * The credentials are temporary but say nothing of when they end (a profile with a static
     * `aws_session_token`): the link dies with the session, at a moment the app cannot see.
     */
    sessionEndUnknown: status?.temporary === true && credentialsExpireAt === null,
    /** When a link made at `now` stops working; what was asked for if the credentials are gone. */
    endsAt: (now: number) => {
      const expiry = effectiveExpiry(now, seconds, credentialsExpireAt)
      return expired ? expiry.requestedExpiresAt : expiry.expiresAt
    }
  }
}
