import { AppError } from './errors'
import { assertObjectKey, assertPrefix } from './s3-names'
import { quoteForMessage } from './user-text'

/**
 * Upload links: what the presigner makes (main), what the commands and the upload page use,
 * what the share dialog and the registry show. Pure data and checks, no signing here.
 *
 * Two kinds, because they can promise different things:
 * - a pre-signed **PUT** URL writes one exact key. It can bind a Content-Type into its signature,
 *   but it cannot limit the size: the signature does not cover the body's length.
 * - a pre-signed **POST** (a form plus a signed policy) can limit the size
 *   (`content-length-range`), accept any file name under a prefix (`${filename}`) and restrict the
 *   Content-Type. S3 enforces the policy; some S3-compatible stores do not implement POST at all.
 */

/** S3 refuses a single PUT or POST larger than 5 GiB (EntityTooLarge); bigger files need multipart. */
export const MAX_SINGLE_UPLOAD_BYTES = 5 * 1024 ** 3

/** Replaced by S3 with the uploader's file name in a POST form's `key` field. */
export const FILENAME_VARIABLE = '${filename}'

/** Which Content-Type an upload may have: exactly one, or any that starts with a prefix (`image/`). */
export type ContentTypeRule =
  { kind: 'exact'; contentType: string } | { kind: 'starts-with'; prefix: string }

/** Where a POST upload lands: one exact key, or the uploader's file name under a prefix. */
export type UploadDestination = { kind: 'key'; key: string } | { kind: 'prefix'; prefix: string }

/** The limits written into a POST policy. */
export interface PostUploadLimits {
  /** Smallest accepted size in bytes (0 allows empty files). */
  minBytes: number
  /** Largest accepted size in bytes, at most `MAX_SINGLE_UPLOAD_BYTES`. */
  maxBytes: number
  /** null: any Content-Type. */
  contentType: ContentTypeRule | null
}

/** One condition of a POST policy, as AWS documents them. */
export type PostPolicyCondition =
  | Record<string, string>
  | ['eq' | 'starts-with', string, string]
  | ['content-length-range', number, number]

/** A pre-signed PUT URL for one exact key. */
export interface PutUploadLink {
  method: 'PUT'
  url: string
  /**
   * Headers the uploader must send exactly as given: the signed `Content-Type` when one is bound,
   * else none. Any other Content-Type (or none) makes S3 refuse the upload.
   */
  headers: Record<string, string>
  bucket: string
  key: string
  /** The Content-Type bound into the signature, or null. */
  contentType: string | null
  /** The link's X-Amz-Date (ISO, whole seconds). */
  signedAt: string
  /** signedAt + X-Amz-Expires (ISO). Temporary credentials may end the link sooner. */
  expiresAt: string
}

/** A pre-signed POST: the form's URL and fields, and the policy they carry. */
export interface PostUploadLink {
  method: 'POST'
  url: string
  /**
   * The form fields in the order to send them (`key` first). After them come the uploader's
   * Content-Type field when `contentTypeField` is set, and last of all the `file` field: S3
   * ignores whatever follows the file.
   */
  fields: Record<string, string>
  /**
   * Set when the uploader adds the `Content-Type` field (the file's own type), which must start
   * with `startsWith` ('' allows any type); null when `fields` fixes it.
   */
  contentTypeField: { startsWith: string } | null
  bucket: string
  destination: UploadDestination
  limits: PostUploadLimits
  /** The policy's conditions, decoded from the signed `Policy` field, in its order. */
  conditions: PostPolicyCondition[]
  /** The form's X-Amz-Date (ISO, whole seconds). */
  signedAt: string
  /** The policy's `expiration` (ISO). Temporary credentials may end the link sooner. */
  expiresAt: string
}

export type UploadLink = PutUploadLink | PostUploadLink

/**
 * A Content-Type a header can carry and S3 can compare: `type/subtype`, optionally with
 * parameters, printable ASCII only. Commas are refused: in a POST policy S3 reads a comma in
 * Content-Type as a list of types, each of which must match.
 */
const CONTENT_TYPE_PATTERN = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;[ -+\--~]*)?$/

/** Why a Content-Type cannot be bound to an upload, or null. */
export function contentTypeProblem(contentType: string): string | null {
  if (contentType === '') return 'is empty'
  if (contentType.length > 255) return 'is longer than 255 characters'
  if (contentType.includes(',')) return 'contains a comma, which S3 reads as a list of types'
  if (!CONTENT_TYPE_PATTERN.test(contentType)) {
    return 'is not a media type such as `image/png` (type/subtype, printable ASCII)'
  }
  return null
}

/** Why a Content-Type prefix (`image/`) cannot be a rule, or null. */
export function contentTypePrefixProblem(prefix: string): string | null {
  if (prefix === '') return 'is empty (leave the rule out to accept any type)'
  if (prefix.length > 255) return 'is longer than 255 characters'
  if (prefix.includes(',')) return 'contains a comma, which S3 reads as a list of types'
  if (!/^[A-Za-z0-9!#$&^_.+/-]+$/.test(prefix)) {
    return 'is not the start of a media type such as `image/` (letters, digits, `/`, `.`, `+`, `-`)'
  }
  return null
}

/** Throws `AppError('invalid-argument')` for a Content-Type S3 could not compare. */
export function assertContentType(contentType: string): void {
  const problem = contentTypeProblem(contentType)
  if (problem !== null) {
    throw new AppError(
      'invalid-argument',
      `Content-Type ${quoteForMessage(contentType)} cannot be required: it ${problem}.`
    )
  }
}

/** Throws `AppError('invalid-argument')` for a Content-Type rule that cannot go in a policy. */
export function assertContentTypeRule(rule: ContentTypeRule): void {
  if (rule.kind === 'exact') {
    assertContentType(rule.contentType)
    return
  }
  const problem = contentTypePrefixProblem(rule.prefix)
  if (problem !== null) {
    throw new AppError(
      'invalid-argument',
      `Content-Type prefix ${quoteForMessage(rule.prefix)} cannot be required: it ${problem}.`
    )
  }
}

/** Throws `AppError('invalid-argument')`, saying why and what to do, for limits S3 cannot honour. */
export function assertPostLimits(limits: PostUploadLimits): void {
  const { minBytes, maxBytes } = limits
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new AppError(
      'invalid-argument',
      `The maximum size must be a whole number of bytes, at least 1 (got ${String(maxBytes)}).`
    )
  }
  if (maxBytes > MAX_SINGLE_UPLOAD_BYTES) {
    throw new AppError(
      'invalid-argument',
      `The maximum size ${sizeInWords(maxBytes)} (${maxBytes} bytes) is above S3's limit for a single upload, 5 GiB (${MAX_SINGLE_UPLOAD_BYTES} bytes): S3 refuses anything larger from a form or a PUT. Choose 5 GiB or less.`
    )
  }
  if (!Number.isSafeInteger(minBytes) || minBytes < 0) {
    throw new AppError(
      'invalid-argument',
      `The minimum size must be a whole number of bytes, 0 or more (got ${String(minBytes)}).`
    )
  }
  if (minBytes > maxBytes) {
    throw new AppError(
      'invalid-argument',
      `The minimum size (${minBytes} bytes) is larger than the maximum (${maxBytes} bytes): no file could be uploaded. Lower the minimum or raise the maximum.`
    )
  }
  if (limits.contentType !== null) assertContentTypeRule(limits.contentType)
}

function refuseKey(what: string, value: string, problem: string): AppError {
  return new AppError(
    'invalid-argument',
    `${what} ${quoteForMessage(value)} cannot receive uploads: it ${problem}.`
  )
}

/**
 * Throws `AppError('invalid-argument')` for a key an upload link cannot name, on top of the
 * rules every key follows (checked by the presigner with `assertObjectKey`).
 */
export function assertUploadKey(key: string): void {
  if (key.includes(FILENAME_VARIABLE)) {
    throw refuseKey(
      'Key',
      key,
      `contains ${FILENAME_VARIABLE}, which S3 replaces with the uploader's file name; choose "any file name under this folder" instead`
    )
  }
  if (key.endsWith('/')) {
    throw refuseKey('Key', key, 'ends with `/`, so it names a folder, not a file')
  }
}

/** Throws `AppError('invalid-argument')` for a prefix a POST link cannot put file names under. */
export function assertUploadPrefix(prefix: string): void {
  if (prefix.includes(FILENAME_VARIABLE)) {
    throw refuseKey(
      'Folder',
      prefix,
      `contains ${FILENAME_VARIABLE}, which S3 replaces with the uploader's file name`
    )
  }
}

/** Throws `AppError('invalid-argument')` for a destination no upload link can write to. */
export function assertUploadDestination(destination: UploadDestination): void {
  if (destination.kind === 'key') {
    assertObjectKey(destination.key)
    assertUploadKey(destination.key)
  } else {
    assertPrefix(destination.prefix)
    assertUploadPrefix(destination.prefix)
  }
}

/** The `key` field of a POST form for a destination: the key, or the prefix + `${filename}`. */
export function postKeyField(destination: UploadDestination): string {
  return destination.kind === 'key' ? destination.key : destination.prefix + FILENAME_VARIABLE
}

/** Whether a Content-Type satisfies a rule; compares like S3 (case-sensitive). */
export function contentTypeMatches(rule: ContentTypeRule | null, contentType: string): boolean {
  if (rule === null) return true
  return rule.kind === 'exact'
    ? contentType === rule.contentType
    : contentType.startsWith(rule.prefix)
}

const SIZE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const

/**
 * A size limit in words, in the app's decimal units: `25 MB`, `1.5 GB`, `900 bytes`.
 *
 * Rounded down (to one decimal below 100 of a unit), never up: "larger than 25.6 MB" is then
 * true of every file the limit refuses.
 */
export function sizeInWords(bytes: number): string {
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`
  let unit = 0
  let value = bytes
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  // Rounding down on the value's digits: 25.6 must not become 25.599999.
  const shown = value < 100 ? Math.floor(Math.round(value * 1e6) / 1e5) / 10 : Math.floor(value)
  return `${shown} ${SIZE_UNITS[unit]}`
}

const TYPE_FAMILIES: Record<string, string> = {
  'image/': 'images',
  'video/': 'videos',
  'audio/': 'audio files',
  'text/': 'text files',
  'application/pdf': 'PDF documents'
}

/** What kind of files a rule lets through, for a sentence: "images", "files of type text/csv". */
export function contentTypeInWords(rule: ContentTypeRule): string {
  const value = rule.kind === 'exact' ? rule.contentType : rule.prefix
  const family = TYPE_FAMILIES[value]
  if (family !== undefined) return family
  return rule.kind === 'exact' ? `files of type ${value}` : `files whose type starts with ${value}`
}

/** A link's limits in words: "up to 25 MB, images only", "1 KB to 25 MB, any type". */
export function limitsInWords(limits: PostUploadLimits): string {
  const size =
    limits.minBytes > 0
      ? `${sizeInWords(limits.minBytes)} to ${sizeInWords(limits.maxBytes)}`
      : `up to ${sizeInWords(limits.maxBytes)}`
  const type =
    limits.contentType === null ? 'any type' : `${contentTypeInWords(limits.contentType)} only`
  return `${size}, ${type}`
}
