import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IssuedLink } from '../shared/models'
import type { LinkDraft } from '../main/services/registry-ports'
import { runCliCaptured, type CliRun } from '../../test-support/run-cli'
import { openCoreServices, type OpenServices } from './services'

/**
 * `s3-share` run in-process over the real services: AWS config files, credential providers
 * and the SQLite registry in temp folders. Nothing here reaches an S3 server; the runs against
 * Swift are in cli.integration.test.ts.
 */

const HOUR = 3_600_000
let home: string
let dataDir: string
let env: Record<string, string>

function s3share(
  argv: string[],
  options: { env?: Record<string, string>; openServices?: OpenServices } = {}
): Promise<CliRun> {
  return runCliCaptured(argv, {
    env: options.env ?? env,
    home,
    platform: 'linux',
    openServices: options.openServices
  })
}

const neverOpened: OpenServices = () => {
  throw new Error('the registry was opened')
}

function draft(overrides: Partial<LinkDraft>): LinkDraft {
  const now = Date.now()
  return {
    createdAt: new Date(now - HOUR).toISOString(),
    profileId: 'dev',
    bucket: 'media',
    key: 'brand/logo.svg',
    region: 'us-east-1',
    endpoint: null,
    method: 'GET',
    requestedExpiresInSeconds: 7_200,
    requestedExpiresAt: new Date(now + HOUR).toISOString(),
    expiresAt: new Date(now + HOUR).toISOString(),
    cappedBy: null,
    url: 'https://media.s3.amazonaws.com/brand/logo.svg?X-Amz-Signature=0',
    label: '',
    downloadFilename: 'logo.svg',
    batchId: null,
    ...overrides
  }
}

/** Records links the way the app would, through the same services, then closes them. */
function seed(drafts: LinkDraft[], dir = dataDir): IssuedLink[] {
  const services = openCoreServices(dir, env, 'write')
  try {
    return services.links.recordMany(drafts)
  } finally {
    services.close()
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 's3sm-cli-'))
  dataDir = join(home, 'data')
  await mkdir(join(home, '.aws'))
  const expiredProcess = join(home, 'expired.mjs')
  await writeFile(
    expiredProcess,
    'console.log(JSON.stringify({ Version: 1, AccessKeyId: "ASIAEXPIREDEXAMPLE01", ' +
      'SecretAccessKey: "expired-secret-never-shown", SessionToken: "t", ' +
      'Expiration: new Date(Date.now() - 60000).toISOString() }))\n'
  )
  await writeFile(
    join(home, '.aws', 'config'),
    [
      '[profile dev]',
      'region = us-east-1',
      // A closed port: nothing in these tests may reach a server.
      'endpoint_url = http://127.0.0.1:9',
      '',
      '[profile lapsed]',
      'region = us-east-1',
      'endpoint_url = http://127.0.0.1:9',
      `credential_process = "${process.execPath}" "${expiredProcess}"`,
      ''
    ].join('\n')
  )
  await writeFile(
    join(home, '.aws', 'credentials'),
    '[dev]\naws_access_key_id = AKIAEXAMPLEDEV000001\naws_secret_access_key = dev-secret-never-shown\n'
  )
  env = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    S3_SHARE_MANAGER_DATA_DIR: dataDir
  }
})

afterAll(async () => {
  await rm(home, { recursive: true, force: true })
})

describe('s3-share without an S3 server', () => {
  it('prints its usage, commands and exit codes on --help, without opening the registry', async () => {
    const run = await s3share(['--help'], { openServices: neverOpened })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('s3-share url s3://bucket/key')
    expect(run.stdout).toContain('S3_SHARE_MANAGER_DATA_DIR')
    expect(run.stdout).toMatch(/^ {2}3 +credentials missing or expired/m)
    for (const command of ['url', 'links', 'forget', 'clear-expired']) {
      const help = await s3share([command, '--help'], { openServices: neverOpened })
      expect(help.code, command).toBe(0)
      expect(help.stdout, command).toContain(`s3-share ${command}`)
      expect(help.stdout, command).toContain('Exit codes:')
    }
    expect((await s3share(['help', 'links'])).stdout).toContain('--status STATUS')
  })

  it('prints the version from package.json', async () => {
    const packageJson = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8')
    ) as { version: string }
    expect(await s3share(['--version'])).toEqual({
      code: 0,
      stdout: `${packageJson.version}\n`,
      stderr: ''
    })
  })

  it('exits with 2 and points at the help for wrong usage, before touching the registry', async () => {
    const cases = [
      [[], /Usage:/],
      [['share', 's3://b/k'], /There is no command `share`/],
      [['--profile', 'dev', 'url'], /Put the command first/],
      [['url', 's3://b/k', '--expires', '8d'], /at most 7 days[\s\S]*s3-share url --help/],
      [['url', 's3://b/folder/'], /Add --recursive/],
      [['links', '--status', 'dead'], /s3-share links --help/],
      [['forget'], /Give the id of the link/]
    ] as const
    for (const [argv, message] of cases) {
      const run = await s3share([...argv], { openServices: neverOpened })
      expect(run.code, argv.join(' ')).toBe(2)
      expect(run.stderr, argv.join(' ')).toMatch(message)
      expect(run.stdout).toBe('')
    }
  })

  it('exits with 4 for a profile that is not in the AWS config files', async () => {
    const run = await s3share(['url', 's3://media/logo.svg', '--profile', 'nope'])
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(/Profile `nope` is not in your AWS config files/)
    const fromEnv = await s3share(['url', 's3://media/logo.svg'], {
      env: { ...env, AWS_PROFILE: 'gone' }
    })
    expect(fromEnv.code).toBe(4)
    expect(fromEnv.stderr).toMatch(/Profile `gone`/)
  })

  it('exits with 3 when there is no profile to sign with at all', async () => {
    const empty = join(home, 'empty-config')
    await writeFile(empty, '')
    const run = await s3share(['url', 's3://media/logo.svg'], {
      env: { ...env, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty }
    })
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/no AWS profile to sign with.*--profile NAME/)
  })

  it('exits with 3 when the credentials have expired, and records nothing', async () => {
    const run = await s3share(['url', 's3://media/logo.svg', '--profile', 'lapsed'])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(
      /`credential_process` for `lapsed` returned credentials that expired/
    )
    expect(run.stderr).not.toContain('expired-secret-never-shown')
    expect(run.stdout).toBe('')
  })

  it('exits with 6 when the endpoint cannot be reached', async () => {
    const run = await s3share(['url', 's3://media/logo.svg', '--profile', 'dev'])
    expect(run.code).toBe(6)
    expect(run.stderr).toMatch(/Could not reach/)
    expect(run.stderr).not.toContain('dev-secret-never-shown')
  })
})

describe('s3-share and the link registry it shares with the app', () => {
  it('lists the links recorded by the app, newest first, with filters and JSON', async () => {
    const now = Date.now()
    const [older, expired, newer] = seed([
      draft({ key: 'reports/Zoë.pdf', createdAt: new Date(now - 3 * HOUR).toISOString() }),
      draft({
        bucket: 'archive',
        key: 'old.zip',
        createdAt: new Date(now - 2 * HOUR).toISOString(),
        expiresAt: new Date(now - HOUR).toISOString()
      }),
      draft({ key: 'brand/new.svg', label: 'for the agency' })
    ])

    const table = await s3share(['links'])
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+EXPIRES\s+OBJECT\s+LABEL$/)
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([
      newer?.id,
      expired?.id,
      older?.id
    ])

    const json = await s3share(['links', '--json', '--status', 'active', '--bucket', 'media'])
    const listed = JSON.parse(json.stdout) as (IssuedLink & { status: string })[]
    expect(listed.map((link) => [link.id, link.status])).toEqual([
      [newer?.id, 'active'],
      [older?.id, 'active']
    ])

    const searched = JSON.parse((await s3share(['links', '--json', '--search', 'zoe'])).stdout)
    expect(searched).toHaveLength(1)
    expect(searched[0].key).toBe('reports/Zoë.pdf')
    expect(JSON.parse((await s3share(['links', '--json', '--limit', '1'])).stdout)).toHaveLength(1)
    expect((await s3share(['links', '--profile', 'nobody'])).stderr).toBe('No links match.\n')
  })

  it('forgets links by id, and says which ids it did not know (exit 4)', async () => {
    const [first, second] = seed([draft({ key: 'a.txt' }), draft({ key: 'b.txt' })])
    const run = await s3share(['forget', first?.id ?? '', 'no-such-id', second?.id ?? ''])
    expect(run.code).toBe(4)
    expect(run.stdout).toBe(`Forgot link ${first?.id}.\nForgot link ${second?.id}.\n`)
    expect(run.stderr).toMatch(/no-such-id/)
    const left = JSON.parse((await s3share(['links', '--json'])).stdout) as IssuedLink[]
    expect(left.map((link) => link.id)).not.toContain(first?.id)
    expect(left.map((link) => link.id)).not.toContain(second?.id)
  })

  it('clears expired links and says how many', async () => {
    const now = Date.now()
    seed([
      draft({ key: 'gone-1', expiresAt: new Date(now - 1_000).toISOString() }),
      draft({ key: 'gone-2', expiresAt: new Date(now - 2_000).toISOString() })
    ])
    const run = await s3share(['clear-expired', '--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).forgotten).toBeGreaterThanOrEqual(2)
    expect((await s3share(['links', '--status', 'expired'])).stderr).toBe('No links match.\n')
    expect((await s3share(['clear-expired'])).stdout).toBe('Forgot 0 expired links.\n')
  })

  it('uses the folder --user-data-dir names over the environment variable', async () => {
    const other = join(home, 'other-data')
    const [only] = seed([draft({ key: 'elsewhere.txt' })], other)
    const run = await s3share(['links', '--json', '--user-data-dir', 'other-data'])
    expect((JSON.parse(run.stdout) as IssuedLink[]).map((link) => link.id)).toEqual([only?.id])
  })

  it('lists nothing, rather than failing, before any link was ever recorded', async () => {
    const fresh = join(home, 'fresh')
    const run = await s3share(['links', '--json', '--user-data-dir', fresh])
    expect(run).toMatchObject({ code: 0, stdout: '[]\n' })
    expect(existsSync(join(fresh, 'links.db'))).toBe(true)
  })
})
