import type { LinkDisposition } from './models'
import { keyBaseName } from './object-key'

// C0, DEL and C1 controls, and the bidi overrides that make `\u202Egnp.exe` read `exe.png`.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu
const PATH_SEPARATORS = /[/\\]/g
// Characters RFC 5987 allows unencoded in `filename*` besides letters and digits.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/

/**
 * A file name fit to offer for download, or null when nothing usable is left.
 *
 * Control characters are dropped and path separators become `_`, so the name can never
 * point into another folder; `.` and `..` are refused for the same reason.
 */
export function sanitizeDownloadFilename(name: string): string | null {
  const cleaned = name.replace(CONTROL_CHARACTERS, '').replace(PATH_SEPARATORS, '_').trim()
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null
  return cleaned
}

/** The name a download of `key` is saved as by default: its last segment, if usable. */
export function defaultDownloadFilename(key: string): string | null {
  return sanitizeDownloadFilename(keyBaseName(key))
}

/**
 * The `filename="..."` value for clients that do not read `filename*`: printable ASCII only.
 *
 * Accents are dropped (é -> e), any other non-ASCII run becomes one `_`, and quotes,
 * backslashes and `%` go too (some clients percent-decode this value).
 */
export function asciiFallbackFilename(name: string): string {
  const sanitized = sanitizeDownloadFilename(name) ?? ''
  const fallback = sanitized
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/"/g, '')
    .replace(/%/g, '_')
    .replace(/[^\x20-\x7e]+/gu, '_')
    .trim()
  return fallback === '' || fallback === '.' || fallback === '..' ? 'download' : fallback
}

/**
 * A `Content-Disposition` value that makes browsers save the download as `name`.
 *
 * RFC 6266 with an RFC 5987 `filename*` for the real (UTF-8) name and a plain ASCII
 * `filename` for older clients: `attachment; filename="x.pdf"; filename*=UTF-8''x.pdf`.
 */
export function attachmentContentDisposition(name: string): string {
  const sanitized = sanitizeDownloadFilename(name) ?? asciiFallbackFilename(name)
  return `attachment; filename="${asciiFallbackFilename(sanitized)}"; filename*=UTF-8''${encodeRfc5987(sanitized)}`
}

/**
 * A `Content-Disposition` value that lets browsers show the file (`inline`), naming it `name`
 * for when the user saves it: `inline; filename="x.pdf"; filename*=UTF-8''x.pdf`, or plain
 * `inline` without a name.
 */
export function inlineContentDisposition(name: string | null): string {
  if (name === null) return 'inline'
  return attachmentContentDisposition(name).replace(/^attachment;/, 'inline;')
}

/**
 * The `response-content-disposition` a link asks S3 for, or undefined for none: an attachment
 * without a name sends nothing, as links always have (S3's stored header, if any, then applies).
 */
export function responseContentDisposition(
  disposition: LinkDisposition | undefined,
  name: string | null
): string | undefined {
  if (disposition === 'inline') return inlineContentDisposition(name)
  return name === null ? undefined : attachmentContentDisposition(name)
}

function encodeRfc5987(value: string): string {
  // encodeURIComponent writes the same upper-case UTF-8 escapes, ten times faster (a bulk share
  // names thousands of files), but leaves `'()*` bare, which attr-char does not allow, and
  // escapes `#$&+^`|`, which it does. It throws on a lone surrogate: encoded one by one below.
  if (!value.isWellFormed()) return encodeEachCharacter(value)
  return encodeURIComponent(value)
    .replace(/['()*]/g, percentEncodeUtf8)
    .replace(/%(?:23|24|26|2B|5E|60|7C)/g, (escape) =>
      String.fromCharCode(Number.parseInt(escape.slice(1), 16))
    )
}

function encodeEachCharacter(value: string): string {
  let encoded = ''
  for (const character of value) {
    encoded += ATTR_CHAR.test(character) ? character : percentEncodeUtf8(character)
  }
  return encoded
}

function percentEncodeUtf8(character: string): string {
  let encoded = ''
  for (const byte of new TextEncoder().encode(character)) {
    encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encoded
}
