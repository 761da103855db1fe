import { AppError } from './errors'
import { MAX_LINK_URL_LENGTH } from './ipc-contract'

/**
 * How long links get, and how the default download name is shortened so that no link the app
 * makes by default exceeds `MAX_LINK_URL_LENGTH`.
 *
 * The name travels twice in the link's `response-content-disposition`: as an ASCII fallback and
 * as RFC 5987 `filename*`, whose `%XX` escapes are escaped again in the query (`%25XX`). So one
 * CJK character of the name costs 16 characters of URL, an emoji 21: a 255-character name can
 * add 5 KB, on top of a key of up to 3 KB once encoded and a session token of 1–2 KB.
 */

/** The mark put where the stem was cut: `Quarterly report of the…pdf` reads as shortened. */
export const SHORTENED_MARK = '\u2026'

/** The longest ending still taken for an extension (`.tar.gz` is two; `.jpeg` fits). */
const MAX_EXTENSION_CHARACTERS = 12

/**
 * The characters `escapeUri` (what the SDK writes query values with) leaves bare: RFC 3986's
 * unreserved ones. Everything else is one `%XX` per UTF-8 byte.
 */
const UNRESERVED = /[A-Za-z0-9\-._~]/

/**
 * The length of `value` once written into a query string as the SDK writes it (`escapeUri`:
 * unreserved characters bare, every other UTF-8 byte as `%XX`; a lone surrogate as U+FFFD's
 * three bytes, as `TextEncoder` writes it).
 */
export function queryEncodedLength(value: string): number {
  let length = 0
  for (const character of value) {
    if (character.length === 1 && UNRESERVED.test(character)) {
      length += 1
      continue
    }
    length += 3 * utf8Length(character)
  }
  return length
}

/**
 * The length of an object key in a URL's path, as the SDK's serializer writes it: each
 * segment escaped as a query value is, the slashes between them kept.
 */
export function pathEncodedLength(key: string): number {
  let length = 0
  for (const segment of key.split('/')) length += queryEncodedLength(segment) + 1
  return length - 1
}

function utf8Length(character: string): number {
  const code = character.codePointAt(0) ?? 0
  if (code < 0x80) return 1
  if (code < 0x800) return 2
  // Lone surrogates too: they are written as U+FFFD, three bytes.
  if (code < 0x10000) return 3
  return 4
}

/** A file name's stem and extension (with its dot); no extension for `.bashrc` or `a.b c`. */
export function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return { stem: name, extension: '' }
  const extension = name.slice(dot)
  // `.` plus letters and digits only, and short: anything else reads as part of the name.
  if (!/^\.[\p{L}\p{N}_-]+$/u.test(extension) || [...extension].length > MAX_EXTENSION_CHARACTERS) {
    return { stem: name, extension: '' }
  }
  return { stem: name.slice(0, dot), extension }
}

/** The user-perceived characters of a text: never splits a surrogate pair or an accent from its letter. */
function graphemes(text: string): string[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  return Array.from(segmenter.segment(text), (part) => part.segment)
}

/**
 * The longest form of `name` that `fits`, cut at the end of its stem, its extension kept and the
 * cut marked with `…`; `name` itself when it fits already; null when not even `…` and the
 * extension fit.
 *
 * `fits` must grow no more lenient as the name grows (a longer prefix never fits where a
 * shorter one does not), which holds for any measure of the encoded name's length.
 */
export function shortenDownloadFilename(
  name: string,
  fits: (candidate: string) => boolean
): string | null {
  if (fits(name)) return name
  const { stem, extension } = splitExtension(name)
  const parts = graphemes(stem)
  const candidate = (kept: number) =>
    `${parts.slice(0, kept).join('').trimEnd()}${SHORTENED_MARK}${extension}`
  // Binary search for the most graphemes of the stem kept: fewer never make a longer link.
  let low = 0
  let high = parts.length - 1
  if (!fits(candidate(0))) return null
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(candidate(middle))) low = middle
    else high = middle - 1
  }
  return candidate(low)
}

/**
 * Whether `candidate` is `name` itself or a form `shortenDownloadFilename` could have made of it
 * (a start of its stem, `…`, its extension).
 */
export function isShortenedFrom(candidate: string, name: string): boolean {
  if (candidate === name) return true
  const { stem, extension } = splitExtension(name)
  const ending = `${SHORTENED_MARK}${extension}`
  if (!candidate.endsWith(ending)) return false
  return stem.startsWith(candidate.slice(0, candidate.length - ending.length))
}

/** What makes a link long, for the message that refuses it. */
export interface LinkLengthParts {
  /** The whole URL's length. */
  length: number
  /** The object key once encoded in the path. */
  keyLength: number
  /** The download name's share (the `response-content-disposition` value, encoded). */
  nameLength: number
  /** The Content-Type override's share, encoded. */
  contentTypeLength: number
  /** The session token's share, encoded (temporary credentials). */
  tokenLength: number
}

/**
 * The error for a link the user's own choices make longer than `MAX_LINK_URL_LENGTH`: it says
 * how long, and which of their choices take the most room.
 */
export function linkTooLongError(parts: LinkLengthParts): AppError {
  const causes: [number, string][] = [
    [parts.keyLength, 'the object key'],
    [parts.nameLength, 'the download name'],
    [parts.contentTypeLength, 'the content type'],
    [parts.tokenLength, 'the session token of the credentials']
  ]
  const named = causes
    .filter(([size]) => size >= 200)
    .sort((a, b) => b[0] - a[0])
    .map(([size, what]) => `${what} (${size.toLocaleString('en-US')})`)
  const why = named.length === 0 ? '' : ` Most of it is ${joinWords(named)}.`
  const excess = parts.length - MAX_LINK_URL_LENGTH
  return new AppError(
    'link-too-long',
    `This link would be ${parts.length.toLocaleString('en-US')} characters long, ${excess.toLocaleString('en-US')} more than the ${MAX_LINK_URL_LENGTH.toLocaleString('en-US')} that many servers and proxies accept, so it could fail for the recipient.${why} Choose a shorter download name or none, drop the content type, or share a copy of the object under a shorter key.`
  )
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`
}
