import { displayStatus, formatCountdown, type LinkStatus } from '../shared/countdown'
import { formatCount } from '../shared/format'
import type { IssuedLink, JobState } from '../shared/models'
import { cleanForMessage, quoteForMessage } from '../shared/user-text'

/**
 * What the command line prints: pure functions of their arguments, so tests need no process.
 *
 * Numbers use a fixed locale and dates a fixed layout: scripts read this output.
 */
const LOCALE = 'en-US'

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/** A moment in local time, sortable and unambiguous for people: `2026-05-01 14:32:05 +02:00`. */
export function formatLocalTime(ms: number): string {
  const date = new Date(ms)
  if (Number.isNaN(date.getTime())) return '—'
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const zone = `${sign}${pad2(Math.floor(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`
  return (
    `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ` +
    `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())} ${zone}`
  )
}

/** `s3://bucket/key`, as people and the AWS CLI write it. */
export function s3Address(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`
}

/** A link as `--json` prints it: the stored record plus its status at `now`. */
export function linkJson(
  link: IssuedLink,
  now: number
): IssuedLink & { status: LinkStatus | 'revoked' } {
  return { ...link, status: displayStatus(link, now) }
}

/** A cell: hidden characters escaped (a key may hold newlines), long values cut. */
function cell(text: string, maxChars = 120): string {
  return cleanForMessage(text, maxChars)
}

/** The `links` table: one line per link, columns aligned, headers first. */
export function formatLinkTable(links: readonly IssuedLink[], now: number): string {
  const header = ['ID', 'STATUS', 'EXPIRES', 'OBJECT', 'LABEL']
  const rows = links.map((link) => [
    link.id,
    displayStatus(link, now),
    formatLocalTime(Date.parse(link.expiresAt)),
    cell(s3Address(link.bucket, link.key)),
    cell(link.label, 60)
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))
  )
  return [header, ...rows]
    .map((row) =>
      row
        .map((value, column) =>
          column === row.length - 1 ? value : value.padEnd(widths[column] ?? 0)
        )
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}

/** "in 59 min 59 s" or "already" for a moment in the past. */
function fromNow(ms: number, now: number): string {
  return ms > now ? `in ${formatCountdown(ms - now)}` : 'already'
}

/**
 * Why a link will stop working before the lifetime asked for, the way the share dialog says it;
 * null when nothing cuts it short.
 *
 * `sessionEndUnknown`: the credentials carry a session token but no expiry, so the link may die
 * whenever that session ends.
 */
export function expiryWarning(
  link: Pick<IssuedLink, 'profileId' | 'expiresAt' | 'requestedExpiresAt' | 'cappedBy'>,
  sessionEndUnknown: boolean,
  now: number
): string | null {
  const profile = quoteForMessage(link.profileId)
  if (link.cappedBy === 'credentials') {
    const expiresAt = Date.parse(link.expiresAt)
    return (
      `Warning: the link stops working at ${formatLocalTime(expiresAt)} (${fromNow(expiresAt, now)}), ` +
      `when the temporary credentials of profile ${profile} expire, not at ` +
      `${formatLocalTime(Date.parse(link.requestedExpiresAt))} as asked. ` +
      'Sign with longer-lived credentials for a longer link.'
    )
  }
  if (sessionEndUnknown) {
    return (
      `Warning: profile ${profile} signs with temporary credentials (a session token) whose end ` +
      'is not known. The link stops working when that session ends, which may be before ' +
      `${formatLocalTime(Date.parse(link.requestedExpiresAt))}.`
    )
  }
  return null
}

const BAR_CELLS = 24

/**
 * One line of progress for a terminal: `[████░░░░] 1,234/5,000 objects  850/s  2 failed`.
 *
 * While the job lists objects the total is not known yet, so it shows the count found so far.
 */
export function formatProgress(state: JobState): string {
  const failed = state.failed > 0 ? `  ${formatCount(state.failed, LOCALE)} failed` : ''
  const rate =
    state.ratePerSecond > 0 ? `  ${formatCount(Math.round(state.ratePerSecond), LOCALE)}/s` : ''
  if (state.total === null || state.phase === 'listing') {
    return `Listing objects… ${formatCount(state.total ?? state.done, LOCALE)} found${failed}`
  }
  const fraction = state.total === 0 ? 1 : Math.min(1, state.done / state.total)
  const filled = Math.round(fraction * BAR_CELLS)
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_CELLS - filled)
  return (
    `[${bar}] ${formatCount(state.done, LOCALE)}/${formatCount(state.total, LOCALE)} objects` +
    `${rate}${failed}`
  )
}

/** Rewrites the terminal's current line (carriage return, then erase to its end). */
export function overwriteLine(text: string): string {
  return `\r${text}\u001b[K`
}

export const CLEAR_LINE = '\r\u001b[K'

/** How many, with the right noun: `1 link`, `2,512 links`. */
export function countOf(count: number, singular: string, plural: string): string {
  return `${formatCount(count, LOCALE)} ${count === 1 ? singular : plural}`
}
