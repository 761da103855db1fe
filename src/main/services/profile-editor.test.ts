import type { AwsCredentialIdentity } from '@smithy/types'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ProfileDraft, ProfileSummary } from '../../shared/models'
import { awsCliView } from '../../../test-support/aws-cli-profiles'
import {
  configFileStore,
  readConfigFiles,
  resolveConfigFilePaths
} from '../adapters/aws-config-files'
import { createProfileEditor } from './profile-editor'
import { createProfileService } from './profiles'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fake home with real files, and the editor over them. */
function setup(files: { config?: string; credentials?: string } = {}) {
  const home = mkdtempSync(join(tmpdir(), 's3sm-editor-'))
  dirs.push(home)
  mkdirSync(join(home, '.aws'))
  const env = { HOME: home }
  const paths = resolveConfigFilePaths(env)
  if (files.config !== undefined) writeFileSync(paths.configFile, files.config)
  if (files.credentials !== undefined) writeFileSync(paths.credentialsFile, files.credentials)
  const profiles = createProfileService({ readConfigFiles: () => readConfigFiles(paths), env })
  const invalidated: Array<string | undefined> = []
  const tested: Array<{
    profile: ProfileSummary
    credentials: AwsCredentialIdentity
    bucket: string | null
  }> = []
  const editor = createProfileEditor({
    paths,
    files: configFileStore,
    profiles,
    credentials: {
      getCredentials: async () => ({ accessKeyId: 'ASIAROLE', secretAccessKey: 'role-secret' })
    },
    caches: [{ invalidate: (id) => void invalidated.push(id) }],
    // Records what would be tried; the real tester runs against Swift in the integration test.
    testConnection: async (profile, credentials, bucket) => {
      tested.push({ profile, credentials, bucket })
      return { outcome: 'passed', check: 'list-buckets', code: null, message: 'ok' }
    }
  })
  const read = (file: 'configFile' | 'credentialsFile') => readFileSync(paths[file], 'utf8')
  const mode = (file: 'configFile' | 'credentialsFile') => statSync(paths[file]).mode & 0o777
  return { home, paths, profiles, editor, invalidated, tested, read, mode }
}

function keysDraft(name: string, overrides: Partial<ProfileDraft> = {}): ProfileDraft {
  return {
    name,
    region: 'us-east-1',
    endpointUrl: 'http://localhost:9000',
    addressingStyle: 'path',
    credentials: {
      kind: 'keys',
      accessKeyId: 'AKIAMINIOEXAMPLE0001',
      secretAccessKey: 'minio-secret-value',
      sessionToken: ''
    },
    ...overrides
  }
}

// Comments, tabs, odd spacing, CRLF in one profile, no newline at the end.
const userConfig =
  '# managed by hand; keep me\n' +
  '[default]\n' +
  'region\t=\teu-west-1   # home region\n' +
  'output = json\n' +
  '\n' +
  '[profile work]\r\n' +
  'role_arn = arn:aws:iam::111122223333:role/Work\r\n' +
  'source_profile = default\r\n' +
  '\n' +
  '; the old MinIO box\n' +
  '[profile box]\n' +
  '   region = us-east-1\n' +
  'endpoint_url=http://old-box:9000\n' +
  's3 =\n' +
  '\taddressing_style = virtual\n' +
  '\tsignature_version = s3v4\n' +
  'cli_pager ='
const userCredentials =
  '[default]\n' +
  'aws_access_key_id = AKIADEFAULTEXAMPLE01\n' +
  'aws_secret_access_key = default-secret\n' +
  '\n' +
  '# box keys\n' +
  '[box]\n' +
  'aws_access_key_id=AKIABOXEXAMPLE000001\n' +
  'aws_secret_access_key=box-secret-old   ; rotated 2024\n'

describe('adding a profile', () => {
  it('writes an S3-compatible profile where the AWS CLI reads it, leaving the rest as it was', async () => {
    const { editor, read, paths, home } = setup({
      config: userConfig,
      credentials: userCredentials
    })

    const snapshot = editor.save({ draft: keysDraft('minio') })

    // The old bytes come first, untouched (the config had no final newline: one is added).
    expect(read('configFile').startsWith(`${userConfig}\n`)).toBe(true)
    expect(read('configFile').slice(userConfig.length + 1)).toBe(
      '\n[profile minio]\nregion = us-east-1\nendpoint_url = http://localhost:9000\n' +
        's3 =\n  addressing_style = path\n'
    )
    expect(read('credentialsFile')).toBe(
      `${userCredentials}\n[minio]\naws_access_key_id = AKIAMINIOEXAMPLE0001\n` +
        'aws_secret_access_key = minio-secret-value\n'
    )
    expect(snapshot.profiles.find((p) => p.id === 'minio')).toMatchObject({
      kind: 'static',
      region: 'us-east-1',
      endpointUrl: 'http://localhost:9000',
      addressingStyle: 'path'
    })

    const cli = await awsCliView({ ...paths, home }, ['minio'])
    expect(cli.profiles).toEqual(['default', 'work', 'box', 'minio'])
    expect(cli.fullConfig.profiles['minio']).toMatchObject({
      region: 'us-east-1',
      endpoint_url: 'http://localhost:9000',
      s3: { addressing_style: 'path' }
    })
    expect(cli.credentials['minio']).toEqual({
      accessKey: 'AKIAMINIOEXAMPLE0001',
      secretKey: 'minio-secret-value',
      token: null
    })
  })

  it('creates the files with mode 0600 when there are none, and leaves no temporary file', () => {
    const { editor, mode, paths, home } = setup()

    editor.save({ draft: keysDraft('first') })

    expect(mode('credentialsFile')).toBe(0o600)
    expect(mode('configFile')).toBe(0o600)
    expect(readdirSync(join(home, '.aws')).sort()).toEqual(['config', 'credentials'])
    expect(readFileSync(paths.configFile, 'utf8')).toMatch(/^\[profile first\]\n/)
  })

  it('tightens a credentials file readable by others to 0600 and keeps the config mode', () => {
    const { editor, mode, paths } = setup({ config: userConfig, credentials: userCredentials })
    chmodSync(paths.credentialsFile, 0o644)
    chmodSync(paths.configFile, 0o640)

    editor.save({ draft: keysDraft('minio') })

    expect(mode('credentialsFile')).toBe(0o600)
    expect(mode('configFile')).toBe(0o640)
  })

  it('writes through a symlinked config file, keeping the link', () => {
    const { editor, paths, home } = setup({ credentials: userCredentials })
    const real = join(home, 'dotfiles-config')
    writeFileSync(real, userConfig)
    symlinkSync(real, paths.configFile)

    editor.save({ draft: keysDraft('minio') })

    expect(lstatSync(paths.configFile).isSymbolicLink()).toBe(true)
    expect(readFileSync(real, 'utf8')).toContain('[profile minio]')
  })

  it('writes an SSO profile and its [sso-session] as `aws configure sso` does', async () => {
    const { editor, read, paths, home } = setup({ config: userConfig })

    editor.save({
      draft: {
        name: 'dev',
        region: 'eu-west-2',
        endpointUrl: '',
        addressingStyle: 'auto',
        credentials: {
          kind: 'sso',
          ssoSession: 'acme',
          startUrl: 'https://acme.awsapps.com/start',
          ssoRegion: 'eu-west-1',
          accountId: '111122223333',
          roleName: 'ReadOnly'
        }
      }
    })

    expect(read('configFile').slice(userConfig.length + 1)).toBe(
      '\n[profile dev]\nsso_session = acme\nsso_account_id = 111122223333\n' +
        'sso_role_name = ReadOnly\nregion = eu-west-2\n\n[sso-session acme]\n' +
        'sso_start_url = https://acme.awsapps.com/start\nsso_region = eu-west-1\n' +
        'sso_registration_scopes = sso:account:access\n'
    )
    const cli = await awsCliView({ ...paths, home })
    expect(cli.fullConfig.profiles['dev']).toEqual({
      sso_session: 'acme',
      sso_account_id: '111122223333',
      sso_role_name: 'ReadOnly',
      region: 'eu-west-2'
    })
    expect(cli.fullConfig.sso_sessions?.['acme']).toEqual({
      sso_start_url: 'https://acme.awsapps.com/start',
      sso_region: 'eu-west-1',
      sso_registration_scopes: 'sso:account:access'
    })
  })

  it('adds a profile whose name has letters outside ASCII, which the CLI then lists', async () => {
    const { editor, read, paths, home } = setup({
      config: userConfig,
      credentials: userCredentials
    })

    const snapshot = editor.save({ draft: keysDraft('café-ü') })

    expect(read('configFile')).toContain('\n[profile café-ü]\n')
    expect(read('credentialsFile')).toContain('\n[café-ü]\n')
    expect(snapshot.profiles.map((p) => p.id)).toContain('café-ü')
    const cli = await awsCliView({ ...paths, home }, ['café-ü'])
    expect(cli.profiles).toContain('café-ü')
    expect(cli.credentials['café-ü']?.secretKey).toBe('minio-secret-value')
  })

  it('refuses a name that is taken, and a value the files cannot hold, writing nothing', () => {
    const { editor, read } = setup({ config: userConfig, credentials: userCredentials })

    expect(() => editor.save({ draft: keysDraft('box') })).toThrow(/already exists/)
    expect(() =>
      editor.save({
        draft: keysDraft('x', { endpointUrl: 'https://<ACCOUNT_ID>.r2.cloudflarestorage.com' })
      })
    ).toThrow(/angle brackets/)
    expect(read('configFile')).toBe(userConfig)
    expect(read('credentialsFile')).toBe(userCredentials)
  })
})

describe('editing a profile', () => {
  it('opens it without its secret, and keeps the stored secret when the field stays empty', () => {
    const { editor, read } = setup({ config: userConfig, credentials: userCredentials })

    const editable = editor.getEditable('box')
    expect(editable).toEqual({
      draft: {
        name: 'box',
        region: 'us-east-1',
        endpointUrl: 'http://old-box:9000',
        addressingStyle: 'virtual',
        credentials: { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' }
      },
      kind: 'static',
      accessKeyIdHint: '…0001',
      hasSecretAccessKey: true,
      hasSessionToken: false
    })
    // Like `aws configure`, only the end of the key id is shown.
    expect(JSON.stringify(editable)).not.toMatch(/box-secret-old|AKIABOX/)

    editor.save({
      draft: { ...editable.draft, endpointUrl: 'http://new-box:9000', addressingStyle: 'path' },
      replace: 'box'
    })

    // Only the two changed lines differ; every other byte is the same.
    expect(read('configFile')).toBe(
      userConfig
        .replace('endpoint_url=http://old-box:9000', 'endpoint_url=http://new-box:9000')
        .replace('\taddressing_style = virtual', '\taddressing_style = path')
    )
    expect(read('credentialsFile')).toBe(userCredentials)
  })

  it('changes keys in place, keeping the comment after them, and asks for the new secret', () => {
    const { editor, read } = setup({ config: userConfig, credentials: userCredentials })
    const { draft } = editor.getEditable('box')
    const newKey = {
      kind: 'keys' as const,
      accessKeyId: 'AKIABOXEXAMPLE000002',
      secretAccessKey: '',
      sessionToken: ''
    }

    expect(() => editor.save({ draft: { ...draft, credentials: newKey }, replace: 'box' })).toThrow(
      /secret access key that goes with the new access key id/
    )
    editor.save({
      draft: { ...draft, credentials: { ...newKey, secretAccessKey: 'box-secret-new' } },
      replace: 'box'
    })

    expect(read('credentialsFile')).toBe(
      userCredentials
        .replace('AKIABOXEXAMPLE000001', 'AKIABOXEXAMPLE000002')
        .replace('box-secret-old   ; rotated', 'box-secret-new   ; rotated')
    )
    expect(read('configFile')).toBe(userConfig)
  })

  it('renames a profile in both files in place and drops what was cached under the old name', () => {
    const { editor, read, invalidated, profiles } = setup({
      config: userConfig,
      credentials: userCredentials
    })
    const { draft } = editor.getEditable('box')

    editor.save({ draft: { ...draft, name: 'minio-box' }, replace: 'box' })

    expect(read('configFile')).toBe(userConfig.replace('[profile box]', '[profile minio-box]'))
    expect(read('credentialsFile')).toBe(userCredentials.replace('[box]', '[minio-box]'))
    expect(invalidated).toEqual(['minio-box', 'box'])
    expect(profiles.snapshot().profiles.map((p) => p.id)).toEqual(['default', 'work', 'minio-box'])
  })

  it('edits a CRLF profile with CRLF, and only the settings of a role profile', () => {
    const { editor, read } = setup({ config: userConfig, credentials: userCredentials })
    const editable = editor.getEditable('work')
    expect(editable.draft.credentials).toEqual({ kind: 'unchanged' })

    editor.save({ draft: { ...editable.draft, region: 'ap-southeast-2' }, replace: 'work' })

    expect(read('configFile')).toBe(
      userConfig.replace(
        'source_profile = default\r\n',
        'source_profile = default\r\nregion = ap-southeast-2\r\n'
      )
    )
  })

  it('turns a key profile into an SSO one, removing its keys and its emptied credentials section', () => {
    const { editor, read } = setup({ config: userConfig, credentials: userCredentials })
    const { draft } = editor.getEditable('box')

    editor.save({
      draft: {
        ...draft,
        credentials: {
          kind: 'sso',
          ssoSession: 'acme',
          startUrl: 'https://acme.awsapps.com/start',
          ssoRegion: 'us-east-1',
          accountId: '111122223333',
          roleName: 'Admin'
        }
      },
      replace: 'box'
    })

    expect(read('credentialsFile')).toBe(
      '[default]\naws_access_key_id = AKIADEFAULTEXAMPLE01\naws_secret_access_key = default-secret\n\n# box keys\n'
    )
    expect(editor.getEditable('box')).toMatchObject({
      kind: 'sso',
      hasSecretAccessKey: false,
      draft: { credentials: { kind: 'sso', ssoSession: 'acme', roleName: 'Admin' } }
    })
  })
})

describe('testing a draft before saving', () => {
  it('tries the draft with the stored secret when the field stays empty', async () => {
    const { editor, tested } = setup({ config: userConfig, credentials: userCredentials })
    const { draft } = editor.getEditable('box')

    await editor.test({ draft: { ...draft, region: 'eu-west-1' }, replace: 'box', bucket: 'b1' })

    expect(tested).toEqual([
      {
        profile: expect.objectContaining({
          name: 'box',
          region: 'eu-west-1',
          endpointUrl: 'http://old-box:9000',
          addressingStyle: 'virtual'
        }),
        credentials: { accessKeyId: 'AKIABOXEXAMPLE000001', secretAccessKey: 'box-secret-old' },
        bucket: 'b1'
      }
    ])
  })

  it('says what is wrong with a draft, and leaves an SSO draft for after sign-in', async () => {
    const { editor, tested } = setup()

    expect(await editor.test({ draft: keysDraft('x', { endpointUrl: 'localhost:9000' }) })).toEqual(
      {
        outcome: 'failed',
        check: null,
        code: 'invalid-argument',
        message: 'The endpoint must start with http:// or https://.'
      }
    )
    expect(
      await editor.test({
        draft: {
          ...keysDraft('dev'),
          credentials: {
            kind: 'sso',
            ssoSession: 'acme',
            startUrl: 'https://acme.awsapps.com/start',
            ssoRegion: 'us-east-1',
            accountId: '111122223333',
            roleName: 'Admin'
          }
        }
      })
    ).toMatchObject({ outcome: 'skipped', message: expect.stringContaining('Sign in') })
    expect(tested).toEqual([])
  })
})
