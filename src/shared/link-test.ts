import type { LinkSelfTest, LinkTestOutcome } from './models'
import { cleanForMessage } from './user-text'

/**
 * What one test fetch of a pre-signed URL found, and what it means for the person about to send
 * the link.
 *
 * Pure: the fetch itself is `adapters/link-tester.ts`. The codes and messages are those of AWS
 * S3 and of OpenStack Swift's s3api (the test server), which agree on the ones that matter:
 * `SignatureDoesNotMatch`, `InvalidAccessKeyId`, `AccessDenied` "Request has expired",
 * `AuthorizationQueryParametersError` "the region '…' is wrong; expecting '…'", `NoSuchKey`.
 */

/** The most characters a self-test message has (`LinkSelfTest.message`). */
export const MAX_SELF_TEST_MESSAGE_CHARS = 500

/** The most characters of S3's own message quoted in ours. */
const MAX_S3_MESSAGE_CHARS = 200

/** An answer's headers, as Node gives them (lower-case names). */
type AnswerHeaders = Readonly<Record<string, string | readonly string[] | undefined>>

/** What came back from the test fetch. */
export type LinkTestAnswer =
  | {
      kind: 'response'
      status: number
      headers: AnswerHeaders
      /** The start of the body (an S3 error document), decoded as UTF-8; may be cut short. */
      body: string
    }
  | {
      kind: 'network-failure'
      /** Node's error code (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`...), if any. */
      code: string | null
      /** True when nothing (or not all of the headers) came back in time. */
      timedOut: boolean
    }

/** An S3 error document's fields that matter here. */
export interface S3ErrorDocument {
  code: string | null
  message: string | null
  /** `<Region>` (wrong-region errors) or the bucket's region from a redirect. */
  region: string | null
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'"
}

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : entity
    }
    return ENTITIES[name.toLowerCase()] ?? entity
  })
}

/** The text of the first `<name>` element directly in the body, or null. */
function elementText(body: string, name: string): string | null {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)
  if (match === null) return null
  const text = decodeXmlText(match[1]!).trim()
  return text === '' ? null : text
}

function header(headers: AnswerHeaders, name: string): string | null {
  const value = headers[name]
  const first = typeof value === 'string' ? value : value?.[0]
  return first === undefined || first.trim() === '' ? null : first.trim()
}

/**
 * S3's error code and message, from the XML error document or, when the body says nothing
 * (answers to HEAD, some proxies), from the `x-amz-error-code` / `x-amz-error-message` headers.
 */
export function parseS3Error(body: string, headers: AnswerHeaders = {}): S3ErrorDocument {
  return {
    code: elementText(body, 'Code') ?? header(headers, 'x-amz-error-code'),
    message: elementText(body, 'Message') ?? header(headers, 'x-amz-error-message'),
    region: elementText(body, 'Region') ?? header(headers, 'x-amz-bucket-region')
  }
}

/**
 * S3's own words, made safe to show: a signature, an access key's secret or a credential scope
 * never comes back in our message, even if a server put one into its message.
 */
function safeS3Message(message: string): string {
  const redacted = message
    .replace(/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s'"]*/gi, '$1…')
    .replace(/\b[0-9a-f]{64}\b/gi, '…')
  return cleanForMessage(redacted, MAX_S3_MESSAGE_CHARS)
}

const MISSING_CODES = new Set(['NoSuchKey', 'NoSuchBucket', 'NoSuchVersion', 'NotFound'])

const REGION_CODES = new Set([
  'AuthorizationHeaderMalformed',
  // MinIO's "Region does not match."
  'InvalidRegion',
  'PermanentRedirect',
  'TemporaryRedirect',
  'IllegalLocationConstraintException',
  'IncorrectEndpoint'
])

/** Node's certificate and TLS failure codes (`CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`...). */
const TLS_CODE = /CERT|TLS|SSL/

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing is listening at that address (connection refused)',
  ENOTFOUND: 'its host name does not resolve (DNS)',
  EAI_AGAIN: 'its host name could not be resolved right now (DNS)',
  ECONNRESET: 'the server closed the connection before it answered',
  EHOSTUNREACH: 'the host cannot be reached from this network',
  ENETUNREACH: 'the network is unreachable'
}

/**
 * "Request is not valid yet" (MinIO and others): the link's X-Amz-Date lies ahead of the
 * server's clock, so this computer's clock is fast. An `expired` outcome, as a slow clock is.
 */
function notValidYet(error: S3ErrorDocument): boolean {
  return (
    error.code === 'AccessDenied' && /\bnot (?:valid yet|yet valid)\b/i.test(error.message ?? '')
  )
}

/** Which outcome an S3 answer means: from the code first, the status when there is none. */
function outcomeOf(
  status: number,
  error: S3ErrorDocument,
  headers: AnswerHeaders
): LinkTestOutcome {
  const { code } = error
  const message = error.message ?? ''
  if (status === 200 || status === 206) return 'works'
  // A zero-byte object has no byte 0: S3 refuses the range, but only after checking the
  // signature and finding the object, so the link works.
  if (status === 416 || code === 'InvalidRange') return 'works'
  if (code === 'SignatureDoesNotMatch') return 'signature-mismatch'
  if (code === 'InvalidAccessKeyId' || code === 'InvalidToken') return 'unknown-access-key'
  if (code === 'ExpiredToken' || code === 'TokenRefreshRequired') return 'expired'
  if (code === 'AccessDenied' && /\bexpired\b/i.test(message)) return 'expired'
  if (notValidYet(error)) return 'expired'
  if (code === 'AccessDenied' || code === 'AllAccessDisabled') return 'access-denied'
  if (code !== null && MISSING_CODES.has(code)) return 'object-missing'
  // A link pinned to a version that is a delete marker: S3 answers 405 with this header.
  if (status === 405 && header(headers, 'x-amz-delete-marker') === 'true') return 'object-missing'
  if (code !== null && REGION_CODES.has(code)) return 'wrong-region'
  if (code === 'AuthorizationQueryParametersError' && /\bregion\b/i.test(message)) {
    return 'wrong-region'
  }
  if (code === 'SlowDown' || status === 503) return 'throttled'
  if (code === null) {
    if (status === 301 || status === 307) return 'wrong-region'
    if (status === 404) return 'object-missing'
    if (status === 403) return 'access-denied'
  }
  if (status >= 500) return 'server-error'
  if (status === 404) return 'object-missing'
  return 'failed'
}

/** What the user reads for each outcome: what happened, then what to do. */
function explain(outcome: LinkTestOutcome, status: number, error: S3ErrorDocument): string {
  switch (outcome) {
    case 'works':
      return status === 416
        ? 'The link works (the object is empty, so there was no first byte to fetch).'
        : 'The link works: S3 accepted its signature and served the object.'
    case 'signature-mismatch':
      return "S3 rejected the link's signature: the secret key is wrong or the URL was changed after signing. Check the profile's secret access key, then make the link again; copy it whole."
    case 'unknown-access-key':
      return error.code === 'InvalidToken'
        ? "S3 does not accept the link's session token. Sign in again (or refresh the credentials), then make the link again."
        : "S3 does not know the link's access key: it was deleted, deactivated, or belongs to another account or endpoint. Check the profile's access key id."
    case 'expired':
      if (notValidYet(error)) {
        return "S3 says the link is not valid yet: this computer's clock is ahead of the server's. Set the system clock right (automatic time), then make the link again."
      }
      return error.code === 'ExpiredToken' || error.code === 'TokenRefreshRequired'
        ? 'The credentials that signed the link (a session) have expired, so the link no longer works. Sign in again and make a new link.'
        : "The link has expired (or the computer's clock is wrong). Make a new link; if it is new already, check the system clock."
    case 'access-denied':
      return "S3 refused the link: the signature is valid, but the key that signed it may not read this object (IAM or bucket policy, KMS key, or a blocked account). Check the profile's permissions for s3:GetObject."
    case 'object-missing':
      return error.code === 'NoSuchBucket'
        ? 'The bucket does not exist (any more), so the link leads nowhere.'
        : error.code === 'NoSuchVersion' || status === 405
          ? 'That version of the object does not exist (any more), so the link leads nowhere.'
          : 'The object is not there (deleted, moved or renamed), so the link leads nowhere. Check the key, or share the object again once it is back.'
    case 'wrong-region':
      return `The link was signed for the wrong region${error.region === null ? '' : `: the bucket is in ${error.region}`}. Set the profile's region (or endpoint) to the bucket's, then make the link again.`
    case 'throttled':
      return 'S3 is busy and asked to slow down (503). The link itself may be fine: test it again in a minute.'
    case 'server-error':
      return `The server failed to answer (HTTP ${status}). The link itself may be fine: test it again later.`
    default:
      return status >= 300 && status < 400
        ? `The server answered with a redirect (HTTP ${status}) instead of the object; the recipient's browser may not follow it. Check the profile's endpoint.`
        : `S3 refused the link (HTTP ${status}).`
  }
}

function unreachable(code: string | null, timedOut: boolean): string {
  if (timedOut) {
    return 'The server did not answer in time: it is down, unreachable from here, or very slow. Check the endpoint and network, then test again.'
  }
  if (code !== null && TLS_CODE.test(code)) {
    return `The server's TLS certificate was not accepted (${cleanForMessage(code, 60)}): recipients' browsers will likely refuse it too. Check the endpoint.`
  }
  const words = code === null ? undefined : NETWORK_WORDS[code]
  const reason = words ?? 'the connection failed'
  const suffix = code === null || words !== undefined ? '' : ` (${cleanForMessage(code, 60)})`
  return `The server could not be reached: ${reason}${suffix}. Check the endpoint and network, then test again.`
}

/**
 * Turns the answer to one `GET` (with `Range: bytes=0-0`) of a pre-signed URL into the result
 * recorded with the link. The message says what happened and what to do, names S3's code, is at
 * most 500 characters, and never repeats the URL, its signature or credentials.
 */
export function classifyLinkTest(answer: LinkTestAnswer, testedAt: Date | number): LinkSelfTest {
  const at = new Date(testedAt).toISOString()
  if (answer.kind === 'network-failure') {
    return {
      outcome: 'unreachable',
      httpStatus: null,
      s3Code: null,
      message: finish(unreachable(answer.code, answer.timedOut)),
      testedAt: at
    }
  }
  const { status } = answer
  const error: S3ErrorDocument =
    status === 200 || status === 206
      ? { code: null, message: null, region: null }
      : parseS3Error(answer.body, answer.headers)
  const s3Code = error.code === null ? null : cleanForMessage(error.code, 100)
  if (error.code === null && status >= 300 && status < 500 && isWebPage(answer)) {
    // Not S3's answer: blaming the signature, permissions or the object would mislead.
    return {
      outcome: 'failed',
      httpStatus: status,
      s3Code: null,
      message: finish(
        `Something other than S3 answered (HTTP ${status}, a web page): a proxy, a firewall, a sign-in page or a wrong endpoint. Check the profile's endpoint and the network, then test again.`
      ),
      testedAt: at
    }
  }
  const outcome = outcomeOf(status, error, answer.headers)
  let message = explain(outcome, status, error)
  if (outcome !== 'works' && (s3Code !== null || error.message !== null)) {
    const said = error.message === null ? '' : `: ${safeS3Message(error.message)}`
    message += ` (S3: ${s3Code ?? `HTTP ${status}`}${said})`
  }
  return { outcome, httpStatus: status, s3Code, message: finish(message), testedAt: at }
}

/** Whether an answer is an HTML page (a proxy's or a web server's) rather than S3's XML. */
function isWebPage(answer: Extract<LinkTestAnswer, { kind: 'response' }>): boolean {
  const type = header(answer.headers, 'content-type')
  if (type !== null) return /^text\/html\b/i.test(type)
  return /^\s*<(?:!doctype\s+html|html)\b/i.test(answer.body)
}

/** The recorded result for an upload (PUT or POST) link, which is not tested by uploading. */
export function notTestedUpload(testedAt: Date | number): LinkSelfTest {
  return {
    outcome: 'not-tested',
    httpStatus: null,
    s3Code: null,
    message:
      'Upload links are not tested: the only real test is an upload, which would put a file in the bucket. Try it with a small file if in doubt.',
    testedAt: new Date(testedAt).toISOString()
  }
}

/** The recorded result when testing a link broke unexpectedly: a result, never a failed link. */
export function untestedByError(testedAt: Date | number): LinkSelfTest {
  return {
    outcome: 'failed',
    httpStatus: null,
    s3Code: null,
    message: 'The link could not be tested because of an unexpected error. Test it again.',
    testedAt: new Date(testedAt).toISOString()
  }
}

function finish(message: string): string {
  return cleanForMessage(message, MAX_SELF_TEST_MESSAGE_CHARS)
}
