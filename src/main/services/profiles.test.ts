import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { ENVIRONMENT_PROFILE_ID } from '../../shared/ipc-contract'
import type { ProfileSummary, ProfilesSnapshot } from '../../shared/models'
import { awsCliView } from '../../../test-support/aws-cli-profiles'
import { readConfigFiles, resolveConfigFilePaths } from '../adapters/aws-config-files'
import { createProfileService, type Env } from './profiles'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fake home with real `.aws/config` and `.aws/credentials` files. */
function home(files: { config?: string; credentials?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 's3sm-profiles-'))
  dirs.push(dir)
  mkdirSync(join(dir, '.aws'))
  if (files.config !== undefined) writeFileSync(join(dir, '.aws', 'config'), files.config)
  if (files.credentials !== undefined) {
    writeFileSync(join(dir, '.aws', 'credentials'), files.credentials)
  }
  return dir
}

function load(env: Env): ProfilesSnapshot {
  const paths = resolveConfigFilePaths(env)
  return createProfileService({ readConfigFiles: () => readConfigFiles(paths), env }).snapshot()
}

function profile(snapshot: ProfilesSnapshot, id: string): ProfileSummary {
  const found = snapshot.profiles.find((candidate) => candidate.id === id)
  if (!found)
    throw new Error(`no profile ${id} in ${snapshot.profiles.map((p) => p.id).join(', ')}`)
  return found
}

function problemsOf(snapshot: ProfilesSnapshot, role: 'config' | 'credentials'): string[] {
  return snapshot.files.find((file) => file.role === role)?.problems ?? []
}

const everyKindConfig = `# written by aws configure
[default]
region = eu-west-1

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile legacy-sso]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default

[profile ci]
role_arn = arn:aws:iam::111122223333:role/Ci
credential_source = Environment

[profile tool]
credential_process = /usr/local/bin/get-creds --account prod

[profile k8s]
role_arn = arn:aws:iam::111122223333:role/Pod
web_identity_token_file = /var/run/token

[profile bare]
region = ap-south-1
`

const everyKindCredentials = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[temp]
aws_access_key_id = ASIAIOSFODNN7TEMPKEY
aws_secret_access_key = temp-secret-value
aws_session_token = temp-session-token-value
`

describe('profile list', () => {
  it('lists every profile of both files in file order, with how each gets credentials', () => {
    const dir = home({ config: everyKindConfig, credentials: everyKindCredentials })
    const snapshot = load({ HOME: dir })

    expect(snapshot.profiles.map((p) => [p.id, p.kind])).toEqual([
      ['default', 'static'],
      ['dev', 'sso'],
      ['legacy-sso', 'sso'],
      ['admin', 'assume-role'],
      ['ci', 'assume-role'],
      ['tool', 'process'],
      ['k8s', 'web-identity'],
      ['bare', 'unknown'],
      ['temp', 'session']
    ])
    expect(profile(snapshot, 'default')).toEqual({
      id: 'default',
      name: 'default',
      kind: 'static',
      sources: [join(dir, '.aws', 'config'), join(dir, '.aws', 'credentials')],
      region: 'eu-west-1',
      endpointUrl: null,
      addressingStyle: 'auto',
      detail: 'Access key …MPLE'
    })
    expect(profile(snapshot, 'temp').sources).toEqual([join(dir, '.aws', 'credentials')])
    expect(profile(snapshot, 'dev').detail).toBe(
      'SSO session corp · https://corp.awsapps.com/start · 111122223333 / ReadOnly'
    )
    expect(profile(snapshot, 'legacy-sso').detail).toBe(
      'SSO · https://old.awsapps.com/start · 111122223333 / Admin'
    )
    expect(profile(snapshot, 'admin').detail).toBe(
      'arn:aws:iam::111122223333:role/Admin via profile default'
    )
    expect(profile(snapshot, 'ci').detail).toBe('arn:aws:iam::111122223333:role/Ci via Environment')
    expect(profile(snapshot, 'tool').detail).toBe('Runs get-creds')
    expect(profile(snapshot, 'k8s').detail).toContain('arn:aws:iam::111122223333:role/Pod')
    expect(profile(snapshot, 'temp').detail).toBe('Temporary access key …PKEY')
    expect(profile(snapshot, 'bare')).toMatchObject({ region: 'ap-south-1', detail: null })
    expect(snapshot.files).toEqual([
      { path: join(dir, '.aws', 'config'), role: 'config', exists: true, problems: [] },
      { path: join(dir, '.aws', 'credentials'), role: 'credentials', exists: true, problems: [] }
    ])
  })

  it('never shows a secret key or session token', () => {
    const snapshot = load({
      HOME: home({ config: everyKindConfig, credentials: everyKindCredentials })
    })
    const shown = JSON.stringify(snapshot)
    for (const secret of [
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'temp-secret-value',
      'temp-session-token-value',
      'AKIAIOSFODNN7EXAMPLE'
    ]) {
      expect(shown).not.toContain(secret)
    }
  })

  it("uses the s3 endpoint of the profile's [services] section over its global endpoint_url", () => {
    const dir = home({
      config: `[profile minio]
endpoint_url = http://global.example:9000
services = local-s3
s3 =
  addressing_style = path

[services local-s3]
s3 =
  endpoint_url = http://127.0.0.1:9000
sts =
  endpoint_url = http://127.0.0.1:9001

[profile plain]
endpoint_url = http://plain.example
s3 =
  addressing_style = virtual
region = eu-central-1

[profile ignored]
endpoint_url = http://ignored.example
ignore_configured_endpoint_urls = true
`
    })
    const snapshot = load({ HOME: dir })

    expect(profile(snapshot, 'minio')).toMatchObject({
      endpointUrl: 'http://127.0.0.1:9000',
      addressingStyle: 'path'
    })
    // A non-indented key ends the nested `s3 =` block, as in the AWS CLI.
    expect(profile(snapshot, 'plain')).toMatchObject({
      endpointUrl: 'http://plain.example',
      addressingStyle: 'virtual',
      region: 'eu-central-1'
    })
    expect(profile(snapshot, 'ignored').endpointUrl).toBeNull()
    expect(snapshot.profiles.map((p) => p.id)).toEqual(['minio', 'plain', 'ignored'])
  })

  it('lets AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL override the files, like the AWS CLI', () => {
    const config = `[profile minio]
endpoint_url = http://from-file.example:9000
`
    const dir = home({ config })
    expect(profile(load({ HOME: dir }), 'minio').endpointUrl).toBe('http://from-file.example:9000')
    expect(
      profile(load({ HOME: dir, AWS_ENDPOINT_URL: 'http://global-env.example' }), 'minio')
        .endpointUrl
    ).toBe('http://global-env.example')
    expect(
      profile(
        load({
          HOME: dir,
          AWS_ENDPOINT_URL: 'http://global-env.example',
          AWS_ENDPOINT_URL_S3: 'http://s3-env.example'
        }),
        'minio'
      ).endpointUrl
    ).toBe('http://s3-env.example')
    expect(
      profile(
        load({
          HOME: dir,
          AWS_ENDPOINT_URL_S3: 'http://s3-env.example',
          AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'
        }),
        'minio'
      ).endpointUrl
    ).toBeNull()
  })

  it('never shows credentials written into an endpoint or a credential_process command', () => {
    const snapshot = load({
      HOME: home({
        config: `[profile creds-in-url]
endpoint_url = http://admin:hunter2@127.0.0.1:9000

[profile vault]
credential_process = "/opt/my tools/get-creds" --secret hunter2 --token abc123
`
      })
    })
    const shown = JSON.stringify(snapshot)
    expect(shown).not.toContain('hunter2')
    expect(shown).not.toContain('abc123')
    expect(profile(snapshot, 'creds-in-url').endpointUrl).toBe('http://127.0.0.1:9000/')
    expect(profile(snapshot, 'vault').detail).toBe('Runs get-creds')
  })

  it('reports an unknown addressing style and a missing [services] or [sso-session] section', () => {
    const snapshot = load({
      HOME: home({
        config: `[profile odd]
services = nowhere
sso_session = gone
s3 =
  addressing_style = sideways
`
      })
    })

    expect(profile(snapshot, 'odd')).toMatchObject({ addressingStyle: 'auto', endpointUrl: null })
    expect(problemsOf(snapshot, 'config')).toEqual([
      expect.stringMatching(/^Line 3: .*sso-session `gone`/),
      expect.stringMatching(/^Line 2: .*services `nowhere`/),
      expect.stringMatching(/^Line 5: .*must be auto, path or virtual/)
    ])
  })
})

describe('selected profile', () => {
  const files = {
    config: '[default]\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n',
    credentials: '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s\n'
  }

  it('selects AWS_PROFILE first', () => {
    expect(load({ HOME: home(files), AWS_PROFILE: 'dev' }).selectedProfileId).toBe('dev')
  })

  it('selects default when AWS_PROFILE is not set', () => {
    expect(load({ HOME: home(files) }).selectedProfileId).toBe('default')
  })

  it('reports an AWS_PROFILE that no file defines, and falls back to default', () => {
    const snapshot = load({ HOME: home(files), AWS_PROFILE: 'typo' })
    expect(snapshot.selectedProfileId).toBe('default')
    expect(problemsOf(snapshot, 'config')).toEqual([
      expect.stringContaining('AWS_PROFILE is set to `typo`')
    ])
  })

  it('selects the environment credentials when there is no default profile', () => {
    const snapshot = load({
      HOME: home({ config: '[profile dev]\nregion = us-east-1\n' }),
      AWS_ACCESS_KEY_ID: 'AKIAENVKEY',
      AWS_SECRET_ACCESS_KEY: 'env-secret'
    })
    expect(snapshot.selectedProfileId).toBe(ENVIRONMENT_PROFILE_ID)
  })

  it('selects nothing when there are no profiles at all', () => {
    const snapshot = load({ HOME: home() })
    expect(snapshot).toMatchObject({ profiles: [], selectedProfileId: null })
    expect(snapshot.files.map((file) => [file.role, file.exists, file.problems])).toEqual([
      ['config', false, []],
      ['credentials', false, []]
    ])
  })
})

describe('credentials in environment variables', () => {
  it('appear as their own entry with the region and s3 endpoint from the environment', () => {
    const snapshot = load({
      HOME: home({ config: '[default]\nregion = eu-west-1\n' }),
      AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENTKEY',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_SESSION_TOKEN: 'env-token',
      AWS_DEFAULT_REGION: 'ca-central-1',
      AWS_ENDPOINT_URL: 'http://global.example',
      AWS_ENDPOINT_URL_S3: 'http://s3.example'
    })

    expect(snapshot.profiles[0]).toEqual({
      id: ENVIRONMENT_PROFILE_ID,
      name: 'Environment variables',
      kind: 'environment',
      sources: [],
      region: 'ca-central-1',
      endpointUrl: 'http://s3.example',
      addressingStyle: 'auto',
      detail: 'Temporary access key …TKEY from environment variables'
    })
    expect(snapshot.selectedProfileId).toBe('default')
    expect(JSON.stringify(snapshot)).not.toMatch(/env-secret|env-token/)
  })

  it('prefer AWS_REGION and fall back to AWS_ENDPOINT_URL', () => {
    const snapshot = load({
      HOME: home(),
      AWS_ACCESS_KEY_ID: 'AKIAENVKEY',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_REGION: 'eu-north-1',
      AWS_DEFAULT_REGION: 'ca-central-1',
      AWS_ENDPOINT_URL: 'http://global.example'
    })
    expect(profile(snapshot, ENVIRONMENT_PROFILE_ID)).toMatchObject({
      region: 'eu-north-1',
      endpointUrl: 'http://global.example',
      detail: 'Access key …VKEY from environment variables'
    })
  })

  it('are not listed when the secret key is missing', () => {
    const snapshot = load({ HOME: home(), AWS_ACCESS_KEY_ID: 'AKIAENVKEY' })
    expect(snapshot.profiles).toEqual([])
  })
})

describe('file locations', () => {
  it('reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE instead of ~/.aws', () => {
    const dir = home({ config: '[profile decoy]\n', credentials: '[decoy2]\n' })
    const elsewhere = join(dir, 'elsewhere')
    mkdirSync(elsewhere)
    writeFileSync(join(elsewhere, 'cfg'), '[profile work]\nregion = eu-west-3\n')
    writeFileSync(
      join(elsewhere, 'creds'),
      '[home]\naws_access_key_id = A\naws_secret_access_key = B\n'
    )

    const snapshot = load({
      HOME: dir,
      AWS_CONFIG_FILE: join(elsewhere, 'cfg'),
      AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds'
    })

    expect(snapshot.profiles.map((p) => [p.id, p.sources])).toEqual([
      ['work', [join(elsewhere, 'cfg')]],
      ['home', [join(elsewhere, 'creds')]]
    ])
    expect(snapshot.files.map((file) => file.path)).toEqual([
      join(elsewhere, 'cfg'),
      join(elsewhere, 'creds')
    ])
  })
})

describe('malformed files', () => {
  it('still lists the good profiles and reports each problem with its line', () => {
    const snapshot = load({
      HOME: home({
        config: [
          'stray = line before any section', // 1
          '[profile good]', // 2
          'region = eu-west-1', // 3
          'this line is garbage', // 4
          '[profile broken', // 5
          'region = us-east-1', // 6
          '[dev]', // 7
          'region = us-west-2', // 8
          '[profile good]', // 9
          'output = json', // 10
          'region = eu-west-2', // 11
          '[profile __proto__]', // 12
          'region = x', // 13
          '[profile also-good]', // 14
          'region = sa-east-1' // 15
        ].join('\n'),
        credentials: [
          '[profile shouldnt]', // 1
          'aws_access_key_id = AKIAWRONGPLACE', // 2
          '[fine]', // 3
          'aws_access_key_id = AKIAFINE', // 4
          'aws_secret_access_key = wJalrXUtnFEMIsecretvalue' // 5
        ].join('\r\n')
      })
    })

    expect(snapshot.profiles.map((p) => [p.id, p.region])).toEqual([
      ['good', 'eu-west-2'],
      ['also-good', 'sa-east-1'],
      ['fine', null]
    ])
    expect(problemsOf(snapshot, 'config')).toEqual([
      expect.stringMatching(/^Line 1: .*outside any section/),
      expect.stringMatching(/^Line 4: .*not a `key = value` line/),
      expect.stringMatching(/^Line 5: .*no closing `]`/),
      expect.stringMatching(/^Line 7: `\[dev\]`.*`\[profile dev\]`/),
      expect.stringMatching(/^Line 9: profile `good` appears again \(first at line 2\)/),
      expect.stringMatching(/^Line 11: `region` is set again/),
      expect.stringMatching(/^Line 12: `\[profile __proto__\]` is not an allowed section name/)
    ])
    expect(problemsOf(snapshot, 'credentials')).toEqual([
      expect.stringMatching(/^Line 1: `\[profile shouldnt\]`.*`\[shouldnt\]`/)
    ])
    // A problem never quotes a line's content, which could be a secret.
    expect(JSON.stringify(snapshot.files)).not.toMatch(/garbage|AKIA|before any section/)
  })

  it('reports a credentials path that is a folder and keeps the config profiles', () => {
    const dir = home({ config: '[profile ok]\nregion = eu-west-1\n' })
    mkdirSync(join(dir, '.aws', 'credentials'))

    const snapshot = load({ HOME: dir })

    expect(snapshot.profiles.map((p) => p.id)).toEqual(['ok'])
    expect(snapshot.files[1]).toEqual({
      path: join(dir, '.aws', 'credentials'),
      role: 'credentials',
      exists: true,
      problems: ['This path is a folder, not a file, so no profiles were read from it.']
    })
  })

  it.skipIf(process.getuid?.() === 0)(
    'reports an unreadable credentials file and keeps the config profiles',
    () => {
      const dir = home({ config: '[profile ok]\n', credentials: '[secret]\n' })
      chmodSync(join(dir, '.aws', 'credentials'), 0o000)

      const snapshot = load({ HOME: dir })

      expect(snapshot.profiles.map((p) => p.id)).toEqual(['ok'])
      expect(problemsOf(snapshot, 'credentials')).toEqual([
        expect.stringContaining('not allowed to read')
      ])
    }
  )
})

describe('profile lookup', () => {
  it('finds a profile by id and says how to add one that is missing', () => {
    const env = { HOME: home({ config: '[profile dev]\nregion = us-east-1\n' }) }
    const paths = resolveConfigFilePaths(env)
    const service = createProfileService({ readConfigFiles: () => readConfigFiles(paths), env })

    expect(service.getProfile('dev').region).toBe('us-east-1')
    expect(() => service.getProfile('prod')).toThrow(AppError)
    expect(() => service.getProfile('prod')).toThrow(
      expect.objectContaining({
        code: 'profile-not-found',
        message: expect.stringContaining('aws configure --profile prod')
      })
    )
  })

  it('sees an edited file after reload, and only then', () => {
    const env = { HOME: home({ config: '[profile dev]\n' }) }
    const paths = resolveConfigFilePaths(env)
    const service = createProfileService({ readConfigFiles: () => readConfigFiles(paths), env })
    expect(service.snapshot().profiles.map((p) => p.id)).toEqual(['dev'])

    writeFileSync(paths.configFile, '[profile dev]\n[profile prod]\nregion = eu-west-1\n')

    expect(service.snapshot().profiles.map((p) => p.id)).toEqual(['dev'])
    expect(service.reload().profiles.map((p) => p.id)).toEqual(['dev', 'prod'])
    expect(service.getProfile('prod').region).toBe('eu-west-1')
  })
})

describe('names the AWS CLI reads and the AWS SDK does not', () => {
  const config = [
    '[default]',
    'region = eu-west-1',
    '[profile café]',
    'region = eu-west-3',
    '[profile "with space"]',
    'region = ap-south-1',
    '[profile a b]',
    'region = nowhere',
    '[profile ok.name]',
    'region = us-west-2',
    ''
  ].join('\n')
  const credentials = [
    '[日本]',
    'aws_access_key_id = AKIAJAPANEXAMPLE0001',
    'aws_secret_access_key = japan-secret',
    '[my name]',
    'aws_access_key_id = AKIASPACEEXAMPLE0001',
    'aws_secret_access_key = space-secret',
    ''
  ].join('\n')

  it('lists exactly the profiles `aws configure list-profiles` lists', async () => {
    const dir = home({ config, credentials })
    const env = { HOME: dir }
    const snapshot = load(env)
    const paths = resolveConfigFilePaths(env)

    const cli = await awsCliView({ ...paths, home: dir })

    expect(snapshot.profiles.map((p) => p.id)).toEqual(cli.profiles)
    expect(cli.profiles).toEqual(['default', 'café', 'with space', 'ok.name', '日本', 'my name'])
    expect(profile(snapshot, 'café').region).toBe('eu-west-3')
    expect(profile(snapshot, '日本')).toMatchObject({ kind: 'static', detail: 'Access key …0001' })
    // `[profile a b]` is read by neither; it is reported, not dropped silently.
    expect(problemsOf(snapshot, 'config')).toEqual([
      expect.stringMatching(/^Line 7: `\[profile a b\]`: a name with spaces must be in quotes/)
    ])
  })

  it('knows which profiles the SDK cannot find by name, for the app to resolve itself', () => {
    const env = { HOME: home({ config, credentials }) }
    const paths = resolveConfigFilePaths(env)
    const service = createProfileService({ readConfigFiles: () => readConfigFiles(paths), env })

    expect(service.settingsOf('café')?.sdkReadable).toBe(false)
    expect(service.settingsOf('with space')?.sdkReadable).toBe(false)
    expect(service.settingsOf('my name')?.sdkReadable).toBe(false)
    expect(service.settingsOf('日本')?.sdkReadable).toBe(true)
    expect(service.settingsOf('ok.name')?.sdkReadable).toBe(true)
    expect(service.settingsOf('日本')?.values.get('aws_secret_access_key')).toBe('japan-secret')
    expect(service.settingsOf('nope')).toBeNull()
  })
})
