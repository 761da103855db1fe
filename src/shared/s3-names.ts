import { AppError } from './errors'
import { quoteForMessage } from './user-text'

/**
 * Bucket names, keys and prefixes no S3 store can accept.
 *
 * Checked before any request, so a name that cannot work fails at once with the reason,
 * instead of reaching the server as another path (`..` is resolved away by the URL) and
 * coming back as a confusing "internal" or "wrong region" error. S3-compatible stores (MinIO,
 * Ceph, Swift) allow names AWS refuses (capitals, underscores, more than 63 characters), so
 * AWS's own naming rules are not enforced: only what none of them can store is refused.
 *
 * Each `...Problem` function returns why the text cannot be used ("contains ..."), or null.
 */

/** S3 keys are at most 1024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024

/** No S3-compatible store takes a longer bucket name (AWS: 63, Ceph: 255, Swift: 256). */
export const MAX_BUCKET_NAME_BYTES = 255

const encoder = new TextEncoder()

/**
 * Whether the text is more than `limit` bytes of UTF-8.
 *
 * A UTF-16 unit takes one to three bytes, so most strings are judged by their length alone:
 * a megabyte-long argument is never encoded, nor is a short key in a batch of thousands.
 */
function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true
  if (text.length * 3 <= limit) return false
  return encoder.encode(text).length > limit
}

function codePointLabel(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/** Why a string cannot be encoded as UTF-8 (the only encoding S3 speaks), or null. */
function encodingProblem(text: string): string | null {
  return text.isWellFormed()
    ? null
    : 'has a broken character (a lone UTF-16 surrogate) that cannot be written as UTF-8'
}

/** The first C0 control (NUL included), DEL or C1 control in the text, or null. */
function firstControl(text: string): number | null {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return code
  }
  return null
}

export function bucketNameProblem(name: string): string | null {
  if (name === '') return 'is empty'
  if (exceedsBytes(name, MAX_BUCKET_NAME_BYTES)) {
    return `is longer than ${MAX_BUCKET_NAME_BYTES} bytes`
  }
  if (name === '.' || name === '..') {
    return 'is `.` or `..`, which URLs read as a step in the path, not as a name'
  }
  if (name.includes('/')) return 'contains `/`, which would make it a path, not a name'
  const control = firstControl(name)
  if (control !== null) {
    return `contains the control character ${codePointLabel(control)}, which no S3 store accepts in a bucket name`
  }
  return encodingProblem(name)
}

/** Why a folder prefix (empty for the bucket's top) cannot be listed, or null. */
export function prefixProblem(prefix: string): string | null {
  if (exceedsBytes(prefix, MAX_KEY_BYTES)) {
    return `is longer than ${MAX_KEY_BYTES} bytes of UTF-8, S3's limit for keys`
  }
  if (prefix.includes('\u0000')) {
    return 'contains a NUL character (U+0000), which S3 cannot store in a key'
  }
  return encodingProblem(prefix)
}

/** Why an object key cannot exist in S3, or null. Other control characters are valid in keys. */
export function objectKeyProblem(key: string): string | null {
  if (key === '') return 'is empty'
  return prefixProblem(key)
}

function refuse(what: string, value: string, problem: string): AppError {
  const message =
    value === ''
      ? `The ${what.toLowerCase()} is empty.`
      : `${what} ${quoteForMessage(value)} cannot be used: it ${problem}.`
  return new AppError('invalid-argument', message)
}

/** Throws `AppError('invalid-argument')` saying why, for a bucket name no store accepts. */
export function assertBucketName(name: string): void {
  const problem = bucketNameProblem(name)
  if (problem !== null) throw refuse('Bucket name', name, problem)
}

/** Throws `AppError('invalid-argument')` saying why, for a key S3 cannot store. */
export function assertObjectKey(key: string): void {
  const problem = objectKeyProblem(key)
  if (problem !== null) throw refuse('Key', key, problem)
}

/** Throws `AppError('invalid-argument')` saying why, for a prefix no key can start with. */
export function assertPrefix(prefix: string): void {
  const problem = prefixProblem(prefix)
  if (problem !== null) throw refuse('Prefix', prefix, problem)
}
