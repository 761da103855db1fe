import { AppError } from '../../shared/errors'
import type { SsoSessionStatus } from '../../shared/prompts'
import { cleanForMessage, quoteForMessage } from '../../shared/user-text'
import type { Clock, ProfileDirectory } from './ports'
import type { ConfigFileContent } from './profiles'
import type { Prompter, PromptOutcome } from './prompts'
import { credentialChainEnd, profileNames, type SsoSettings } from './sso-settings'

/** Which cached token a session uses: the AWS CLI names the file after one of these. */
export interface SsoSessionRef {
  sessionName: string | null
  startUrl: string
}

/**
 * A token file in `~/.aws/sso/cache`, with the fields and order the AWS CLI writes. Times are
 * UTC, `2025-01-31T14:32:00Z`.
 */
export interface SsoCachedToken {
  startUrl: string
  region: string
  accessToken: string
  expiresAt: string
  clientId?: string
  clientSecret?: string
  registrationExpiresAt?: string
  refreshToken?: string
}

/** An OIDC client registration, cached as the AWS CLI caches its own. */
export interface SsoClientRegistration {
  clientId: string
  clientSecret: string
  expiresAt: string
  scopes?: string[]
  /** Written by the CLI's authorization-code flow; such a registration is not for the device flow. */
  grantTypes?: string[]
}

/** What the AWS CLI keys a client registration by. */
export interface SsoRegistrationRef {
  startUrl: string
  region: string
  scopes: string[] | null
  sessionName: string | null
}

/** The token cache shared with the AWS CLI (`adapters/sso-cache.ts`). */
export interface SsoTokenCache {
  readToken(ref: SsoSessionRef): SsoCachedToken | null
  writeToken(ref: SsoSessionRef, token: SsoCachedToken): void
  /** Whether there was a token to remove. */
  removeToken(ref: SsoSessionRef): boolean
  readRegistration(ref: SsoRegistrationRef): SsoClientRegistration | null
  writeRegistration(ref: SsoRegistrationRef, registration: SsoClientRegistration): void
}

export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  verificationUri: string
  /** The page with the code filled in; the one opened in the browser when there is one. */
  verificationUriComplete: string | null
  expiresInSeconds: number
  /** How long to wait between polls; the OAuth default (5 s) when the service says nothing. */
  intervalSeconds: number | null
}

export interface IssuedToken {
  accessToken: string
  expiresInSeconds: number
  refreshToken: string | null
}

/** One poll of the device flow: a token, or what RFC 8628 says to do next. */
export type DeviceTokenPoll =
  | { status: 'issued'; token: IssuedToken }
  | { status: 'pending' }
  | { status: 'slow-down' }
  | { status: 'expired' }
  | { status: 'denied' }

/** IAM Identity Center's OIDC service (`adapters/sso-oidc.ts`). Network failures throw AppErrors. */
export interface SsoOidc {
  registerClient(
    region: string,
    request: { clientName: string; scopes: string[] | null }
  ): Promise<{ clientId: string; clientSecret: string; expiresAt: Date }>
  startDeviceAuthorization(
    region: string,
    request: { clientId: string; clientSecret: string; startUrl: string }
  ): Promise<DeviceAuthorization>
  pollDeviceToken(
    region: string,
    request: { clientId: string; clientSecret: string; deviceCode: string },
    signal: AbortSignal
  ): Promise<DeviceTokenPoll>
  /** A new token for a refresh token; null when the service refuses it (expired, revoked). */
  refreshToken(
    region: string,
    request: { clientId: string; clientSecret: string; refreshToken: string }
  ): Promise<IssuedToken | null>
}

export interface SsoService {
  /** Where the profile's SSO session stands (no network); null when it uses no SSO. */
  status(profileId: string): SsoSessionStatus | null
  /**
   * Signs in with the device flow: registers (or reuses) the OIDC client, opens the approval
   * page, shows the code through the prompter and polls until the user approves, cancels, or
   * the code expires. The token is written where the AWS CLI reads it.
   */
  signIn(profileId: string, signal?: AbortSignal): Promise<SsoSessionStatus>
  /** Removes the cached token; null when the profile uses no SSO. */
  signOut(profileId: string): SsoSessionStatus | null
  /** Opens the approval page of the running sign-in again. */
  openPage(profileId: string): Promise<void>
  /**
   * Makes sure the token the SDK is about to read works: renews it with its refresh token when
   * it is about to expire, and throws `credentials-expired` ("Sign in") when it cannot.
   * Does nothing for a profile without SSO.
   */
  ensureToken(profileId: string): Promise<void>
}

export interface SsoServiceDeps {
  profiles: ProfileDirectory
  readConfigFiles: () => ConfigFileContent[]
  cache: SsoTokenCache
  oidc: SsoOidc
  /** Shows the code; without one, signing in is refused. */
  prompter: Prompter | null
  /** Opens the approval page in the default browser; without one, the user opens it. */
  openExternal: ((url: string) => Promise<void>) | null
  /** Told which profiles' credentials changed with a sign-in or sign-out. */
  onSessionChanged: (profileIds: string[]) => void
  clock: Clock
  /** Waits between polls; stops early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

/** Renew a token this long before it expires, as botocore does. */
export const TOKEN_REFRESH_WINDOW_MS = 15 * 60_000
/** The JS SDK refuses a token with less than this left unless it can renew it itself. */
const SDK_EXPIRE_WINDOW_MS = 5 * 60_000
/** A cached client registration is reused until this long before it expires (the AWS CLI's rule). */
const REGISTRATION_EXPIRY_WINDOW_MS = 15 * 60_000
/** RFC 8628: the default poll interval, and what `slow_down` adds to it. */
const DEFAULT_INTERVAL_SECONDS = 5
const SLOW_DOWN_SECONDS = 5

interface RunningSignIn {
  url: string
  done: Promise<SsoSessionStatus>
}

export function createSsoService(deps: SsoServiceDeps): SsoService {
  const { profiles, readConfigFiles, cache, oidc, clock } = deps
  const sleep = deps.sleep ?? sleepFor
  const running = new Map<string, RunningSignIn>()
  const refreshing = new Map<string, Promise<void>>()

  function settingsOf(profileId: string): SsoSettings | null {
    const profile = profiles.getProfile(profileId)
    if (profile.kind === 'environment') return null
    const end = credentialChainEnd(readConfigFiles(), profile.name)
    if (end.kind === 'sso') return end.settings
    if (end.kind === 'sso-incomplete') {
      throw new AppError(
        'credentials-missing',
        `The SSO settings of profile ${quoteForMessage(end.profileName)} are incomplete ` +
          `(missing ${end.missing.join(', ')}). Run \`aws configure sso --profile ` +
          `${cleanForMessage(end.profileName)}\`, then try again.`
      )
    }
    return null
  }

  function statusOf(profileId: string, settings: SsoSettings): SsoSessionStatus {
    const token = cache.readToken(settings)
    const expiresAt = token ? Date.parse(token.expiresAt) : Number.NaN
    return {
      profileId,
      sessionName: settings.sessionName,
      startUrl: settings.startUrl,
      state: !token ? 'signed-out' : expiresAt > clock.now() ? 'signed-in' : 'expired',
      expiresAt: Number.isNaN(expiresAt) ? null : new Date(expiresAt).toISOString(),
      renewable: token !== null && canRefresh(token, clock.now()),
      signingIn: running.has(keyOf(settings))
    }
  }

  /** Every profile whose credentials come from this session, for the credential cache. */
  function profilesUsing(settings: SsoSettings): string[] {
    const files = readConfigFiles()
    return profileNames(files).filter((name) => {
      const end = credentialChainEnd(files, name)
      return end.kind === 'sso' && keyOf(end.settings) === keyOf(settings)
    })
  }

  async function registrationFor(settings: SsoSettings): Promise<SsoClientRegistration> {
    const ref: SsoRegistrationRef = {
      startUrl: settings.startUrl,
      region: settings.region,
      scopes: settings.registrationScopes,
      sessionName: settings.sessionName
    }
    const cached = cache.readRegistration(ref)
    if (
      cached &&
      Date.parse(cached.expiresAt) - clock.now() >= REGISTRATION_EXPIRY_WINDOW_MS &&
      !cached.grantTypes?.includes('authorization_code')
    ) {
      return cached
    }
    const scopes = settings.registrationScopes
    const registered = await oidc.registerClient(settings.region, {
      // The AWS CLI's names, so the registrations look alike in the Identity Center console.
      clientName: `botocore-client-${settings.sessionName ?? Math.floor(clock.now() / 1000)}`,
      scopes: scopes && scopes.length > 0 ? scopes : null
    })
    const registration: SsoClientRegistration = {
      clientId: registered.clientId,
      clientSecret: registered.clientSecret,
      expiresAt: cliTimestamp(registered.expiresAt.getTime()),
      ...(scopes && scopes.length > 0 ? { scopes } : {})
    }
    cache.writeRegistration(ref, registration)
    return registration
  }

  async function runSignIn(
    profileId: string,
    settings: SsoSettings,
    running: { url: string },
    signal: AbortSignal | undefined
  ): Promise<SsoSessionStatus> {
    const registration = await registrationFor(settings)
    const authorization = await oidc.startDeviceAuthorization(settings.region, {
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      startUrl: settings.startUrl
    })
    const deadline = clock.now() + authorization.expiresInSeconds * 1000
    running.url = authorization.verificationUriComplete ?? authorization.verificationUri

    const stop = new AbortController()
    const withdraw = new AbortController()
    let stopped: PromptOutcome | 'aborted' | null = null
    const onAbort = (): void => {
      stopped ??= 'aborted'
      stop.abort()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const asked = deps.prompter
      ? deps.prompter.ask(
          {
            kind: 'sso-device-code',
            profileId,
            userCode: authorization.userCode,
            verificationUri: authorization.verificationUri,
            expiresAt: new Date(deadline).toISOString()
          },
          { signal: withdraw.signal, timeoutMs: deadline - clock.now() }
        )
      : Promise.resolve<PromptOutcome>({ status: 'closed' })
    void asked.then((outcome) => {
      if (outcome.status === 'withdrawn') return
      stopped ??= outcome
      stop.abort()
    })

    try {
      // A browser that does not open is no failure: the dialog shows the page to open.
      await deps.openExternal?.(running.url).catch(() => undefined)
      let intervalSeconds = authorization.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS
      for (;;) {
        await sleep(intervalSeconds * 1000, stop.signal)
        if (stopped !== null) throw stoppedError(profileId, stopped)
        if (clock.now() >= deadline) throw codeExpiredError(profileId)
        const poll = await oidc
          .pollDeviceToken(
            settings.region,
            {
              clientId: registration.clientId,
              clientSecret: registration.clientSecret,
              deviceCode: authorization.deviceCode
            },
            stop.signal
          )
          .catch((error: unknown) => {
            // A poll cut short by the cancel fails as a poll; the cancel is what happened.
            throw stopped !== null ? stoppedError(profileId, stopped) : error
          })
        if (stopped !== null) throw stoppedError(profileId, stopped)
        switch (poll.status) {
          case 'pending':
            continue
          case 'slow-down':
            intervalSeconds += SLOW_DOWN_SECONDS
            continue
          case 'expired':
            throw codeExpiredError(profileId)
          case 'denied':
            throw new AppError(
              'access-denied',
              `Signing in to ${quoteForMessage(profileId)} was denied on the approval page. ` +
                'Sign in again and choose Allow.'
            )
          case 'issued':
            cache.writeToken(settings, {
              startUrl: settings.startUrl,
              region: settings.region,
              accessToken: poll.token.accessToken,
              expiresAt: cliTimestamp(clock.now() + poll.token.expiresInSeconds * 1000),
              clientId: registration.clientId,
              clientSecret: registration.clientSecret,
              registrationExpiresAt: registration.expiresAt,
              ...(poll.token.refreshToken ? { refreshToken: poll.token.refreshToken } : {})
            })
            deps.onSessionChanged(profilesUsing(settings))
            return { ...statusOf(profileId, settings), signingIn: false }
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort)
      withdraw.abort()
    }
  }

  async function refresh(settings: SsoSettings, token: SsoCachedToken): Promise<boolean> {
    const { clientId, clientSecret, refreshToken } = token
    if (!clientId || !clientSecret || !refreshToken) return false
    const issued = await oidc
      .refreshToken(settings.region, { clientId, clientSecret, refreshToken })
      .catch(() => null)
    if (!issued) return false
    cache.writeToken(settings, {
      startUrl: settings.startUrl,
      region: settings.region,
      accessToken: issued.accessToken,
      expiresAt: cliTimestamp(clock.now() + issued.expiresInSeconds * 1000),
      clientId,
      clientSecret,
      ...(token.registrationExpiresAt
        ? { registrationExpiresAt: token.registrationExpiresAt }
        : {}),
      ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {})
    })
    return true
  }

  async function ensureFresh(profileId: string, settings: SsoSettings): Promise<void> {
    const token = cache.readToken(settings)
    if (!token) throw signInNeeded(profileId, settings, 'signed-out')
    const left = Date.parse(token.expiresAt) - clock.now()
    if (left > TOKEN_REFRESH_WINDOW_MS) return
    if (canRefresh(token, clock.now()) && (await refresh(settings, token))) return
    // The SDK takes a token this fresh as it is; closer to its end it wants to renew it itself.
    const enough = settings.sessionName === null ? 0 : SDK_EXPIRE_WINDOW_MS
    if (left > enough) return
    throw signInNeeded(profileId, settings, Number.isNaN(left) ? 'signed-out' : 'expired')
  }

  return {
    status(profileId) {
      const settings = settingsOf(profileId)
      return settings ? statusOf(profileId, settings) : null
    },

    signIn(profileId, signal) {
      const settings = settingsOf(profileId)
      if (!settings) {
        return Promise.reject(
          new AppError(
            'invalid-argument',
            `Profile ${quoteForMessage(profileId)} does not use IAM Identity Center (SSO), so ` +
              'there is nothing to sign in to.'
          )
        )
      }
      const key = keyOf(settings)
      const existing = running.get(key)
      if (existing) return existing.done
      const page = { url: settings.startUrl }
      const done = runSignIn(profileId, settings, page, signal).finally(() => {
        if (running.get(key)?.done === done) running.delete(key)
      })
      running.set(key, {
        get url() {
          return page.url
        },
        done
      })
      return done
    },

    signOut(profileId) {
      const settings = settingsOf(profileId)
      if (!settings) return null
      if (cache.removeToken(settings)) deps.onSessionChanged(profilesUsing(settings))
      return statusOf(profileId, settings)
    },

    async openPage(profileId) {
      const settings = settingsOf(profileId)
      const entry = settings ? running.get(keyOf(settings)) : undefined
      if (!entry) {
        throw new AppError(
          'invalid-argument',
          `No sign-in is running for profile ${quoteForMessage(profileId)}. Sign in again.`
        )
      }
      if (!deps.openExternal) {
        throw new AppError('invalid-argument', `Open ${entry.url} in your browser.`)
      }
      await deps.openExternal(entry.url)
    },

    async ensureToken(profileId) {
      const settings = settingsOf(profileId)
      if (!settings) return
      const key = keyOf(settings)
      // One renewal per session, however many profiles and links ask at once.
      let pending = refreshing.get(key)
      if (!pending) {
        pending = ensureFresh(profileId, settings).finally(() => refreshing.delete(key))
        refreshing.set(key, pending)
      }
      await pending
    }
  }
}

/** The AWS CLI's timestamp format in the token cache: UTC, whole seconds, `Z`. */
export function cliTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

function keyOf(ref: SsoSessionRef): string {
  return ref.sessionName !== null ? `session ${ref.sessionName}` : `url ${ref.startUrl}`
}

/** botocore's `_refresh_access_token` preconditions: the keys, and a registration still valid. */
function canRefresh(token: SsoCachedToken, now: number): boolean {
  if (!token.refreshToken || !token.clientId || !token.clientSecret) return false
  if (!token.registrationExpiresAt) return false
  return Date.parse(token.registrationExpiresAt) > now
}

function signInNeeded(
  profileId: string,
  settings: SsoSettings,
  state: 'signed-out' | 'expired'
): AppError {
  const login = `\`aws sso login --profile ${cleanForMessage(settings.profileName)}\``
  const what =
    state === 'expired'
      ? `SSO session for ${quoteForMessage(profileId)} expired`
      : `${quoteForMessage(profileId)} is not signed in to IAM Identity Center (SSO)`
  return new AppError('credentials-expired', `${what}: Sign in (or run ${login}), then try again.`)
}

function codeExpiredError(profileId: string): AppError {
  return new AppError(
    'credentials-expired',
    `The sign-in code for ${quoteForMessage(profileId)} expired before it was approved. ` +
      'Sign in again.'
  )
}

function stoppedError(profileId: string, outcome: PromptOutcome | 'aborted'): AppError {
  const profile = quoteForMessage(profileId)
  if (outcome === 'aborted' || outcome.status === 'cancelled') {
    return new AppError('cancelled', `Signing in to ${profile} was cancelled.`)
  }
  if (outcome.status === 'timed-out') return codeExpiredError(profileId)
  if (outcome.status === 'unavailable') {
    return new AppError('credentials-expired', `Cannot sign in to ${profile}: ${outcome.reason}`)
  }
  return new AppError(
    'cancelled',
    `Signing in to ${profile} stopped: the window that showed the code closed.`
  )
}

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve()
      return
    }
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
