import { parseArgs, type ParseArgsConfig } from 'node:util'
import { parseDurationText } from '../shared/exact-duration'
import { DEFAULT_EXPIRY_SECONDS } from '../shared/expiry-scale'
import type { ExportFormat, LinkStatusFilter } from '../shared/models'
import { bucketNameProblem, objectKeyProblem, prefixProblem } from '../shared/s3-names'
import { contentTypeProblem } from '../shared/upload-links'
import { quoteForMessage } from '../shared/user-text'

/**
 * The command was called wrongly (exit code 2); the message says what to change. `command`
 * names the command whose `--help` to point at.
 */
export class UsageError extends Error {
  readonly command: string | null

  constructor(message: string, command: string | null = null) {
    super(message)
    this.name = 'UsageError'
    this.command = command
  }
}

type Options = NonNullable<ParseArgsConfig['options']>

/** Options every command takes. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'user-data-dir': { type: 'string' }
} as const satisfies Options

/**
 * `util.parseArgs` in strict mode, its errors turned into `UsageError`s for `command`.
 *
 * Strict, so a mistyped option fails instead of being ignored by a script that then does
 * something else than its author meant.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: readonly string[],
  options: O,
  allowPositionals: boolean
) {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals,
      strict: true
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new UsageError(message, command)
  }
}

export interface S3Address {
  bucket: string
  /** The key or prefix after the bucket; empty for the whole bucket. */
  path: string
}

/**
 * Reads `s3://bucket/key` as the AWS CLI writes it: everything after the bucket's slash is the
 * key, as is (spaces, `#`, `?`, `%` are part of the key, never decoded).
 */
export function parseS3Address(text: string, command: string): S3Address {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(text)
  if (match === null) {
    throw new UsageError(
      `${quoteForMessage(text)} is not an S3 address. Write it as s3://bucket/key.`,
      command
    )
  }
  const bucket = match[1] ?? ''
  const problem = bucketNameProblem(bucket)
  if (problem !== null) {
    throw new UsageError(
      bucket === ''
        ? `${quoteForMessage(text)} has no bucket. Write it as s3://bucket/key.`
        : `Bucket name ${quoteForMessage(bucket)} cannot be used: it ${problem}.`,
      command
    )
  }
  return { bucket, path: match[2] ?? '' }
}

/** The key of a single object; refuses a folder or a bucket. */
export function objectKeyOf(address: S3Address, original: string, command: string): string {
  if (address.path === '' || address.path.endsWith('/')) {
    throw new UsageError(
      `${quoteForMessage(original)} is a ${address.path === '' ? 'bucket' : 'folder'}, not an object. ` +
        'Add --recursive to share every object under it.',
      command
    )
  }
  const problem = objectKeyProblem(address.path)
  if (problem !== null) {
    throw new UsageError(
      `Key ${quoteForMessage(address.path)} cannot be used: it ${problem}.`,
      command
    )
  }
  return address.path
}

/**
 * The prefix a recursive share covers: a folder, so `s3://b/photos` means `photos/` (as with
 * `aws s3 cp --recursive`), never `photos-2024/` too. Empty for the whole bucket.
 */
export function folderPrefixOf(address: S3Address, command: string): string {
  const prefix =
    address.path === '' || address.path.endsWith('/') ? address.path : `${address.path}/`
  const problem = prefixProblem(prefix)
  if (problem !== null) {
    throw new UsageError(
      `Prefix ${quoteForMessage(prefix)} cannot be used: it ${problem}.`,
      command
    )
  }
  return prefix
}

/** `--expires`, in seconds; the app's default lifetime (1 hour) when not given. */
export function expiresInSecondsOf(value: string | undefined, command: string): number {
  if (value === undefined) return DEFAULT_EXPIRY_SECONDS
  const parsed = parseDurationText(value)
  if (!parsed.ok) throw new UsageError(`--expires: ${parsed.message}`, command)
  return parsed.seconds
}

/**
 * `--until`: an ISO date and time, with a zone (`Z`, `+02:00`) or without one for the local time
 * zone: `2026-12-24T18:00`, `2026-12-24 18:00:30`. Returned as ISO (UTC). Whether it lies within
 * 7 days is checked when the link is signed, against the moment of signing.
 */
export function untilOf(value: string, command: string): string {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      value.trim()
    )
  const parsed = match === null ? Number.NaN : parseUntil(match)
  if (Number.isNaN(parsed)) {
    throw new UsageError(
      `--until: ${quoteForMessage(value)} is not a date and time. Write it as 2026-12-24T18:00 (local time) or 2026-12-24T18:00:00Z.`,
      command
    )
  }
  return new Date(parsed).toISOString()
}

function parseUntil(match: RegExpExecArray): number {
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match
  // Date.parse rolls 30 February over into March: refuse what is not on the calendar.
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  if (
    Number(month) < 1 ||
    Number(month) > 12 ||
    Number(day) < 1 ||
    Number(day) > daysInMonth ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return Number.NaN
  }
  const text = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}`
  if (zone === undefined) return Date.parse(text) // no zone: JavaScript reads it as local time
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
  return Date.parse(`${text}${offset}`)
}

/** `--content-type`: a MIME type as S3 would send it, e.g. `text/plain; charset=utf-8`. */
export function contentTypeOf(value: string, command: string): string {
  const problem = contentTypeProblem(value)
  if (problem !== null) {
    throw new UsageError(`--content-type ${quoteForMessage(value)} ${problem}.`, command)
  }
  return value
}

/** `--version-id`: S3's version ids are opaque printable ASCII (`null` for an unversioned object). */
export function versionIdOf(value: string, command: string): string {
  if (!/^[\x21-\x7e]{1,1024}$/.test(value)) {
    throw new UsageError(
      `--version-id ${quoteForMessage(value)} is not a version id: those are printable ASCII without spaces (see the object's versions in the app, or \`aws s3api list-object-versions\`).`,
      command
    )
  }
  return value
}

const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'text']

export function exportFormatOf(value: string | undefined, command: string): ExportFormat {
  if (value === undefined) return 'text'
  const format = EXPORT_FORMATS.find((candidate) => candidate === value.toLowerCase())
  if (format === undefined) {
    throw new UsageError(
      `--format must be csv, json or text, not ${quoteForMessage(value)}.`,
      command
    )
  }
  return format
}

const STATUS_FILTERS: readonly LinkStatusFilter[] = [
  'all',
  'active',
  'expiring',
  'expired',
  'revoked'
]

export function statusFilterOf(value: string | undefined, command: string): LinkStatusFilter {
  if (value === undefined) return 'all'
  const status = STATUS_FILTERS.find((candidate) => candidate === value.toLowerCase())
  if (status === undefined) {
    throw new UsageError(
      `--status must be active, expiring, expired, revoked or all, not ${quoteForMessage(value)}.`,
      command
    )
  }
  return status
}

/** A whole number of at least 1 (e.g. `--limit`); undefined when not given. */
export function positiveIntegerOf(
  value: string | undefined,
  option: string,
  command: string
): number | undefined {
  if (value === undefined) return undefined
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(
      `${option} takes a whole number of at least 1, not ${quoteForMessage(value)}.`,
      command
    )
  }
  return number
}
