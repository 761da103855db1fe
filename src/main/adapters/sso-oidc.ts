import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand
} from '@aws-sdk/client-sso-oidc'
import { AppError } from '../../shared/errors'
import type { DeviceTokenPoll, IssuedToken, SsoOidc } from '../services/sso'

export interface SsoOidcOptions {
  /**
   * Sends every call here instead of `oidc.<region>.amazonaws.com`: for tests only, which run a
   * stand-in on loopback (`test-support/aws-stand-ins.ts`).
   */
  endpoint?: string
  /** Per-request timeouts; a poll must not hang the sign-in. */
  requestTimeoutMs?: number
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const REFRESH_GRANT = 'refresh_token'

/** Errors the RFC 8628 poll expects, by the SDK's exception name. */
const POLL_STATES: Record<string, DeviceTokenPoll['status']> = {
  AuthorizationPendingException: 'pending',
  SlowDownException: 'slow-down',
  ExpiredTokenException: 'expired',
  AccessDeniedException: 'denied'
}

/** Refusals of a refresh token: the user must sign in again. */
const REFRESH_REFUSALS = new Set([
  'InvalidGrantException',
  'ExpiredTokenException',
  'AccessDeniedException',
  'InvalidClientException',
  'UnauthorizedClientException'
])

/**
 * IAM Identity Center's OIDC API (`@aws-sdk/client-sso-oidc`): register a public client, start
 * the device authorization, poll CreateToken, refresh. These calls are not signed, so no
 * credentials are looked up. One client per region, kept.
 */
export function createSsoOidc(options: SsoOidcOptions = {}): SsoOidc {
  const clients = new Map<string, SSOOIDCClient>()
  const clientFor = (region: string): SSOOIDCClient => {
    let client = clients.get(region)
    if (!client) {
      client = new SSOOIDCClient({
        region,
        maxAttempts: 2,
        requestHandler: { requestTimeout: options.requestTimeoutMs ?? 15_000 },
        ...(options.endpoint ? { endpoint: options.endpoint } : {})
      })
      clients.set(region, client)
    }
    return client
  }

  return {
    async registerClient(region, { clientName, scopes }) {
      const output = await call(region, () =>
        clientFor(region).send(
          new RegisterClientCommand({
            clientName,
            clientType: 'public',
            ...(scopes ? { scopes } : {})
          })
        )
      )
      if (!output.clientId || !output.clientSecret || output.clientSecretExpiresAt === undefined) {
        throw incomplete('RegisterClient')
      }
      return {
        clientId: output.clientId,
        clientSecret: output.clientSecret,
        // Seconds since the epoch, as the CLI reads it (`datetime.fromtimestamp`).
        expiresAt: new Date(output.clientSecretExpiresAt * 1000)
      }
    },

    async startDeviceAuthorization(region, request) {
      const output = await call(region, () =>
        clientFor(region).send(new StartDeviceAuthorizationCommand(request))
      )
      const { deviceCode, userCode, verificationUri, expiresIn } = output
      if (!deviceCode || !userCode || !verificationUri || expiresIn === undefined) {
        throw incomplete('StartDeviceAuthorization')
      }
      return {
        deviceCode,
        userCode,
        verificationUri,
        verificationUriComplete: output.verificationUriComplete ?? null,
        expiresInSeconds: expiresIn,
        intervalSeconds: output.interval ?? null
      }
    },

    async pollDeviceToken(region, { clientId, clientSecret, deviceCode }, signal) {
      try {
        const output = await clientFor(region).send(
          new CreateTokenCommand({ clientId, clientSecret, deviceCode, grantType: DEVICE_GRANT }),
          { abortSignal: signal }
        )
        return { status: 'issued', token: issued(output) }
      } catch (error) {
        const state = POLL_STATES[nameOf(error)]
        if (state && state !== 'issued') return { status: state } as DeviceTokenPoll
        throw toAppError(region, error)
      }
    },

    async refreshToken(region, { clientId, clientSecret, refreshToken }) {
      try {
        const output = await clientFor(region).send(
          new CreateTokenCommand({ clientId, clientSecret, refreshToken, grantType: REFRESH_GRANT })
        )
        return issued(output)
      } catch (error) {
        if (REFRESH_REFUSALS.has(nameOf(error))) return null
        throw toAppError(region, error)
      }
    }
  }
}

function issued(output: {
  accessToken?: string
  expiresIn?: number
  refreshToken?: string
}): IssuedToken {
  if (!output.accessToken || output.expiresIn === undefined) throw incomplete('CreateToken')
  return {
    accessToken: output.accessToken,
    expiresInSeconds: output.expiresIn,
    refreshToken: output.refreshToken ?? null
  }
}

async function call<T>(region: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw toAppError(region, error)
  }
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : ''
}

const NETWORK = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH)\b/

/** Never repeats the service's message: it may quote a client secret or a device code. */
function toAppError(region: string, error: unknown): AppError {
  const name = nameOf(error)
  const code = (error as { code?: unknown } | null)?.code
  if (
    name === 'TimeoutError' ||
    (typeof code === 'string' && NETWORK.test(code)) ||
    (error instanceof Error && NETWORK.test(error.message))
  ) {
    return new AppError(
      'endpoint-unreachable',
      `Could not reach IAM Identity Center in ${region} to sign in. Check your network ` +
        'connection, then try again.'
    )
  }
  if (name === 'InvalidRequestException' || name === 'InvalidClientException') {
    return new AppError(
      'credentials-missing',
      `IAM Identity Center in ${region} refused the sign-in request (${name}). Check ` +
        '`sso_start_url` and `sso_region` in your AWS config, then sign in again.'
    )
  }
  return new AppError(
    'server-error',
    `IAM Identity Center in ${region} could not start the sign-in` +
      `${name ? ` (${name})` : ''}. Try again in a moment.`
  )
}

function incomplete(operation: string): AppError {
  return new AppError(
    'server-error',
    `IAM Identity Center answered ${operation} without what the sign-in needs. Try again.`
  )
}
