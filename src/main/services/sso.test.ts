import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { PromptRequest, PromptSettled } from '../../shared/prompts'
import { botocore } from '../../../test-support/aws-python-check'
import { startAwsStandIns, type AwsStandIns } from '../../../test-support/aws-stand-ins'
import {
  SSO_DEV_CONFIG,
  SSO_START_URL,
  ssoServiceFiles,
  tempAwsHome
} from '../../../test-support/sso-home'
import { registrationFileName } from '../adapters/sso-cache'
import type { Clock } from './ports'
import { createWindowPrompter } from './prompts'
import { cliTimestamp, createSsoService } from './sso'

const START_URL = SSO_START_URL
const LEGACY_URL = 'https://legacy.awsapps.com/start'
const CLI_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/

const CONFIG = `${SSO_DEV_CONFIG}
[profile legacy]
sso_start_url = ${LEGACY_URL}
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = dev

[profile keys]
aws_access_key_id = AKIAKEYSONLY00000001
aws_secret_access_key = not-sso
`

let standIns: AwsStandIns
let home = ''

beforeAll(async () => {
  standIns = await startAwsStandIns({
    callers: [],
    ssoRoleCredentials: { accessKeyId: 'test:tester', secretAccessKey: 'swift-secret' }
  })
})

afterAll(async () => {
  await standIns?.stop()
})

beforeEach(() => {
  home = tempAwsHome('s3sm-sso-', { config: CONFIG })
  Object.assign(standIns.deviceFlow, {
    approveAfterPolls: null,
    deny: false,
    slowDownOnce: false,
    expired: false,
    intervalSeconds: 1,
    expiresInSeconds: 600
  })
  standIns.calls.length = 0
})

afterEach(() => {
  rmSync(home, { recursive: true, force: true })
})

interface Options {
  /** What the user does once the browser shows the page; approves it by default. */
  onPage?: (url: string) => Promise<void>
  clock?: Clock
  sleep?: (ms: number) => void
}

/** The SSO service over real files in a temp home, the stand-ins, and a window that records. */
function setup(options: Options = {}) {
  const files = ssoServiceFiles(home, standIns.endpoint)
  const prompter = createWindowPrompter()
  const asked: PromptRequest[] = []
  const settled: PromptSettled[] = []
  prompter.attach({
    show: (request) => asked.push(request),
    settled: (event) => settled.push(event)
  })
  const opened: string[] = []
  const changed: string[][] = []
  const waits: number[] = []
  const clock = options.clock ?? { now: () => Date.now() }
  const sso = createSsoService({
    ...files,
    prompter,
    openExternal: async (url) => {
      opened.push(url)
      // The user's browser loads the page and they choose Allow.
      await (options.onPage ?? approve)(url)
    },
    onSessionChanged: (ids) => changed.push(ids),
    clock,
    sleep: async (ms) => {
      waits.push(ms)
      options.sleep?.(ms)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
  })
  return { sso, prompter, asked, settled, opened, changed, waits }
}

async function approve(url: string): Promise<void> {
  const page = await fetch(url)
  expect(page.status).toBe(200)
}

const cacheDir = (): string => join(home, '.aws', 'sso', 'cache')
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex')

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
}

describe('signing in with the device flow', () => {
  it('opens the approval page, shows the code, and writes the token where the AWS CLI reads it', async () => {
    const { sso, asked, settled, opened, changed } = setup()

    const status = await sso.signIn('dev')

    expect(opened).toHaveLength(1)
    expect(opened[0]).toMatch(new RegExp(`^${standIns.endpoint}/device\\?user_code=`))
    expect(asked).toEqual([
      expect.objectContaining({
        kind: 'sso-device-code',
        profileId: 'dev',
        verificationUri: `${standIns.endpoint}/device`,
        userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/)
      })
    ])
    expect(settled).toEqual([{ id: asked[0]!.id, outcome: 'withdrawn' }])
    expect(status).toMatchObject({
      profileId: 'dev',
      sessionName: 'acme',
      startUrl: START_URL,
      state: 'signed-in',
      renewable: true,
      signingIn: false
    })
    // Every profile on that session (the role chained from it too) gets new credentials.
    expect(changed).toEqual([['dev', 'deploy']])

    // The AWS CLI's file: sha1 of the session name, its fields in its order, user-only.
    const file = join(cacheDir(), `${sha1('acme')}.json`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const token = readJson(file)
    expect(Object.keys(token)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken'
    ])
    expect(token).toMatchObject({ startUrl: START_URL, region: 'eu-west-2' })
    expect(token['expiresAt']).toMatch(CLI_TIME)
    expect(token['registrationExpiresAt']).toMatch(CLI_TIME)
    expect(standIns.acceptsAccessToken(String(token['accessToken']))).toBe(true)
    // Written as Python's json.dumps writes it, like the CLI's own files.
    expect(readFileSync(file, 'utf8')).toMatch(/^\{"startUrl": "/)

    // botocore's SSOTokenLoader, which the AWS CLI uses, reads the same token back.
    const loaded = await botocore<{ token: Record<string, unknown> }>(
      ['load-token', START_URL, 'acme'],
      { HOME: home }
    )
    expect(loaded.token).toEqual(token)
  })

  it('registers the client once, under the name and file the AWS CLI uses, and reuses it', async () => {
    const { sso } = setup()

    await sso.signIn('dev')
    await sso.signIn('dev')

    const registrations = standIns.calls.filter((call) => call.operation === 'oidc:RegisterClient')
    expect(registrations).toEqual([
      {
        operation: 'oidc:RegisterClient',
        params: {
          clientName: 'botocore-client-acme',
          clientType: 'public',
          scopes: 'sso:account:access'
        }
      }
    ])
    const key = await botocore<{ key: string }>(
      ['registration-key', START_URL, 'eu-west-2', '["sso:account:access"]', 'acme'],
      { HOME: home }
    )
    const registration = readJson(join(cacheDir(), `${key.key}.json`))
    expect(Object.keys(registration)).toEqual(['clientId', 'clientSecret', 'expiresAt', 'scopes'])
    expect(registration['expiresAt']).toMatch(CLI_TIME)
    expect(registration['scopes']).toEqual(['sso:account:access'])
    expect(readdirSync(cacheDir()).sort()).toEqual(
      [`${key.key}.json`, `${sha1('acme')}.json`].sort()
    )
  })

  it('names registration files exactly as the AWS CLI does, unicode and missing scopes included', async () => {
    const cases = [
      { startUrl: START_URL, region: 'eu-west-2', scopes: null, sessionName: 'acme' },
      { startUrl: LEGACY_URL, region: 'us-east-1', scopes: null, sessionName: null },
      { startUrl: START_URL, region: 'eu-west-2', scopes: [], sessionName: 'équipe – 東京 🚀' },
      {
        startUrl: 'https://d-123.awsapps.com/start/#/"quoted"',
        region: 'ap-south-1',
        scopes: ['sso:account:access', 'codewhisperer:completions'],
        sessionName: 'tab\there'
      }
    ]
    for (const ref of cases) {
      const { key } = await botocore<{ key: string }>(
        [
          'registration-key',
          ref.startUrl,
          ref.region,
          JSON.stringify(ref.scopes),
          ref.sessionName ?? '-'
        ],
        { HOME: home }
      )
      expect(registrationFileName(ref)).toBe(key)
    }
  })

  it('signs in a legacy profile (sso_start_url in the profile) under the start URL', async () => {
    const { sso } = setup()

    const status = await sso.signIn('legacy')

    expect(status).toMatchObject({ sessionName: null, startUrl: LEGACY_URL, state: 'signed-in' })
    const token = readJson(join(cacheDir(), `${sha1(LEGACY_URL)}.json`))
    expect(token).toMatchObject({ startUrl: LEGACY_URL, region: 'us-east-1' })
    // No registration scopes, so no refresh token: the CLI's legacy login gets none either.
    expect(token).not.toHaveProperty('refreshToken')
    const loaded = await botocore<{ token: Record<string, unknown> }>(
      ['load-token', LEGACY_URL, '-'],
      { HOME: home }
    )
    expect(loaded.token).toEqual(token)
    expect(
      standIns.calls.find((call) => call.operation === 'oidc:RegisterClient')?.params['clientName']
    ).toMatch(/^botocore-client-\d+$/)
  })

  it('signs in the SSO profile a role takes its credentials from', async () => {
    const { sso } = setup()

    const status = await sso.signIn('deploy')

    expect(status).toMatchObject({ profileId: 'deploy', sessionName: 'acme', state: 'signed-in' })
    expect(sso.status('dev')).toMatchObject({ state: 'signed-in' })
    expect(sso.status('keys')).toBeNull()
  })

  it('polls at the interval the service asks for, five seconds slower after slow_down', async () => {
    standIns.deviceFlow.intervalSeconds = 2
    standIns.deviceFlow.slowDownOnce = true
    standIns.deviceFlow.approveAfterPolls = 3
    const { sso, waits } = setup({ onPage: async () => undefined })

    await sso.signIn('dev')

    expect(waits).toEqual([2_000, 7_000, 7_000])
    expect(standIns.calls.filter((call) => call.operation === 'oidc:CreateToken')).toHaveLength(3)
  })

  it('stops with a clear error when the user cancels, and writes no token', async () => {
    const { sso, prompter, asked, settled } = setup({ onPage: async () => undefined })

    const signingIn = sso.signIn('dev')
    await expect.poll(() => asked.length).toBe(1)
    expect(sso.status('dev')).toMatchObject({ state: 'signed-out', signingIn: true })
    prompter.answer(asked[0]!.id, { kind: 'cancel' })

    await expect(signingIn).rejects.toMatchObject({
      code: 'cancelled',
      message: 'Signing in to `dev` was cancelled.'
    })
    expect(settled).toEqual([{ id: asked[0]!.id, outcome: 'cancelled' }])
    expect(sso.status('dev')).toMatchObject({ state: 'signed-out', signingIn: false })
    expect(readdirSync(cacheDir()).filter((name) => name === `${sha1('acme')}.json`)).toEqual([])
  })

  it('gives up when the code expires before it is approved', async () => {
    standIns.deviceFlow.expiresInSeconds = 5
    let now = Date.now()
    const { sso, settled, asked } = setup({
      onPage: async () => undefined,
      clock: { now: () => now },
      sleep: (ms) => {
        now += ms
      }
    })

    await expect(sso.signIn('dev')).rejects.toMatchObject({
      code: 'credentials-expired',
      message: 'The sign-in code for `dev` expired before it was approved. Sign in again.'
    })
    expect(settled).toEqual([{ id: asked[0]!.id, outcome: 'withdrawn' }])
    expect(standIns.calls.filter((call) => call.operation === 'oidc:CreateToken')).toHaveLength(4)
  })

  it('stops when the service says the code expired, or the user denied it', async () => {
    const { sso } = setup({ onPage: async () => undefined })

    standIns.deviceFlow.expired = true
    await expect(sso.signIn('dev')).rejects.toMatchObject({ code: 'credentials-expired' })
    standIns.deviceFlow.expired = false
    standIns.deviceFlow.deny = true
    await expect(sso.signIn('dev')).rejects.toMatchObject({
      code: 'access-denied',
      message: expect.stringContaining('denied on the approval page')
    })
  })

  it('runs one sign-in for a session however many times it is asked', async () => {
    const { sso, asked } = setup({ onPage: async () => undefined })

    const first = sso.signIn('dev')
    const second = sso.signIn('deploy')
    await expect.poll(() => asked.length).toBe(1)
    standIns.approve()

    expect(await first).toEqual(await second)
    expect(
      standIns.calls.filter((call) => call.operation === 'oidc:StartDeviceAuthorization')
    ).toHaveLength(1)
  })
})

describe('the cached token', () => {
  function writeToken(name: string, token: Record<string, unknown>): void {
    mkdirSync(cacheDir(), { recursive: true })
    writeFileSync(join(cacheDir(), `${sha1(name)}.json`), JSON.stringify(token))
  }

  it('is renewed with its refresh token shortly before it expires, and written back', async () => {
    const { sso } = setup()
    await sso.signIn('dev')
    const file = join(cacheDir(), `${sha1('acme')}.json`)
    const signedIn = readJson(file)
    writeFileSync(
      file,
      JSON.stringify({ ...signedIn, expiresAt: cliTimestamp(Date.now() + 60_000) })
    )

    await sso.ensureToken('deploy')

    const renewed = readJson(file)
    expect(renewed['accessToken']).not.toBe(signedIn['accessToken'])
    expect(renewed['refreshToken']).not.toBe(signedIn['refreshToken'])
    expect(Date.parse(String(renewed['expiresAt'])) - Date.now()).toBeGreaterThan(3_600_000)
    expect(renewed).toMatchObject({
      startUrl: START_URL,
      region: 'eu-west-2',
      clientId: signedIn['clientId'],
      clientSecret: signedIn['clientSecret'],
      registrationExpiresAt: signedIn['registrationExpiresAt']
    })
    expect(
      standIns.calls.filter((call) => call.params['grantType'] === 'refresh_token')
    ).toHaveLength(1)
  })

  it('asks to sign in when it has expired and cannot be renewed', async () => {
    const { sso } = setup()
    writeToken('acme', {
      startUrl: START_URL,
      region: 'eu-west-2',
      accessToken: 'old',
      expiresAt: cliTimestamp(Date.now() - 60_000)
    })

    expect(sso.status('dev')).toMatchObject({ state: 'expired', renewable: false })
    await expect(sso.ensureToken('dev')).rejects.toMatchObject({
      code: 'credentials-expired',
      message:
        'SSO session for `dev` expired: Sign in (or run `aws sso login --profile dev`), then try again.'
    })
    await expect(sso.ensureToken('legacy')).rejects.toMatchObject({
      message: expect.stringContaining('`legacy` is not signed in to IAM Identity Center (SSO)')
    })
  })

  it('asks to sign in when its refresh token was revoked', async () => {
    const { sso } = setup()
    await sso.signIn('dev')
    const file = join(cacheDir(), `${sha1('acme')}.json`)
    writeFileSync(
      file,
      JSON.stringify({ ...readJson(file), expiresAt: cliTimestamp(Date.now() - 1_000) })
    )
    standIns.revokeRefreshTokens()

    expect(sso.status('dev')).toMatchObject({ state: 'expired', renewable: true })
    await expect(sso.ensureToken('dev')).rejects.toMatchObject({ code: 'credentials-expired' })
  })

  it('is removed by signing out, which the credentials of its profiles hear about', async () => {
    const { sso, changed } = setup()
    await sso.signIn('dev')
    changed.length = 0

    expect(sso.signOut('deploy')).toMatchObject({ state: 'signed-out' })
    expect(changed).toEqual([['dev', 'deploy']])
    expect(readdirSync(cacheDir())).not.toContain(`${sha1('acme')}.json`)
    expect(sso.signOut('keys')).toBeNull()
  })
})
