import { useState } from 'react'
import { MAX_LINK_SECONDS } from '../../../../shared/ipc-contract'
import { formatMoment } from '../../../../shared/format'
import { MINUTE_MS, SECOND_MS } from '../../../../shared/time-units'
import { uiLocale } from '../../lib/locale'
import { useNowSelect } from '../../lib/use-now'

/** The shortest "until" accepted: a link that ends within a minute is of no use to anyone. */
const MIN_UNTIL_MS = MINUTE_MS

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** A moment as a `datetime-local` input writes it, in local time to the minute. */
export function toLocalInput(at: number): string {
  const date = new Date(at)
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  )
}

/** A `datetime-local` value as epoch ms (read in local time); NaN when it is not one. */
export function fromLocalInput(text: string): number {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)
    ? new Date(text).getTime()
    : Number.NaN
}

/** The local time zone as users recognise it: "Europe/Paris, UTC+01:00" (at `at`), or "UTC". */
export function localZoneLabel(at: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const offset = -new Date(at).getTimezoneOffset()
  if (offset === 0 && /^(Etc\/)?(UTC|GMT|UCT|Zulu)$/.test(zone)) return 'Time zone UTC'
  const sign = offset < 0 ? '−' : '+'
  const hours = Math.floor(Math.abs(offset) / 60)
  const minutes = Math.abs(offset) % 60
  return `Time zone ${zone}, UTC${sign}${pad(hours)}:${pad(minutes)}`
}

/** The latest moment a link made at `now` may end: 7 days, or the credentials' end if sooner. */
export function latestUntil(now: number, credentialsExpireAt: number | null): number {
  const sevenDays = now + MAX_LINK_SECONDS * SECOND_MS
  return credentialsExpireAt === null ? sevenDays : Math.min(sevenDays, credentialsExpireAt)
}

/** Why `at` cannot end a link made at `now`, or null when it can. */
export function untilProblem(
  at: number,
  now: number,
  credentialsExpireAt: number | null,
  profileId: string
): string | null {
  const locale = uiLocale()
  if (Number.isNaN(at)) return 'Enter a date and a time.'
  if (at < now + MIN_UNTIL_MS) return 'Pick a moment at least a minute from now.'
  if (credentialsExpireAt !== null && at > credentialsExpireAt) {
    return (
      `The credentials of profile ${profileId} expire at ${formatMoment(credentialsExpireAt, locale)}, ` +
      'and a link cannot outlive them: pick an earlier moment.'
    )
  }
  if (at > latestUntil(now, null)) {
    return `A link can work for at most 7 days: pick a moment before ${formatMoment(latestUntil(now, null), locale)}.`
  }
  return null
}

/**
 * "Until a date": the moment typed in the until field, in local time, and why it cannot be
 * used. Empty text means the lifetime comes from the slider instead.
 *
 * The problem follows the clock (a moment 2 minutes away becomes invalid in 2 minutes), but
 * re-renders only when the verdict changes.
 */
export function useUntil(profileId: string, credentialsExpireAt: number | null) {
  const [text, setText] = useState('')
  const at = fromLocalInput(text)
  const problem = useNowSelect((now) =>
    text === '' ? null : untilProblem(at, now, credentialsExpireAt, profileId)
  )
  // The input's bounds, to the minute: they move once a minute, not every second.
  const bounds = useNowSelect((now) => {
    const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS
    return `${toLocalInput(minute + MIN_UNTIL_MS)}|${toLocalInput(latestUntil(minute, credentialsExpireAt))}`
  })
  const [min = '', max = ''] = bounds.split('|')
  return {
    text,
    setText,
    /** Whether the link ends at a moment rather than after a lifetime. */
    active: text !== '',
    /** The moment as epoch ms; NaN when the text is not one. */
    at,
    problem,
    min,
    max,
    clear: () => setText('')
  }
}

export type Until = ReturnType<typeof useUntil>
