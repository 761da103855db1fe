import { useMemo } from 'react'
import { expiringSoonAt, linkStatus, toMs } from '../../../../shared/countdown'
import { useDeadline, useNowSelect } from '../../lib/use-now'

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback
}

/**
 * A link's status, live: it changes at exactly the moments it becomes expiring and expired.
 *
 * An unreadable date counts as the epoch, which makes the link expired: a link nobody can date
 * is not one to hand out.
 */
export function useLiveStatus(createdAt: string, expiresAt: string) {
  const times = useMemo(() => {
    const createdAtMs = finiteOr(toMs(createdAt), 0)
    const expiresAtMs = finiteOr(toMs(expiresAt), 0)
    const soonAtMs = finiteOr(expiringSoonAt({ createdAt: createdAtMs, expiresAt: expiresAtMs }), 0)
    return { createdAtMs, expiresAtMs, soonAtMs }
  }, [createdAt, expiresAt])
  useDeadline(times.soonAtMs)
  useDeadline(times.expiresAtMs)
  const status = useNowSelect((now) =>
    linkStatus({ createdAt: times.createdAtMs, expiresAt: times.expiresAtMs }, now)
  )
  return { ...times, status }
}
