import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { execFile } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { builtFile } from '../../test-support/bundle/built-output'
import { expectLinkServes } from '../../test-support/expect-link'
import { parseCsv } from '../../test-support/parse-csv'
import { swiftSeedClient } from '../../test-support/swift-profiles'
import { checkPresignedUrl } from '../../test-support/verify-signature'
import type { IssuedLink } from '../shared/models'
import { runCli, type CliIo } from './main'
import { openCoreServices } from './services'

/**
 * `s3-share` end to end against Swift, which really verifies signatures.
 *
 * The runs execute the BUILT `out/main/cli.js` (package.json's `bin`) in a child process, with
 * its own HOME, AWS config and data folder and nothing of the test's environment, so they check
 * what users run: the bundle, its shebang, `node:sqlite` left external, stdio and exit codes.
 * `npm test` builds before it runs the tests; to run this file alone, run
 * `npx electron-vite build` first. It is not built here: a build empties `out/main` while the
 * bundle tests may be reading it.
 */

const swift = inject('swift')
const secret = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const suffix = Math.random().toString(36).slice(2, 10)
const bucket = `cli-it-${suffix}`
const SESSION_MINUTES = 40

const single = 'docs/Q3 report – Zoë #2.pdf'
/** 30 objects, nested, with keys CSV must quote. */
const treeKeys = Array.from({ length: 30 }, (_, index) => {
  if (index === 0) return 'tree/names, with "quotes".txt'
  if (index === 1) return 'tree/deep/er/est/file.bin'
  return `tree/${index % 3 === 0 ? 'sub/' : ''}file-${String(index).padStart(2, '0')}.txt`
})
const bodies = new Map<string, string>([
  [single, 'Q3 summary'],
  ...treeKeys.map((key): [string, string] => [key, `body of ${key}`])
])

let home: string
let dataDir: string
let cli: string
let env: Record<string, string>
/** Everything any run printed, checked for the secret key at the end. */
const printed: string[] = []

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the built command line as a user would: a fresh process with the test's HOME. */
function s3share(args: string[], options: { direct?: boolean } = {}): Promise<Run> {
  const [file, argv] = options.direct ? [cli, args] : [process.execPath, [cli, ...args]]
  return new Promise((resolve) => {
    execFile(file, argv, { env, cwd: home, encoding: 'utf8' }, (error, stdout, stderr) => {
      printed.push(stdout, stderr)
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
      resolve({ code, stdout, stderr })
    })
  })
}

async function expectFetches(url: string, key: string): Promise<void> {
  await expectLinkServes(url, secret, bodies.get(key), key)
}

beforeAll(async () => {
  cli = builtFile('main/cli.js')
  home = await mkdtemp(join(tmpdir(), 's3sm-cli-it-'))
  dataDir = join(home, 'data')
  const s3 = swiftSeedClient(swift)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  const entries = [...bodies]
  for (let index = 0; index < entries.length; index += 8) {
    await Promise.all(
      entries
        .slice(index, index + 8)
        .map(([Key, Body]) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body })))
    )
  }
  s3.destroy()

  const credentialProcess = (name: string, minutes: number) => {
    const path = join(home, `${name}.mjs`)
    const payload =
      `{ Version: 1, AccessKeyId: ${JSON.stringify(swift.accessKeyId)}, ` +
      `SecretAccessKey: ${JSON.stringify(swift.secretAccessKey)}, SessionToken: "cli-it-token", ` +
      `Expiration: new Date(Date.now() + ${minutes} * 60000).toISOString() }`
    return writeFile(path, `console.log(JSON.stringify(${payload}))\n`).then(
      () => `credential_process = "${process.execPath}" "${path}"`
    )
  }
  const swiftSettings = [`endpoint_url = ${swift.endpoint}`, 's3 =', '  addressing_style = path']
  await writeFile(
    join(home, 'config'),
    [
      '[default]',
      'region = us-east-1',
      ...swiftSettings,
      '',
      '[profile session]',
      'region = us-east-1',
      ...swiftSettings,
      await credentialProcess('session', SESSION_MINUTES),
      '',
      '[profile lapsed]',
      'region = us-east-1',
      ...swiftSettings,
      await credentialProcess('lapsed', -5),
      ''
    ].join('\n')
  )
  await writeFile(
    join(home, 'credentials'),
    `[default]\naws_access_key_id = ${swift.accessKeyId}\naws_secret_access_key = ${swift.secretAccessKey}\n`
  )
  // Nothing of the test's own environment: no AWS_* variables, no proxy, the test's HOME.
  env = {
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    S3_SHARE_MANAGER_DATA_DIR: dataDir
  }
})

afterAll(async () => {
  await rm(home, { recursive: true, force: true })
})

describe('s3-share against a real S3 server', () => {
  it('is an executable script with a shebang, which prints its help', async () => {
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    expect(statSync(cli).mode & 0o111).not.toBe(0)
    const run = await s3share(['--help'], { direct: true })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('s3-share url s3://bucket/key')
  })

  it('prints only the URL of one object, which downloads and verifies', async () => {
    const run = await s3share(['url', `s3://${bucket}/${single}`, '--expires', '90m'])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const lines = run.stdout.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe('')
    const url = lines[0] ?? ''
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('5400')
    await expectFetches(url, single)
  })

  it('prints the recorded link as JSON with --json, label and download name included', async () => {
    const run = await s3share([
      'url',
      `s3://${bucket}/${single}`,
      '--json',
      '--label',
      'for the board',
      '--name',
      'q3.pdf'
    ])
    expect(run.code).toBe(0)
    const link = JSON.parse(run.stdout) as IssuedLink & { status: string }
    expect(link).toMatchObject({
      bucket,
      key: single,
      label: 'for the board',
      downloadFilename: 'q3.pdf',
      requestedExpiresInSeconds: 3_600,
      cappedBy: null,
      batchId: null,
      status: 'active'
    })
    const response = await fetch(link.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain('q3.pdf')
  })

  it('shares a nested folder as CSV that parses back to one row per object', async () => {
    const run = await s3share(['url', `s3://${bucket}/tree`, '--recursive', '--format', 'csv'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/Shared 30 objects under s3:\/\/cli-it-\w+\/tree\/ as batch \S+\./)
    // stderr is a pipe here, not a terminal: no progress bar in it.
    expect(run.stderr).not.toContain('\r')
    expect(run.stderr).not.toContain('\u001b[K')
    const [header = [], ...rows] = parseCsv(run.stdout)
    expect(rows).toHaveLength(30)
    const column = (name: string) => header.indexOf(name)
    const keyOf = (row: string[]) => row[column('key')] ?? ''
    expect(rows.map(keyOf).sort()).toEqual([...treeKeys].sort())
    for (const row of rows) {
      const check = checkPresignedUrl(row[column('url')] ?? '', secret)
      expect(check.expected, keyOf(row)).toBe(check.actual)
    }
    // A sample, and the key CSV had to quote.
    const sample = rows.filter((row, index) => index % 7 === 0 || keyOf(row).includes('"'))
    for (const row of sample) {
      await expectFetches(row[column('url')] ?? '', keyOf(row))
    }
  })

  it('writes a batch as JSON to a file with --output', async () => {
    const run = await s3share([
      'url',
      `s3://${bucket}/tree/sub/`,
      '-r',
      '--json',
      '--output',
      'sub.json',
      '--expires',
      '2d'
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/Wrote \d+ links to .*sub\.json\./)
    const rows = JSON.parse(await readFile(join(home, 'sub.json'), 'utf8')) as { key: string }[]
    expect(rows.map((row) => row.key).sort()).toEqual(
      treeKeys.filter((key) => key.startsWith('tree/sub/')).sort()
    )
  })

  it('lists what it made with links --json, batches included', async () => {
    const run = await s3share(['links', '--json', '--bucket', bucket])
    expect(run.code).toBe(0)
    const links = JSON.parse(run.stdout) as (IssuedLink & { status: string })[]
    const singles = links.filter((link) => link.batchId === null)
    const batched = links.filter((link) => link.batchId !== null)
    expect(singles.map((link) => link.key)).toEqual([single, single])
    expect(batched.length).toBe(30 + treeKeys.filter((key) => key.startsWith('tree/sub/')).length)
    expect(new Set(links.map((link) => link.status))).toEqual(new Set(['active']))
    const text = await s3share(['links', '--search', 'board'])
    expect(text.stdout.trimEnd().split('\n')).toHaveLength(2)
    expect(text.stdout).toContain('for the board')
  })

  it('warns on stderr when temporary credentials end the link early, and records the real expiry', async () => {
    const run = await s3share([
      'url',
      `s3://${bucket}/${single}`,
      '--profile',
      'session',
      '--expires',
      '7d',
      '--json'
    ])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(
      /^Warning: the link stops working at .* \(in (39|40) min \d\d s\), when the temporary credentials of profile `session` expire/
    )
    const link = JSON.parse(run.stdout) as IssuedLink
    expect(link.cappedBy).toBe('credentials')
    expect(link.requestedExpiresInSeconds).toBe(604_800)
    // The credentials were made during the run, and end 40 minutes after.
    expect(Date.parse(link.expiresAt)).toBeLessThanOrEqual(Date.now() + SESSION_MINUTES * 60_000)
    expect(Date.parse(link.expiresAt)).toBeLessThan(Date.parse(link.requestedExpiresAt))
    await expectFetches(link.url, single)
  })

  it('exits with 3 and says why when the credentials have expired', async () => {
    const run = await s3share(['url', `s3://${bucket}/${single}`, '--profile', 'lapsed'])
    expect(run.code).toBe(3)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^s3-share: `credential_process` for `lapsed` returned credentials that expired/
    )
  })

  it('exits with 4 for a key or a bucket that does not exist, recording nothing', async () => {
    const before = JSON.parse((await s3share(['links', '--json'])).stdout) as unknown[]
    const key = await s3share(['url', `s3://${bucket}/docs/missing.pdf`])
    expect(key.code).toBe(4)
    expect(key.stderr).toMatch(/`docs\/missing\.pdf` was not found in bucket/)
    const noBucket = await s3share(['url', `s3://${bucket}-nope/x.txt`])
    expect(noBucket.code).toBe(4)
    const empty = await s3share(['url', `s3://${bucket}/nothing-here/`, '--recursive'])
    expect(empty.code).toBe(4)
    expect(empty.stderr).toMatch(/no objects under/)
    const after = JSON.parse((await s3share(['links', '--json'])).stdout) as unknown[]
    expect(after).toHaveLength(before.length)
  })

  it('forgets a link, and clears links another process recorded as expired', async () => {
    const links = JSON.parse((await s3share(['links', '--json'])).stdout) as IssuedLink[]
    const target = links.find((link) => link.batchId === null)
    const forget = await s3share(['forget', target?.id ?? ''])
    expect(forget).toMatchObject({ code: 0, stdout: `Forgot link ${target?.id}.\n` })
    const left = JSON.parse((await s3share(['links', '--json'])).stdout) as IssuedLink[]
    expect(left.map((link) => link.id)).not.toContain(target?.id)

    // Recorded by this process, the way the app would, in the same registry.
    const app = openCoreServices(dataDir, env, 'write')
    const template = left[0]
    expect(template).toBeDefined()
    if (template !== undefined) {
      const { id: _id, ...draft } = template
      app.links.record({ ...draft, expiresAt: new Date(Date.now() - 1_000).toISOString() })
    }
    app.close()
    const cleared = await s3share(['clear-expired', '--json'])
    expect(cleared).toMatchObject({ code: 0, stdout: '{"forgotten":1}\n' })
  })

  it('never prints the secret access key', () => {
    expect(printed.length).toBeGreaterThan(10)
    for (const output of printed) expect(output).not.toContain(swift.secretAccessKey)
  })
})

describe('s3-share interrupted', () => {
  it('cancels a batch on Ctrl-C, keeps what was done and exits with 130', async () => {
    let stdout = ''
    let stderr = ''
    let interrupt = (): void => {}
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: {
        write: (text: string) => {
          stderr += text
          // The first progress line is drawn once the job runs: press Ctrl-C then.
          if (text.includes('Listing objects')) interrupt()
        }
      },
      isTTY: true,
      env,
      platform: process.platform,
      homedir: home,
      cwd: home,
      onInterrupt(handler) {
        interrupt = handler
        return () => {
          interrupt = () => {}
        }
      }
    }
    const code = await runCli(['url', `s3://${bucket}/tree/`, '-r'], io, openCoreServices)
    printed.push(stdout, stderr)
    expect(code).toBe(130)
    expect(stderr).toContain('Stopping; the links made so far are kept.')
    expect(stderr).toMatch(/Stopped: \d+ links? made and kept/)
  })
})
