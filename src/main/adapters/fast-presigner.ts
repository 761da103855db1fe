import {
  GetObjectCommand,
  type S3Client,
  type ServiceInputTypes,
  type ServiceOutputTypes
} from '@aws-sdk/client-s3'
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner'
import {
  buildQueryString,
  escapeUri,
  extendedEncodeURIComponent,
  HttpRequest
} from '@smithy/core/protocols'
import {
  createHash,
  createHmac,
  createSecretKey,
  hash,
  type Hash,
  type Hmac,
  type KeyObject
} from 'node:crypto'
import type {
  AwsCredentialIdentity,
  Checksum,
  EndpointV2,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  HttpRequest as HttpRequestShape,
  QueryParameterBag,
  SourceData
} from '@smithy/types'
import type { BucketGetLinkRequest, BucketGetLinkSigner } from '../services/ports'

/**
 * GET links for one bucket at a fraction of `getSignedUrl`'s cost, with the very same URL.
 *
 * `getSignedUrl` runs the command's whole middleware stack for every link: endpoint rules,
 * serialization, a new presigner (so a new signer and its key cache). All of that depends on
 * the client and the bucket, not on the key, so it is done once here, by sending one probe
 * `GetObject` through the client's own stack and stopping it just before it would be signed,
 * exactly where `getSignedUrl` intercepts it. Each link then only fills in its key (encoded as
 * the SDK's serializer encodes `{Key+}`) and is signed by `ownSigner`, which computes what the
 * SDK's `S3RequestPresigner.presign` would with the same credentials, region and service, at a
 * seventh of its cost.
 *
 * Anything the probe shows that this shortcut does not model (S3 Express session credentials,
 * credentials in the endpoint URL, the key somewhere other than the end of the path) makes it
 * fall back to `getSignedUrl` itself; what `ownSigner` does not model, or signs differently from
 * the SDK on two sample links, goes through `presign`. So it is never wrong, only sometimes not
 * faster.
 */

/** A key the serializer passes through unchanged, so the path ends with it exactly. */
const PROBE_KEY = 'fast-presigner-probe'

/** Headers getSignedUrl removes before presigning (they change with every request). */
const PER_REQUEST_HEADERS = ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent']

interface RequestTemplate {
  protocol: string
  hostname: string
  port: number | undefined
  /** The path up to the key: `/bucket/` (path style), `/` (virtual hosted), endpoint path first. */
  basePath: string
  /** `protocol//host[:port]`, as `formatUrl` writes it. */
  origin: string
  query: Record<string, string>
  headers: Record<string, string>
  signingRegion: string
  signingService: string | undefined
  signingName: string | undefined
}

interface Probe {
  request: HttpRequestShape
  context: HandlerExecutionContext
}

const signersByClient = new WeakMap<S3Client, Map<string, Promise<BucketGetLinkSigner>>>()

/**
 * A signer for GET links to `bucket` through `client`, built once per (client, bucket).
 *
 * The client carries the profile, region, endpoint and addressing style; dropping the client
 * (the gateway does when credentials or config change) drops its signers too.
 */
export function bucketGetLinkSigner(
  client: S3Client,
  bucket: string
): Promise<BucketGetLinkSigner> {
  let signers = signersByClient.get(client)
  if (signers === undefined) {
    signers = new Map()
    signersByClient.set(client, signers)
  }
  const cached = signers.get(bucket)
  if (cached !== undefined) return cached
  const created = createSigner(client, bucket)
  signers.set(bucket, created)
  // A failed probe (e.g. credentials not there yet) is tried again next time.
  created.catch(() => {
    if (signers.get(bucket) === created) signers.delete(bucket)
  })
  return created
}

/** The reference path: what the fast signer must equal, and what it falls back to. */
export function sdkGetLinkSigner(client: S3Client, bucket: string): BucketGetLinkSigner {
  return ({
    key,
    expiresInSeconds,
    responseContentDisposition,
    responseContentType,
    versionId,
    signingDate
  }) =>
    getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(responseContentDisposition === undefined
          ? {}
          : { ResponseContentDisposition: responseContentDisposition }),
        ...(responseContentType === undefined ? {} : { ResponseContentType: responseContentType }),
        ...(versionId === undefined ? {} : { VersionId: versionId })
      }),
      { expiresIn: expiresInSeconds, signingDate }
    )
}

/**
 * The query parameters a link may add to the probe's request, as the SDK's GetObject serializer
 * names them, in a fixed order (the order of the `slots` in a link's query fragments).
 */
const PER_LINK_QUERY = [
  ['response-content-disposition', 'responseContentDisposition'],
  ['response-content-type', 'responseContentType'],
  ['versionId', 'versionId']
] as const

/** The per-link query values a request carries, in `PER_LINK_QUERY`'s order (absent: undefined). */
function perLinkValues(request: BucketGetLinkRequest): (string | undefined)[] {
  return PER_LINK_QUERY.map(([, field]) => request[field])
}

/**
 * A key as the SDK's serializer writes a greedy `{Key+}` label: each segment with
 * `extendedEncodeURIComponent`, the slashes between them kept.
 */
export function encodeKeyPath(key: string): string {
  if (!key.includes('/')) return extendedEncodeURIComponent(key)
  return key.split('/').map(extendedEncodeURIComponent).join('/')
}

/** What the first use for a bucket signs both ways: a key and a name that need escaping. */
const SELF_CHECK_KEY = "self check/R\u00e9sum\u00e9 + 'x' (1)*.txt"
const SELF_CHECK_DISPOSITION = `attachment; filename="Resume.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9.txt`
/** Every per-link parameter at once, with values that need escaping. */
const SELF_CHECK_FULL = {
  responseContentDisposition: `inline; filename="Resume.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9.txt`,
  responseContentType: 'text/plain; charset=utf-8',
  versionId: 'v1+/=.~_-'
}

async function createSigner(client: S3Client, bucket: string): Promise<BucketGetLinkSigner> {
  const { viaPresigner, own } = await signersFor(client, bucket)
  if (viaPresigner === null) return sdkGetLinkSigner(client, bucket)
  if (own === null) return viaPresigner
  // The request the SDK would sign is modelled on what it did once; should a future SDK
  // sign differently, this shows it here, once per bucket, and the SDK signs instead.
  const signingDate = new Date(Math.floor(Date.now() / 1000) * 1000)
  const samples: BucketGetLinkRequest[] = [
    { key: SELF_CHECK_KEY, expiresInSeconds: 3600, signingDate },
    {
      key: SELF_CHECK_KEY,
      expiresInSeconds: 3600,
      signingDate,
      responseContentDisposition: SELF_CHECK_DISPOSITION
    },
    { key: SELF_CHECK_KEY, expiresInSeconds: 3600, signingDate, ...SELF_CHECK_FULL }
  ]
  for (const sample of samples) {
    if ((await own(sample)) !== (await viaPresigner(sample))) {
      console.warn('The fast link signer differs from the AWS SDK here; the SDK signs instead.')
      return viaPresigner
    }
  }
  return own
}

/**
 * The two fast paths for a bucket, without the check that picks one: each link through the
 * SDK's presigner (null when the probe shows something it cannot take), and our own SigV4
 * signer (null when it does not model the request). Exported for tests.
 */
export async function signersFor(
  client: S3Client,
  bucket: string
): Promise<{ viaPresigner: BucketGetLinkSigner | null; own: BucketGetLinkSigner | null }> {
  const template = templateFrom(await probeRequest(client, bucket))
  if (template === null) return { viaPresigner: null, own: null }
  const viaPresigner = presignerSigner(client, template)
  return { viaPresigner, own: ownSigner(template, client.config.credentials, viaPresigner) }
}

/** Each link through the SDK's own `S3RequestPresigner.presign`, on the template's request. */
function presignerSigner(client: S3Client, template: RequestTemplate): BucketGetLinkSigner {
  const presigner = new S3RequestPresigner({
    ...client.config,
    signingName: template.signingName,
    // Never asked: every call names its signing region, as getSignedUrl's does.
    region: async () => template.signingRegion,
    sha256: KeyedSha256
  })
  const { protocol, hostname, port, basePath, origin, query, headers } = template
  const signingRegion = template.signingRegion
  const signingService = template.signingService
  // Escaped query values the links share (date, credential scope, lifetime, ...).
  const escaped = new Map<string, string>()

  return async (request: BucketGetLinkRequest) => {
    const linkQuery: Record<string, string> = { ...query }
    const values = perLinkValues(request)
    PER_LINK_QUERY.forEach(([name], index) => {
      const value = values[index]
      if (value !== undefined) linkQuery[name] = value
    })
    const presigned = await presigner.presign(
      new HttpRequest({
        protocol,
        hostname,
        port,
        method: 'GET',
        path: basePath + encodeKeyPath(request.key),
        query: linkQuery,
        headers: { ...headers }
      }),
      {
        expiresIn: request.expiresInSeconds,
        signingDate: request.signingDate,
        signingRegion,
        ...(signingService === undefined ? {} : { signingService })
      }
    )
    return `${origin}${presigned.path}?${queryString(presigned.query ?? {}, escaped)}`
  }
}

/** The longest lifetime SigV4 allows; the SDK refuses more, so such a link goes to it. */
const MAX_PRESIGNED_SECONDS = 604_800

/** Headers SigV4 never signs (`@smithy/signature-v4`'s list), and the presigner's `content-type`. */
const UNSIGNABLE_HEADERS = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
  'content-type'
])

/** Headers the signer drops before signing: it writes them itself. */
const GENERATED_HEADERS = new Set(['authorization', 'x-amz-date', 'date'])

const SIGNATURE_PARAM = 'X-Amz-Signature'

/** What the SDK's signer makes of the template's headers, the same for every link. */
interface SignedHeaders {
  /** `x-amz-*` headers, which a pre-signed URL carries in its query. */
  hoisted: Record<string, string>
  /** The canonical request after its query: header lines, signed header names, payload hash. */
  canonicalTail: string
  /** `X-Amz-SignedHeaders`. */
  names: string
}

/**
 * A query string with holes for what changes from link to link: `texts[0]`, `slots[0]`'s value,
 * `texts[1]`, and so on. A slot is the signature, or an index into `PER_LINK_QUERY`.
 */
interface QueryFragments {
  texts: string[]
  slots: ('signature' | number)[]
}

/** The two query strings of links with one lifetime and one set of per-link parameters. */
interface LinkShape {
  canonical: QueryFragments
  url: QueryFragments
}

/** What links signed with one set of credentials at one X-Amz-Date share. */
interface SigningSession {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string | undefined
  time: number
  longDate: string
  /** `X-Amz-Credential`'s scope: `date/region/service/aws4_request`. */
  scope: string
  key: KeyObject
  /** The string to sign up to the canonical request's hash. */
  stringToSignHead: string
  shapes: Map<number, LinkShape>
}

/**
 * SigV4 query signing, written for GET links only: one SHA-256 and one HMAC per link.
 *
 * It computes what `S3RequestPresigner.presign` computes for the template's request, step by
 * step: the presigner's `X-Amz-Content-Sha256` and `host` headers, `x-amz-*` headers moved to
 * the query, the canonical headers and query (names and values escaped with `escapeUri`,
 * sorted), and the URL's query as `formatUrl` writes it (sorted by raw name). Everything that
 * does not depend on the key is worked out once: the headers per bucket; the signing key (a
 * KeyObject, cheap to HMAC with), credential scope and query fragments per credentials and
 * X-Amz-Date, as the SDK's own key cache does. Credentials are asked of the client's provider
 * for every link, as the SDK does, so refreshed credentials sign from the next link on.
 *
 * Returns null for what it does not model (SigV4a, a path that does not start with `/`);
 * single requests it does not model (an odd lifetime or date) go to `fallback`.
 */
function ownSigner(
  template: RequestTemplate,
  credentialProvider: () => Promise<AwsCredentialIdentity>,
  fallback: BucketGetLinkSigner
): BucketGetLinkSigner | null {
  const { signingRegion, basePath, origin } = template
  if (/[*,]/.test(signingRegion) || !basePath.startsWith('/')) return null
  const headers = signedHeadersOf(template)
  if (headers === null) return null
  const service = template.signingService ?? (template.signingName || 's3')
  let session: SigningSession | null = null
  let signingKey: { id: string; key: KeyObject } | null = null

  function sessionFor(credentials: AwsCredentialIdentity, time: number): SigningSession {
    const { accessKeyId, secretAccessKey } = credentials
    const sessionToken = credentials.sessionToken || undefined
    if (
      session !== null &&
      session.time === time &&
      session.accessKeyId === accessKeyId &&
      session.secretAccessKey === secretAccessKey &&
      session.sessionToken === sessionToken
    ) {
      return session
    }
    // As the SDK's `iso8601` and `formatDate` write it.
    const longDate = new Date(time)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '')
    const shortDate = longDate.slice(0, 8)
    const scope = `${shortDate}/${signingRegion}/${service}/aws4_request`
    const keyId = `${shortDate}\n${accessKeyId}\n${secretAccessKey}`
    if (signingKey?.id !== keyId) {
      let key: string | Buffer = `AWS4${secretAccessKey}`
      for (const part of [shortDate, signingRegion, service, 'aws4_request']) {
        key = createHmac('sha256', key).update(part).digest()
      }
      signingKey = { id: keyId, key: createSecretKey(key as Buffer) }
    }
    session = {
      accessKeyId,
      secretAccessKey,
      sessionToken,
      time,
      longDate,
      scope,
      key: signingKey.key,
      stringToSignHead: `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n`,
      shapes: new Map()
    }
    return session
  }

  function shapeFor(current: SigningSession, expiresIn: number, present: boolean[]) {
    // One bit per per-link parameter present.
    const mask = present.reduce((bits, on, index) => bits | (on ? 1 << index : 0), 0)
    const id = expiresIn * (1 << PER_LINK_QUERY.length) + mask
    let shape = current.shapes.get(id)
    if (shape === undefined) {
      shape = linkShape(template, headers!, current, expiresIn, present)
      if (current.shapes.size >= 16) current.shapes.clear()
      current.shapes.set(id, shape)
    }
    return shape
  }

  return async (request) => {
    const { expiresInSeconds } = request
    const time = request.signingDate.getTime()
    if (
      !Number.isInteger(expiresInSeconds) ||
      expiresInSeconds <= 0 ||
      expiresInSeconds > MAX_PRESIGNED_SECONDS ||
      Number.isNaN(time)
    ) {
      return fallback(request)
    }
    const credentials = await credentialProvider()
    if (
      typeof credentials !== 'object' ||
      typeof credentials.accessKeyId !== 'string' ||
      typeof credentials.secretAccessKey !== 'string'
    ) {
      // The SDK's own error for it.
      return fallback(request)
    }
    const current = sessionFor(credentials, time)
    const values = perLinkValues(request)
    const shape = shapeFor(
      current,
      expiresInSeconds,
      values.map((value) => value !== undefined)
    )
    const path = basePath + encodeKeyPath(request.key)
    const escapedValues = values.map((value) => (value === undefined ? '' : escapeUri(value)))
    const canonicalRequest = `GET\n${path}\n${fill(shape.canonical, '', escapedValues)}${headers.canonicalTail}`
    const signature = createHmac('sha256', current.key)
      .update(current.stringToSignHead + hash('sha256', canonicalRequest, 'hex'))
      .digest('hex')
    return `${origin}${path}?${fill(shape.url, signature, escapedValues)}`
  }
}

function fill({ texts, slots }: QueryFragments, signature: string, values: string[]): string {
  let result = texts[0]!
  for (let index = 0; index < slots.length; index += 1) {
    const slot = slots[index]!
    result += (slot === 'signature' ? signature : values[slot]!) + texts[index + 1]!
  }
  return result
}

/**
 * The template's headers as `S3RequestPresigner.presign` and `SignatureV4.presign` treat them,
 * or null for headers it would not sign as plain strings.
 */
function signedHeadersOf(template: RequestTemplate): SignedHeaders | null {
  const { hostname, port } = template
  // S3RequestPresigner.prepareRequest
  const headers: Record<string, string> = { ...template.headers }
  headers['X-Amz-Content-Sha256'] = 'UNSIGNED-PAYLOAD'
  const host = headers['host']
  if (!host || (host === hostname && port != null)) {
    headers['host'] = `${hostname}${port != null ? `:${port}` : ''}`
  }
  const unhoistable = new Set(
    Object.keys(headers)
      .map((name) => name.toLowerCase())
      .filter((name) => name.startsWith('x-amz-server-side-encryption'))
  )
  // getPayloadHash: the first header of that name, whatever its case.
  const payloadHash = Object.entries(headers).find(
    ([name]) => name.toLowerCase() === 'x-amz-content-sha256'
  )?.[1]
  if (payloadHash === undefined) return null
  // prepareRequest, then moveHeadersToQuery
  const hoisted: Record<string, string> = {}
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase()
    if (GENERATED_HEADERS.has(lower)) {
      delete headers[name]
    } else if (lower.startsWith('x-amz-') && !unhoistable.has(lower)) {
      hoisted[name] = headers[name]!
      delete headers[name]
    }
  }
  // getCanonicalHeaders
  const canonical = new Map<string, string>()
  for (const name of Object.keys(headers).sort()) {
    const value = headers[name] as unknown
    if (value == null) continue
    if (typeof value !== 'string') return null
    const lower = name.toLowerCase()
    if (UNSIGNABLE_HEADERS.has(lower) || /^(proxy|sec)-/.test(lower)) continue
    canonical.set(
      lower,
      value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, '')
    )
  }
  const names = [...canonical.keys()].sort()
  const lines = names.map((name) => `${name}:${canonical.get(name)!}`).join('\n')
  return {
    hoisted,
    canonicalTail: `\n${lines}\n\n${names.join(';')}\n${payloadHash}`,
    names: names.join(';')
  }
}

/**
 * The canonical and URL query strings of links with one lifetime, credentials and date, with
 * holes for the per-link parameters present and the signature, built as `SignatureV4.presign` and
 * `formatUrl` build them (`getCanonicalQuery`: names escaped then sorted, the signature left
 * out; `buildQueryString`: sorted by raw name, then escaped).
 */
function linkShape(
  template: RequestTemplate,
  headers: SignedHeaders,
  session: SigningSession,
  expiresIn: number,
  present: boolean[]
): LinkShape {
  const query: Record<string, string> = { ...template.query }
  const slotByName = new Map<string, number>()
  PER_LINK_QUERY.forEach(([name], index) => {
    if (present[index] !== true) return
    query[name] = ''
    slotByName.set(name, index)
  })
  Object.assign(query, headers.hoisted)
  if (session.sessionToken !== undefined) query['X-Amz-Security-Token'] = session.sessionToken
  query['X-Amz-Algorithm'] = 'AWS4-HMAC-SHA256'
  query['X-Amz-Credential'] = `${session.accessKeyId}/${session.scope}`
  query['X-Amz-Date'] = session.longDate
  query['X-Amz-Expires'] = expiresIn.toString(10)
  query['X-Amz-SignedHeaders'] = headers.names
  query[SIGNATURE_PARAM] = ''
  const slotOf = (name: string): 'signature' | number | null =>
    name === SIGNATURE_PARAM ? 'signature' : (slotByName.get(name) ?? null)

  const canonicalNames = Object.keys(query)
    .filter((name) => name.toLowerCase() !== SIGNATURE_PARAM.toLowerCase())
    .map((name) => ({ name, escaped: escapeUri(name) }))
    .sort((a, b) => (a.escaped < b.escaped ? -1 : a.escaped > b.escaped ? 1 : 0))
  const urlNames = Object.keys(query)
    .sort()
    .map((name) => ({ name, escaped: escapeUri(name) }))
  const fragments = (names: { name: string; escaped: string }[]): QueryFragments => {
    const result: QueryFragments = { texts: [''], slots: [] }
    names.forEach(({ name, escaped }, index) => {
      const slot = slotOf(name)
      let text = `${index === 0 ? '' : '&'}${escaped}=`
      if (slot === null) text += escapeUri(query[name]!)
      result.texts[result.texts.length - 1] += text
      if (slot !== null) {
        result.slots.push(slot)
        result.texts.push('')
      }
    })
    return result
  }
  return { canonical: fragments(canonicalNames), url: fragments(urlNames) }
}

/** Query values that differ from link to link, not worth remembering. */
const PER_LINK_PARAMS = new Set<string>([
  'X-Amz-Signature',
  ...PER_LINK_QUERY.map(([name]) => name)
])

/** The most escaped values a signer remembers (a batch needs about ten). */
const MAX_ESCAPED = 64

/**
 * `buildQueryString` (what getSignedUrl's `formatUrl` writes: names sorted, names and values
 * escaped with `escapeUri`), escaping the values every link shares only once.
 */
function queryString(query: QueryParameterBag, escaped: Map<string, string>): string {
  const names = Object.keys(query).sort()
  let result = ''
  for (const name of names) {
    const value = query[name]
    // Lists and empty values never occur here; leave anything unusual to the SDK itself.
    if (typeof value !== 'string' || value === '') return buildQueryString(query)
    let text: string
    if (PER_LINK_PARAMS.has(name)) {
      text = escapeUri(value)
    } else {
      text = remembered(value, escaped)
    }
    result += `${result === '' ? '' : '&'}${remembered(name, escaped)}=${text}`
  }
  return result
}

function remembered(value: string, escaped: Map<string, string>): string {
  let text = escaped.get(value)
  if (text === undefined) {
    text = escapeUri(value)
    if (escaped.size >= MAX_ESCAPED) escaped.clear()
    escaped.set(value, text)
  }
  return text
}

/** Runs a probe GetObject through the client's stack and keeps the request it would sign. */
async function probeRequest(client: S3Client, bucket: string): Promise<Probe> {
  let probe: Probe | null = null
  const capture: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (_next, context) => async (args) => {
      probe = { request: args.request as HttpRequestShape, context }
      // What the retry middleware above expects back; nothing is sent.
      return { output: { $metadata: {} }, response: {} }
    }
  const stack = client.middlewareStack.clone()
  stack.addRelativeTo(capture, {
    name: 'fastPresignerProbe',
    relation: 'before',
    toMiddleware: 'awsAuthMiddleware',
    override: true
  })
  const command = new GetObjectCommand({ Bucket: bucket, Key: PROBE_KEY })
  const handler = command.resolveMiddleware(stack, client.config, {})
  await handler({ input: command.input })
  if (probe === null) throw new Error('The S3 client never built the request to sign.')
  return probe
}

function templateFrom({ request, context }: Probe): RequestTemplate | null {
  if (!HttpRequest.isInstance(request)) return null
  const { protocol, hostname, port, path } = request
  if (request.username != null || request.password != null || request.fragment) return null
  if (!path.endsWith(`/${PROBE_KEY}`) || hostname.includes(PROBE_KEY)) return null
  // S3 Express buckets sign with session credentials of their own: leave those to the SDK.
  if ('s3ExpressIdentity' in context && context.s3ExpressIdentity) return null
  const authScheme = (context.endpointV2 as EndpointV2 | undefined)?.properties?.authSchemes?.[0]
  // getSignedUrl signs for the endpoint rules' region, unless the auth step chose one.
  const schemeRegion =
    authScheme?.name === 'sigv4a'
      ? (authScheme.signingRegionSet as string[] | undefined)?.join(',')
      : (authScheme?.signingRegion as string | undefined)
  const signingRegion = (context['signing_region'] as string | undefined) ?? schemeRegion
  if (signingRegion === undefined) return null
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (!PER_REQUEST_HEADERS.includes(name)) headers[name] = value
  }
  const query: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.query)) {
    if (typeof value !== 'string') return null
    query[name] = value
  }
  const scheme = protocol.endsWith(':') ? protocol : `${protocol}:`
  return {
    protocol,
    hostname,
    port,
    basePath: path.slice(0, -PROBE_KEY.length),
    origin: `${scheme}//${hostname}${port ? `:${port}` : ''}`,
    query,
    headers,
    signingRegion,
    signingService: context['signing_service'] as string | undefined,
    signingName: authScheme?.signingName as string | undefined
  }
}

/** HMAC keys made of bytes, as KeyObjects, for as long as the bytes themselves live. */
const hmacKeys = new WeakMap<object, KeyObject>()

function hmacKey(secret: SourceData): string | KeyObject {
  if (typeof secret === 'string') return secret
  let key = hmacKeys.get(secret)
  if (key === undefined) {
    const bytes = ArrayBuffer.isView(secret)
      ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
      : new Uint8Array(secret)
    key = createSecretKey(bytes)
    hmacKeys.set(secret, key)
  }
  return key
}

/**
 * SHA-256 and HMAC-SHA256 from `node:crypto`, as the client's own, but cheaper to key.
 *
 * Node 24 takes about 30 µs to key an HMAC with raw bytes and 6 µs with a KeyObject, and SigV4
 * keys one HMAC per link with the day's signing key. The SDK caches that key as one bytes
 * object, so its KeyObject is kept beside it, weakly: no longer than the SDK keeps the key.
 */
class KeyedSha256 implements Checksum {
  private readonly key: string | KeyObject | null
  private hash: Hash | Hmac

  constructor(secret?: SourceData) {
    // As the SDK's own Hash: an empty secret means a plain hash.
    this.key = secret === undefined || secret === '' ? null : hmacKey(secret)
    this.hash = this.start()
  }

  update(chunk: Uint8Array): void {
    this.hash.update(chunk)
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest())
  }

  reset(): void {
    this.hash = this.start()
  }

  private start(): Hash | Hmac {
    return this.key === null ? createHash('sha256') : createHmac('sha256', this.key)
  }
}
