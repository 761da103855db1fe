import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/**
 * AWS's STS, IAM Identity Center portal (SSO) and OIDC services, on one loopback port, for tests.
 *
 * They speak the wire formats of AWS's service models (`botocore/data/{sts,sso,sso-oidc}`), which
 * both the JS SDK and botocore are generated from: STS's query protocol with XML answers and
 * `<ErrorResponse>` errors; the portal's and OIDC's rest-json, errors named by the
 * `x-amzn-errortype` header with the model's status codes and OIDC's `error` /
 * `error_description` body. `src/main/adapters/aws-stand-ins.test.ts` drives them with botocore,
 * the other tests with the JS SDK. STS checks each request's SigV4 signature (an implementation of its own, not the SDK's)
 * against the caller's secret, and MFA codes and external ids against the role's settings.
 *
 * Every secret it issues contains one of `STAND_IN_SECRET_MARKERS`, so a test can search for
 * all of them at once.
 */
export interface StandInKeys {
  accessKeyId: string
  secretAccessKey: string
}

export interface StandInRole {
  /** What AssumeRole hands out (Swift's key, say); fresh temporary keys when absent. */
  credentials?: StandInKeys
  /** The MFA device whose current code the role's trust policy requires. */
  mfaSerial?: string
  /** The external id the trust policy requires. */
  externalId?: string
}

export interface AwsStandInsOptions {
  /** Long-term keys STS accepts signatures from (those of the base profiles). */
  callers: StandInKeys[]
  /** Roles by ARN. */
  roles?: Record<string, StandInRole>
  /** The code each MFA device shows now. */
  mfaCodes?: Record<string, string>
  /** What GetRoleCredentials hands out for any account and role (Swift's key, say). */
  ssoRoleCredentials: StandInKeys
  /** How long role and SSO role credentials live, in seconds. */
  credentialSeconds?: number
}

export interface StandInCall {
  /** `sts:AssumeRole`, `oidc:CreateToken`, `sso:GetRoleCredentials`, ... */
  operation: string
  /** The parameters a test may check (never secrets). */
  params: Record<string, string>
}

/** How the user on the approval page behaves, and how the OIDC service paces the poll. */
export interface DeviceFlowScript {
  /** Approve after this many polls; null to wait for `approve` (or a GET of the page). */
  approveAfterPolls: number | null
  /** The user chooses Deny. */
  deny: boolean
  /** Answer the first poll with slow_down. */
  slowDownOnce: boolean
  /** The device code has expired (expired_token). */
  expired: boolean
  /** `interval` and `expiresIn` of StartDeviceAuthorization. */
  intervalSeconds: number
  expiresInSeconds: number
  /** Lifetime of the access tokens CreateToken issues. */
  tokenSeconds: number
}

export interface AwsStandIns {
  /** `http://127.0.0.1:PORT`: the endpoint for STS, SSO and SSO OIDC clients. */
  endpoint: string
  calls: StandInCall[]
  deviceFlow: DeviceFlowScript
  /** Approves the pending device authorizations, as a user clicking Allow would. */
  approve(): void
  /** An access token the portal accepts, as `aws sso login` elsewhere would have got. */
  issueAccessToken(seconds?: number): string
  /** Whether the portal would accept this access token now. */
  acceptsAccessToken(token: string): boolean
  /** Makes every refresh token issued so far invalid (a revoked session). */
  revokeRefreshTokens(): void
  stop(): Promise<void>
}

/** Every secret the stand-ins issue contains one of these. */
export const STAND_IN_SECRET_MARKERS = [
  'STANDIN-ACCESS-TOKEN',
  'STANDIN-REFRESH-TOKEN',
  'STANDIN-CLIENT-SECRET',
  'STANDIN-DEVICE-CODE',
  'STANDIN-SESSION-TOKEN',
  'STANDIN-SECRET-KEY'
] as const

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const REGISTRATION_SECONDS = 90 * 24 * 3600

interface Registration {
  clientId: string
  clientSecret: string
  scopes: string[]
}

interface DeviceAuthorization {
  clientId: string
  deviceCode: string
  userCode: string
  expiresAt: number
  polls: number
  approved: boolean
  used: boolean
}

interface IssuedKeys extends StandInKeys {
  sessionToken: string
}

export async function startAwsStandIns(options: AwsStandInsOptions): Promise<AwsStandIns> {
  const calls: StandInCall[] = []
  const deviceFlow: DeviceFlowScript = {
    approveAfterPolls: null,
    deny: false,
    slowDownOnce: false,
    expired: false,
    intervalSeconds: 1,
    expiresInSeconds: 600,
    tokenSeconds: 8 * 3600
  }
  const credentialSeconds = options.credentialSeconds ?? 3600
  const registrations = new Map<string, Registration>()
  const authorizations = new Map<string, DeviceAuthorization>()
  const accessTokens = new Map<string, number>()
  const refreshTokens = new Map<string, string>()
  /** Temporary keys by session token: one access key id may be handed out many times. */
  const temporaryKeys = new Map<string, IssuedKeys>()
  let sequence = 0
  let slowedDown = false

  const secret = (marker: (typeof STAND_IN_SECRET_MARKERS)[number]): string =>
    `${marker}-${++sequence}-${randomBytes(12).toString('hex')}`

  function issueAccessToken(seconds = deviceFlow.tokenSeconds): string {
    const token = secret('STANDIN-ACCESS-TOKEN')
    accessTokens.set(token, Date.now() + seconds * 1000)
    return token
  }

  function tokenResponse(registration: Registration): Record<string, unknown> {
    const refreshToken = registration.scopes.includes('sso:account:access')
      ? secret('STANDIN-REFRESH-TOKEN')
      : null
    if (refreshToken) refreshTokens.set(refreshToken, registration.clientId)
    return {
      accessToken: issueAccessToken(),
      tokenType: 'Bearer',
      expiresIn: deviceFlow.tokenSeconds,
      ...(refreshToken ? { refreshToken } : {})
    }
  }

  const oidc: Record<string, (body: Record<string, unknown>) => Answer> = {
    '/client/register': (body) => {
      const scopes = Array.isArray(body['scopes']) ? (body['scopes'] as string[]) : []
      calls.push({
        operation: 'oidc:RegisterClient',
        params: {
          clientName: String(body['clientName']),
          clientType: String(body['clientType']),
          scopes: scopes.join(',')
        }
      })
      if (body['clientType'] !== 'public') return oidcError(400, 'InvalidClientMetadataException')
      const registration: Registration = {
        clientId: `standin-client-${++sequence}`,
        clientSecret: secret('STANDIN-CLIENT-SECRET'),
        scopes
      }
      registrations.set(registration.clientId, registration)
      const now = Math.floor(Date.now() / 1000)
      return json(200, {
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        clientIdIssuedAt: now,
        clientSecretExpiresAt: now + REGISTRATION_SECONDS
      })
    },
    '/device_authorization': (body) => {
      calls.push({
        operation: 'oidc:StartDeviceAuthorization',
        params: { clientId: String(body['clientId']), startUrl: String(body['startUrl']) }
      })
      const registration = registrations.get(String(body['clientId']))
      if (!registration || registration.clientSecret !== body['clientSecret']) {
        return oidcError(401, 'InvalidClientException', 'invalid_client')
      }
      const userCode = `${letters(4)}-${letters(4)}`
      const authorization: DeviceAuthorization = {
        clientId: registration.clientId,
        deviceCode: secret('STANDIN-DEVICE-CODE'),
        userCode,
        expiresAt: Date.now() + deviceFlow.expiresInSeconds * 1000,
        polls: 0,
        approved: false,
        used: false
      }
      authorizations.set(authorization.deviceCode, authorization)
      return json(200, {
        deviceCode: authorization.deviceCode,
        userCode,
        verificationUri: `${endpoint}/device`,
        verificationUriComplete: `${endpoint}/device?user_code=${userCode}`,
        expiresIn: deviceFlow.expiresInSeconds,
        interval: deviceFlow.intervalSeconds
      })
    },
    '/token': (body) => {
      const grantType = String(body['grantType'])
      calls.push({ operation: 'oidc:CreateToken', params: { grantType } })
      const registration = registrations.get(String(body['clientId']))
      if (!registration || registration.clientSecret !== body['clientSecret']) {
        return oidcError(401, 'InvalidClientException', 'invalid_client')
      }
      if (grantType === 'refresh_token') {
        const refreshToken = String(body['refreshToken'])
        if (refreshTokens.get(refreshToken) !== registration.clientId) {
          return oidcError(400, 'InvalidGrantException', 'invalid_grant')
        }
        // Refresh tokens rotate: the one used is spent.
        refreshTokens.delete(refreshToken)
        return json(200, tokenResponse(registration))
      }
      if (grantType !== DEVICE_GRANT) {
        return oidcError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type')
      }
      const authorization = authorizations.get(String(body['deviceCode']))
      if (
        !authorization ||
        authorization.clientId !== registration.clientId ||
        authorization.used
      ) {
        return oidcError(400, 'InvalidGrantException', 'invalid_grant')
      }
      authorization.polls += 1
      if (deviceFlow.expired || Date.now() >= authorization.expiresAt) {
        return oidcError(400, 'ExpiredTokenException', 'expired_token')
      }
      if (deviceFlow.slowDownOnce && !slowedDown) {
        slowedDown = true
        return oidcError(400, 'SlowDownException', 'slow_down')
      }
      if (deviceFlow.deny) return oidcError(400, 'AccessDeniedException', 'access_denied')
      if (
        deviceFlow.approveAfterPolls !== null &&
        authorization.polls >= deviceFlow.approveAfterPolls
      ) {
        authorization.approved = true
      }
      if (!authorization.approved) {
        return oidcError(400, 'AuthorizationPendingException', 'authorization_pending')
      }
      authorization.used = true
      return json(200, tokenResponse(registration))
    }
  }

  function getRoleCredentials(url: URL, request: IncomingMessage): Answer {
    const accountId = url.searchParams.get('account_id') ?? ''
    const roleName = url.searchParams.get('role_name') ?? ''
    calls.push({ operation: 'sso:GetRoleCredentials', params: { accountId, roleName } })
    const token = header(request, 'x-amz-sso_bearer_token')
    const expiresAt = token ? accessTokens.get(token) : undefined
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      return restError(401, 'UnauthorizedException', 'Session token not found or invalid')
    }
    if (!/^\d{12}$/.test(accountId) || roleName === '') {
      return restError(400, 'InvalidRequestException', 'Invalid account or role')
    }
    const keys: IssuedKeys = {
      ...options.ssoRoleCredentials,
      sessionToken: secret('STANDIN-SESSION-TOKEN')
    }
    temporaryKeys.set(keys.sessionToken, keys)
    return json(200, {
      roleCredentials: {
        accessKeyId: keys.accessKeyId,
        secretAccessKey: keys.secretAccessKey,
        sessionToken: keys.sessionToken,
        // The portal's expiration is in milliseconds since the epoch.
        expiration: Date.now() + credentialSeconds * 1000
      }
    })
  }

  function assumeRole(request: IncomingMessage, body: string): Answer {
    const form = new URLSearchParams(body)
    const action = form.get('Action')
    const roleArn = form.get('RoleArn') ?? ''
    const params: Record<string, string> = {}
    for (const name of [
      'RoleArn',
      'RoleSessionName',
      'ExternalId',
      'DurationSeconds',
      'SerialNumber'
    ]) {
      const value = form.get(name)
      if (value !== null) params[name] = value
    }
    const caller = verifySignature(request, body)
    if ('error' in caller) {
      calls.push({ operation: `sts:${action ?? '?'}`, params })
      return stsError(403, 'SignatureDoesNotMatch', caller.error)
    }
    params['caller'] = caller.accessKeyId
    calls.push({ operation: `sts:${action ?? '?'}`, params })
    if (action !== 'AssumeRole' || form.get('Version') !== '2011-06-15') {
      return stsError(400, 'InvalidAction', 'Could not find operation for this request')
    }
    const role = options.roles?.[roleArn]
    if (!role) {
      return stsError(
        403,
        'AccessDenied',
        `User: ${caller.accessKeyId} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`
      )
    }
    if (role.externalId !== undefined && form.get('ExternalId') !== role.externalId) {
      return stsError(
        403,
        'AccessDenied',
        `User: ${caller.accessKeyId} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`
      )
    }
    if (role.mfaSerial !== undefined) {
      if (form.get('SerialNumber') !== role.mfaSerial) {
        return stsError(
          403,
          'AccessDenied',
          `User: ${caller.accessKeyId} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`
        )
      }
      if (form.get('TokenCode') !== options.mfaCodes?.[role.mfaSerial]) {
        return stsError(
          403,
          'AccessDenied',
          'MultiFactorAuthentication failed with invalid MFA one time pass code. '
        )
      }
    }
    const duration = Number(form.get('DurationSeconds') ?? credentialSeconds)
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
      return stsError(400, 'ValidationError', 'DurationSeconds must be between 900 and 43200')
    }
    const keys: IssuedKeys = {
      accessKeyId: role.credentials?.accessKeyId ?? `ASIASTANDIN${++sequence}`,
      secretAccessKey: role.credentials?.secretAccessKey ?? secret('STANDIN-SECRET-KEY'),
      sessionToken: secret('STANDIN-SESSION-TOKEN')
    }
    temporaryKeys.set(keys.sessionToken, keys)
    const sessionName = form.get('RoleSessionName') ?? ''
    const [, , , , account = '', resource = ''] = roleArn.split(':')
    const expiration = new Date(Date.now() + duration * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body:
        `<AssumeRoleResponse xmlns="${STS_NS}">\n  <AssumeRoleResult>\n    <AssumedRoleUser>\n` +
        `      <AssumedRoleId>AROASTANDIN:${xml(sessionName)}</AssumedRoleId>\n` +
        `      <Arn>arn:aws:sts::${xml(account)}:assumed-role/${xml(resource.replace(/^role\//, ''))}/${xml(sessionName)}</Arn>\n` +
        `    </AssumedRoleUser>\n    <Credentials>\n` +
        `      <AccessKeyId>${xml(keys.accessKeyId)}</AccessKeyId>\n` +
        `      <SecretAccessKey>${xml(keys.secretAccessKey)}</SecretAccessKey>\n` +
        `      <SessionToken>${xml(keys.sessionToken)}</SessionToken>\n` +
        `      <Expiration>${expiration}</Expiration>\n    </Credentials>\n` +
        `  </AssumeRoleResult>\n  <ResponseMetadata>\n    <RequestId>${requestId()}</RequestId>\n` +
        `  </ResponseMetadata>\n</AssumeRoleResponse>\n`
    }
  }

  /** SigV4 over the request as received; the caller's secret from its access key id. */
  function verifySignature(
    request: IncomingMessage,
    body: string
  ): { accessKeyId: string } | { error: string } {
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
        header(request, 'authorization') ?? ''
      )
    if (!match) return { error: 'The request is not signed with SigV4.' }
    const [, accessKeyId = '', day = '', region = '', service = '', signedHeaders = '', signature] =
      match
    if (service !== 'sts') return { error: `Credential should be scoped to sts, not ${service}.` }
    const sessionToken = header(request, 'x-amz-security-token')
    const known =
      sessionToken === undefined
        ? options.callers.find((keys) => keys.accessKeyId === accessKeyId)
        : temporaryKeys.get(sessionToken)
    if (!known || known.accessKeyId !== accessKeyId) {
      return { error: 'The security token included in the request is invalid.' }
    }
    const amzDate = header(request, 'x-amz-date') ?? ''
    const url = new URL(request.url ?? '/', 'http://stand-in')
    const canonicalQuery = url.search.slice(1).split('&').filter(Boolean).sort().join('&')
    const canonicalHeaders = signedHeaders
      .split(';')
      .map((name) => `${name}:${(header(request, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
      .join('')
    const canonicalRequest = [
      request.method,
      url.pathname,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders,
      sha256(body)
    ].join('\n')
    const scope = `${day}/${region}/${service}/aws4_request`
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n')
    let key: Buffer = hmac(`AWS4${known.secretAccessKey}`, day)
    for (const part of [region, service, 'aws4_request']) key = hmac(key, part)
    const expected = hmac(key, stringToSign).toString('hex')
    if (expected !== signature) {
      return {
        error: 'The request signature we calculated does not match the signature you provided.'
      }
    }
    return { accessKeyId }
  }

  function approvalPage(url: URL): Answer {
    const userCode = url.searchParams.get('user_code')
    let approved = 0
    for (const authorization of authorizations.values()) {
      if (userCode === null || authorization.userCode === userCode) {
        authorization.approved = true
        approved += 1
      }
    }
    calls.push({ operation: 'page:approve', params: { userCode: userCode ?? '' } })
    return {
      status: approved > 0 ? 200 : 404,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: approved > 0 ? '<p>Request approved</p>' : '<p>No such code</p>'
    }
  }

  async function handle(request: IncomingMessage): Promise<Answer> {
    const body = await readBody(request)
    const url = new URL(request.url ?? '/', 'http://stand-in')
    if (request.method === 'GET' && url.pathname === '/device') return approvalPage(url)
    if (request.method === 'GET' && url.pathname === '/federation/credentials') {
      return getRoleCredentials(url, request)
    }
    if (
      request.method === 'POST' &&
      url.pathname === '/' &&
      /x-www-form-urlencoded/.test(header(request, 'content-type') ?? '')
    ) {
      return assumeRole(request, body)
    }
    const operation = request.method === 'POST' ? oidc[url.pathname] : undefined
    if (operation) {
      let parsed: unknown
      try {
        parsed = JSON.parse(body || '{}')
      } catch {
        return oidcError(400, 'InvalidRequestException', 'invalid_request')
      }
      return operation(parsed as Record<string, unknown>)
    }
    return restError(404, 'UnknownOperationException', 'No such operation')
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    handle(request).then(
      (answer) => response.writeHead(answer.status, answer.headers).end(answer.body),
      () => response.writeHead(500).end()
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('stand-ins have no port')
  const endpoint = `http://127.0.0.1:${address.port}`

  return {
    endpoint,
    calls,
    deviceFlow,
    approve() {
      for (const authorization of authorizations.values()) authorization.approved = true
    },
    issueAccessToken,
    acceptsAccessToken: (token) => (accessTokens.get(token) ?? 0) > Date.now(),
    revokeRefreshTokens() {
      refreshTokens.clear()
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

function json(status: number, value: unknown): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId() },
    body: JSON.stringify(value)
  }
}

/** OIDC's errors: the model's shape (`error`, `error_description`), named by the header. */
function oidcError(status: number, type: string, error = type): Answer {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${type}:`,
      'x-amzn-requestid': requestId()
    },
    body: JSON.stringify({ error, error_description: `stand-in: ${error}` })
  }
}

/** The portal's errors: `message`, named by the header. */
function restError(status: number, type: string, message: string): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: JSON.stringify({ message })
  }
}

function stsError(status: number, code: string, message: string): Answer {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body:
      `<ErrorResponse xmlns="${STS_NS}">\n  <Error>\n    <Type>Sender</Type>\n` +
      `    <Code>${xml(code)}</Code>\n    <Message>${xml(message)}</Message>\n  </Error>\n` +
      `  <RequestId>${requestId()}</RequestId>\n</ErrorResponse>\n`
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest()
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function letters(count: number): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWXZ'
  return Array.from(randomBytes(count), (byte) => alphabet[byte % alphabet.length]).join('')
}

function requestId(): string {
  return randomBytes(16).toString('hex')
}
