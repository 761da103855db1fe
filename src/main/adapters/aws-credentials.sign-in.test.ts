import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PromptAnswer, PromptRequest } from '../../shared/prompts'
import { botocore } from '../../../test-support/aws-python-check'
import { startAwsStandIns, type AwsStandIns } from '../../../test-support/aws-stand-ins'
import {
  SSO_DEV_CONFIG,
  SSO_START_URL,
  ssoServiceFiles,
  tempAwsHome
} from '../../../test-support/sso-home'
import { createCredentialCache } from '../services/credential-cache'
import { createWindowPrompter } from '../services/prompts'
import { cliTimestamp, createSsoService } from '../services/sso'
import { resolveConfigFilePaths } from './aws-config-files'
import { sdkProviderFor } from './aws-credentials'

const SWIFT_KEY = { accessKeyId: 'test:tester', secretAccessKey: 'swift-secret-for-tests' }
const BASE = { accessKeyId: 'AKIASTANDINBASE00001', secretAccessKey: 'base-secret-for-sts' }
const ADMIN_ROLE = 'arn:aws:iam::123456789012:role/admin'
const FINAL_ROLE = 'arn:aws:iam::210987654321:role/reports-reader'
const DEPLOY_ROLE = 'arn:aws:iam::123456789012:role/deploy'
const MFA = 'arn:aws:iam::123456789012:mfa/dev-phone'
const CODE = '428193'
const START_URL = SSO_START_URL
const MINUTE = 60_000

const CONFIG = `${SSO_DEV_CONFIG}
[profile deploy]
role_arn = ${DEPLOY_ROLE}
source_profile = dev

[profile base]
region = us-east-1

[profile admin]
role_arn = ${ADMIN_ROLE}
source_profile = base
mfa_serial = ${MFA}

[profile reports]
role_arn = ${FINAL_ROLE}
source_profile = admin
external_id = acme-reports-7731
role_session_name = alice@example.com
duration_seconds = 1800

[profile orphan]
role_arn = ${ADMIN_ROLE}
source_profile = basse
`

const CREDENTIALS = `[base]
aws_access_key_id = ${BASE.accessKeyId}
aws_secret_access_key = ${BASE.secretAccessKey}
`

let standIns: AwsStandIns
let home = ''

beforeAll(async () => {
  standIns = await startAwsStandIns({
    // The SSO role's credentials (Swift's key) may assume `deploy`.
    callers: [BASE, SWIFT_KEY],
    roles: {
      [ADMIN_ROLE]: { mfaSerial: MFA },
      [FINAL_ROLE]: { externalId: 'acme-reports-7731', credentials: SWIFT_KEY },
      [DEPLOY_ROLE]: { credentials: SWIFT_KEY }
    },
    mfaCodes: { [MFA]: CODE },
    ssoRoleCredentials: SWIFT_KEY
  })
})

afterAll(async () => {
  await standIns?.stop()
})

beforeEach(() => {
  home = tempAwsHome('s3sm-signin-', { config: CONFIG, credentials: CREDENTIALS })
  // The SDK reads the SSO token cache and, inside role chains, the config from the process
  // environment: point it at the same temp home.
  vi.stubEnv('HOME', home)
  vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'))
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, '.aws', 'credentials'))
  for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
    vi.stubEnv(name, undefined)
  }
  standIns.calls.length = 0
  standIns.deviceFlow.approveAfterPolls = null
})

afterEach(() => {
  vi.unstubAllEnvs()
  rmSync(home, { recursive: true, force: true })
})

/**
 * The credential cache over the SDK, as the app builds it, with a window that answers each
 * question with the next of `answers` (none left: it leaves the question open).
 */
function setup(answers: PromptAnswer[] = []) {
  const paths = resolveConfigFilePaths({ HOME: home })
  const files = ssoServiceFiles(home, standIns.endpoint)
  const prompter = createWindowPrompter()
  const asked: PromptRequest[] = []
  prompter.attach({
    show: (request) => {
      asked.push(request)
      const answer = answers.shift()
      if (answer) queueMicrotask(() => prompter.answer(request.id, answer))
    },
    settled: () => undefined
  })
  let now = Date.now()
  const clock = { now: () => now, advance: (ms: number) => (now += ms) }
  const sso = createSsoService({
    ...files,
    prompter,
    // The user's browser opens the page and they choose Allow.
    openExternal: async (url) => void (await fetch(url)),
    onSessionChanged: (ids) => ids.forEach((id) => credentials.invalidate(id)),
    clock: { now: () => Date.now() },
    sleep: () => new Promise((resolve) => setTimeout(resolve, 1))
  })
  const credentials = createCredentialCache({
    providerFor: sdkProviderFor({
      paths,
      profiles: files.profiles,
      prompter,
      sso,
      awsEndpoint: standIns.endpoint
    }),
    clock
  })
  return { credentials, sso, asked, clock, prompter }
}

const tokenFile = (): string =>
  join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('acme').digest('hex')}.json`)

function writeToken(fields: Record<string, unknown>): void {
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true })
  writeFileSync(
    tokenFile(),
    JSON.stringify({ startUrl: START_URL, region: 'eu-west-2', ...fields })
  )
}

const count = (operation: string): number =>
  standIns.calls.filter((call) => call.operation === operation).length

describe('an SSO profile', () => {
  it('gets its role credentials with a valid cached token, without signing in', async () => {
    writeToken({
      accessToken: standIns.issueAccessToken(),
      expiresAt: cliTimestamp(Date.now() + 8 * 60 * MINUTE)
    })
    const { credentials, asked } = setup()

    const got = await credentials.getCredentials('dev')

    expect(got.accessKeyId).toBe(SWIFT_KEY.accessKeyId)
    expect(got.sessionToken).toMatch(/^STANDIN-SESSION-TOKEN-/)
    expect(got.expiration!.getTime()).toBeGreaterThan(Date.now() + 50 * MINUTE)
    expect(standIns.calls.map((call) => call.operation)).toEqual(['sso:GetRoleCredentials'])
    expect(standIns.calls[0]!.params).toEqual({ accountId: '123456789012', roleName: 'ReadOnly' })
    expect(asked).toEqual([])
  })

  it('says to sign in when the token expired, and works once signed in', async () => {
    writeToken({
      accessToken: standIns.issueAccessToken(),
      expiresAt: cliTimestamp(Date.now() - MINUTE)
    })
    const { credentials, sso } = setup()

    await expect(credentials.getCredentials('dev')).rejects.toMatchObject({
      code: 'credentials-expired',
      message: expect.stringMatching(/^SSO session for `dev` expired: Sign in/)
    })
    expect(count('sso:GetRoleCredentials')).toBe(0)

    await sso.signIn('dev')
    const got = await credentials.getCredentials('dev')

    expect(got.accessKeyId).toBe(SWIFT_KEY.accessKeyId)
    expect(count('sso:GetRoleCredentials')).toBe(1)
  })

  it('drops credentials of the old session when the user signs in again', async () => {
    const { credentials, sso } = setup()
    await sso.signIn('dev')
    const before = await credentials.getCredentials('dev')
    await credentials.getCredentials('dev')

    await sso.signIn('deploy')
    const after = await credentials.getCredentials('dev')

    expect(after.sessionToken).not.toBe(before.sessionToken)
    expect(count('sso:GetRoleCredentials')).toBe(2)
  })

  it('signs in the AWS CLI too: botocore gets credentials with the token the app wrote', async () => {
    const { sso } = setup()
    await sso.signIn('dev')

    const fromCli = await botocore(['credentials', 'dev', standIns.endpoint], {
      HOME: home,
      AWS_CONFIG_FILE: join(home, '.aws', 'config')
    })

    expect(fromCli).toEqual({ accessKeyId: SWIFT_KEY.accessKeyId, hasSessionToken: true })
  })

  it('uses a token the AWS CLI renewed, and the CLI one the app renewed', async () => {
    const { credentials, sso } = setup()
    await sso.signIn('dev')
    const signedIn = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, string>
    writeFileSync(
      tokenFile(),
      JSON.stringify({ ...signedIn, expiresAt: cliTimestamp(Date.now() + 2 * MINUTE) })
    )

    // botocore renews a token with less than 15 minutes left, spending its refresh token.
    await botocore(['credentials', 'dev', standIns.endpoint], {
      HOME: home,
      AWS_CONFIG_FILE: join(home, '.aws', 'config')
    })
    const renewedByCli = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, string>
    expect(renewedByCli['refreshToken']).not.toBe(signedIn['refreshToken'])
    expect(renewedByCli['expiresAt']).toMatch(/Z$/)
    await credentials.getCredentials('dev')
    expect(count('oidc:CreateToken')).toBe(2)

    // And the other way: the app renews, botocore reads what it wrote.
    writeFileSync(
      tokenFile(),
      JSON.stringify({ ...renewedByCli, expiresAt: cliTimestamp(Date.now() + 2 * MINUTE) })
    )
    credentials.invalidate('dev')
    await credentials.getCredentials('dev')
    const renewedByApp = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, string>
    expect(renewedByApp['accessToken']).not.toBe(renewedByCli['accessToken'])
    const fromCli = await botocore(['credentials', 'dev', standIns.endpoint], {
      HOME: home,
      AWS_CONFIG_FILE: join(home, '.aws', 'config')
    })
    expect(fromCli['accessKeyId']).toBe(SWIFT_KEY.accessKeyId)
    expect(count('oidc:CreateToken')).toBe(3)
  })

  it('is the source of a role: sign in once, then the role is assumed with its credentials', async () => {
    const { credentials, sso } = setup()

    await expect(credentials.getCredentials('deploy')).rejects.toMatchObject({
      code: 'credentials-expired',
      message: expect.stringContaining('`aws sso login --profile dev`')
    })
    await sso.signIn('deploy')
    const got = await credentials.getCredentials('deploy')

    expect(got.accessKeyId).toBe(SWIFT_KEY.accessKeyId)
    const assumed = standIns.calls.find((call) => call.operation === 'sts:AssumeRole')
    expect(assumed?.params).toMatchObject({ RoleArn: DEPLOY_ROLE, caller: SWIFT_KEY.accessKeyId })
  })
})

describe('a role with mfa_serial', () => {
  it('asks for the code once, then reuses the session until it nearly ends', async () => {
    const { credentials, asked, clock } = setup([
      { kind: 'mfa-code', code: CODE },
      { kind: 'mfa-code', code: CODE }
    ])

    const [first, second] = await Promise.all([
      credentials.getCredentials('admin'),
      credentials.getCredentials('admin')
    ])
    await credentials.getCredentials('admin')

    expect(asked).toEqual([
      expect.objectContaining({ kind: 'mfa-code', profileId: 'admin', mfaSerial: MFA })
    ])
    expect(second).toBe(first)
    expect(count('sts:AssumeRole')).toBe(1)
    expect(standIns.calls[0]!.params).toMatchObject({
      RoleArn: ADMIN_ROLE,
      SerialNumber: MFA,
      caller: BASE.accessKeyId
    })

    // Four minutes before the session ends, the next call gets a new one: a second code.
    clock.advance(first.expiration!.getTime() - clock.now() - 4 * MINUTE)
    const renewed = await credentials.getCredentials('admin')

    expect(asked).toHaveLength(2)
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId)
  })

  it('says the MFA code was rejected when STS refuses it', async () => {
    const { credentials } = setup([{ kind: 'mfa-code', code: '000000' }])

    await expect(credentials.getCredentials('admin')).rejects.toMatchObject({
      code: 'access-denied',
      message: expect.stringMatching(/^MFA code rejected for profile `admin`/)
    })
  })

  it('fails with a clear error when the user cancels the code', async () => {
    const { credentials } = setup([{ kind: 'cancel' }])

    await expect(credentials.getCredentials('admin')).rejects.toMatchObject({
      code: 'cancelled',
      message:
        'No MFA code was entered for profile `admin`: cancelled. Use the profile again to enter one.'
    })
    expect(count('sts:AssumeRole')).toBe(0)
  })

  it('chains: a role assumed with the MFA role, with its external id, session name and duration', async () => {
    const { credentials, asked } = setup([{ kind: 'mfa-code', code: CODE }])

    const got = await credentials.getCredentials('reports')

    expect(asked).toEqual([expect.objectContaining({ profileId: 'reports', mfaSerial: MFA })])
    expect(got.accessKeyId).toBe(SWIFT_KEY.accessKeyId)
    const [admin, reports] = standIns.calls.filter((call) => call.operation === 'sts:AssumeRole')
    expect(admin?.params).toMatchObject({ RoleArn: ADMIN_ROLE, caller: BASE.accessKeyId })
    expect(reports?.params).toEqual({
      RoleArn: FINAL_ROLE,
      RoleSessionName: 'alice@example.com',
      ExternalId: 'acme-reports-7731',
      DurationSeconds: '1800',
      // Signed with the admin role's temporary keys, not the base profile's.
      caller: expect.stringMatching(/^ASIASTANDIN/)
    })
    expect(got.expiration!.getTime() - Date.now()).toBeLessThanOrEqual(1800 * 1000)
  })

  it('names a source_profile that does not exist', async () => {
    const { credentials } = setup()

    await expect(credentials.getCredentials('orphan')).rejects.toMatchObject({
      code: 'credentials-missing',
      message: expect.stringMatching(
        /^source_profile `basse` not found: profile `orphan` takes its credentials from it/
      )
    })
    expect(standIns.calls).toEqual([])
  })

  it('says what to do when nothing can ask for the code', async () => {
    const paths = resolveConfigFilePaths({ HOME: home })
    const { profiles } = ssoServiceFiles(home, standIns.endpoint)
    const credentials = createCredentialCache({
      providerFor: sdkProviderFor({ paths, profiles, awsEndpoint: standIns.endpoint }),
      clock: { now: () => Date.now() }
    })

    await expect(credentials.getCredentials('admin')).rejects.toMatchObject({
      code: 'credentials-missing',
      message: expect.stringContaining('needs an MFA code to assume its role')
    })
  })
})
