import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ENVIRONMENT_PROFILE_ID } from '../../shared/ipc-contract'
import { createCredentialCache } from '../services/credential-cache'
import { createProfileService, type Env } from '../services/profiles'
import { readConfigFiles, resolveConfigFilePaths } from './aws-config-files'
import { sdkProviderFor } from './aws-credentials'

const MINUTE = 60_000
let dir = ''

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 's3sm-creds-'))
  mkdirSync(join(dir, 'home'))
  mkdirSync(join(dir, 'files'))
  // The SDK looks for SSO tokens (and, given the chance, config) under HOME: keep it empty.
  vi.stubEnv('HOME', join(dir, 'home'))
  for (const name of [
    'AWS_PROFILE',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN'
  ]) {
    vi.stubEnv(name, undefined)
  }
})

afterEach(() => {
  vi.unstubAllEnvs()
  rmSync(dir, { recursive: true, force: true })
})

function setup(files: { config?: string; credentials?: string }, extraEnv: Env = {}) {
  const configFile = join(dir, 'files', 'config')
  const credentialsFile = join(dir, 'files', 'credentials')
  if (files.config !== undefined) writeFileSync(configFile, files.config)
  if (files.credentials !== undefined) writeFileSync(credentialsFile, files.credentials)
  const env = {
    HOME: join(dir, 'home'),
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    ...extraEnv
  }
  const paths = resolveConfigFilePaths(env)
  const profiles = createProfileService({ readConfigFiles: () => readConfigFiles(paths), env })
  let now = Date.now()
  const clock = { now: () => now, advance: (ms: number) => (now += ms) }
  const cache = createCredentialCache({ providerFor: sdkProviderFor({ paths, profiles }), clock })
  return { cache, clock, profiles, paths }
}

/** A credential_process script that counts its runs and returns 1-hour credentials. */
function processScript(): { command: string; runs: () => number } {
  const script = join(dir, 'get-creds.cjs')
  const counter = join(dir, 'runs')
  writeFileSync(
    script,
    `const fs = require('node:fs')
const runs = (fs.existsSync(${JSON.stringify(counter)}) ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0) + 1
fs.writeFileSync(${JSON.stringify(counter)}, String(runs))
process.stdout.write(JSON.stringify({
  Version: 1,
  AccessKeyId: 'ASIAPROCESSRUN' + runs,
  SecretAccessKey: 'process-secret',
  SessionToken: 'process-session-token',
  Expiration: new Date(Date.now() + 60 * 60 * 1000).toISOString()
}))
`
  )
  return {
    command: `"${process.execPath}" "${script}" --secret hunter2`,
    runs: () => Number(readFileSync(counter, 'utf8'))
  }
}

describe('credentials of a credential_process profile', () => {
  it('runs the command once, then again only when less than 5 minutes remain', async () => {
    const script = processScript()
    const { cache, clock } = setup({
      config: `[profile tool]\ncredential_process = ${script.command}\n`
    })

    const first = await cache.getCredentials('tool')
    await cache.getCredentials('tool')
    const status = await cache.status('tool')

    expect(script.runs()).toBe(1)
    expect(first).toMatchObject({
      accessKeyId: 'ASIAPROCESSRUN1',
      secretAccessKey: 'process-secret',
      sessionToken: 'process-session-token'
    })
    expect(status).toEqual({
      profileId: 'tool',
      temporary: true,
      expiresAt: first.expiration?.toISOString(),
      state: 'active',
      detail: null
    })

    clock.advance((first.expiration?.getTime() ?? 0) - clock.now() - 4 * MINUTE)
    const refreshed = await cache.getCredentials('tool')

    expect(script.runs()).toBe(2)
    expect(refreshed.accessKeyId).toBe('ASIAPROCESSRUN2')
  })

  it("reports the command's error without its arguments", async () => {
    const script = join(dir, 'fail.cjs')
    writeFileSync(
      script,
      "process.stderr.write('Error: the token for account prod was revoked\\n'); process.exit(1)\n"
    )
    const { cache } = setup({
      config: `[profile tool]\ncredential_process = "${process.execPath}" "${script}" --secret hunter2\n`
    })

    const failure = cache.getCredentials('tool')

    await expect(failure).rejects.toMatchObject({
      code: 'credentials-missing',
      message:
        '`credential_process` for `tool` exited with 1: Error: the token for account prod was ' +
        'revoked. Fix what it reports (run the command in a terminal to see more), then try again.'
    })
    await expect(failure).rejects.not.toMatchObject({
      message: expect.stringContaining('hunter2')
    })
  })
})

describe('credentials of key profiles', () => {
  it('returns static keys from the credentials file and keeps them', async () => {
    const { cache } = setup({
      credentials: '[ci]\naws_access_key_id = AKIASTATIC\naws_secret_access_key = static-secret\n'
    })

    expect(await cache.getCredentials('ci')).toMatchObject({
      accessKeyId: 'AKIASTATIC',
      secretAccessKey: 'static-secret'
    })
    expect(await cache.status('ci')).toEqual({
      profileId: 'ci',
      temporary: false,
      expiresAt: null,
      state: 'static',
      detail: null
    })
  })

  it('reports a session token profile as temporary', async () => {
    const { cache } = setup({
      credentials:
        '[temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = s\naws_session_token = t\n'
    })

    expect(await cache.status('temp')).toEqual({
      profileId: 'temp',
      temporary: true,
      expiresAt: null,
      state: 'active',
      detail: null
    })
  })

  it('uses the new keys after the file changed and caches were invalidated', async () => {
    const { cache, profiles, paths } = setup({
      credentials: '[ci]\naws_access_key_id = AKIAOLD\naws_secret_access_key = s\n'
    })
    expect((await cache.getCredentials('ci')).accessKeyId).toBe('AKIAOLD')

    writeFileSync(
      paths.credentialsFile,
      '[ci]\naws_access_key_id = AKIANEW\naws_secret_access_key = s\n'
    )
    profiles.reload()
    cache.invalidate()

    expect((await cache.getCredentials('ci')).accessKeyId).toBe('AKIANEW')
  })

  it('uses AWS_ACCESS_KEY_ID and friends for the environment entry', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAENVIRONMENT')
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret')
    vi.stubEnv('AWS_SESSION_TOKEN', 'env-token')
    const { cache } = setup(
      {},
      {
        AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT',
        AWS_SECRET_ACCESS_KEY: 'env-secret',
        AWS_SESSION_TOKEN: 'env-token'
      }
    )

    expect(await cache.getCredentials(ENVIRONMENT_PROFILE_ID)).toMatchObject({
      accessKeyId: 'ASIAENVIRONMENT',
      sessionToken: 'env-token'
    })
    expect((await cache.status(ENVIRONMENT_PROFILE_ID)).temporary).toBe(true)
  })
})

describe('profiles without usable credentials', () => {
  it('says how to add keys to a profile that has none', async () => {
    const { cache } = setup({ config: '[profile bare]\nregion = eu-west-1\n' })

    await expect(cache.getCredentials('bare')).rejects.toMatchObject({
      code: 'credentials-missing',
      message: expect.stringMatching(
        /^Profile `bare` has no credentials\. Run `aws configure --profile bare`/
      )
    })
  })

  it('says a profile that is not in the files was not found', async () => {
    const { cache } = setup({ config: '[profile bare]\n' })

    await expect(cache.getCredentials('ghost')).rejects.toMatchObject({
      code: 'profile-not-found',
      message: expect.stringContaining('aws configure --profile ghost')
    })
  })

  const ssoConfig = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile legacy]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin
`

  it('asks to sign in with aws sso login when there is no SSO token', async () => {
    const { cache } = setup({ config: ssoConfig })

    await expect(cache.getCredentials('dev')).rejects.toMatchObject({
      code: 'credentials-expired',
      message:
        'SSO session for `dev` ended or was never started: Sign in (or run ' +
        '`aws sso login --profile dev`), then try again.'
    })
    await expect(cache.getCredentials('legacy')).rejects.toMatchObject({
      code: 'credentials-expired',
      message: expect.stringContaining('run `aws sso login --profile legacy`')
    })
  })

  it('asks to sign in again when the cached SSO token has expired', async () => {
    const cacheDir = join(dir, 'home', '.aws', 'sso', 'cache')
    mkdirSync(cacheDir, { recursive: true })
    writeFileSync(
      join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ accessToken: 'old', expiresAt: new Date(Date.now() - MINUTE).toISOString() })
    )
    const { cache } = setup({ config: ssoConfig })

    await expect(cache.getCredentials('dev')).rejects.toMatchObject({
      code: 'credentials-expired',
      message: expect.stringContaining('run `aws sso login --profile dev`')
    })
  })
})
