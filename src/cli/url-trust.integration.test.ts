import {
  CreateBucketCommand,
  DeleteObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand
} from '@aws-sdk/client-s3'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runCliCaptured, type CliRun } from '../../test-support/run-cli'
import { swiftSeedClient } from '../../test-support/swift-profiles'
import type { IssuedLink } from '../shared/models'

/**
 * `s3-share url`'s link options against Swift, run in-process over the real core services (the
 * built command line is run by cli.integration.test.ts).
 */

const swift = inject('swift')
const suffix = Math.random().toString(36).slice(2, 10)
const bucket = `cli-trust-${suffix}`
const KEY = 'docs/notes.md'
/** Overwritten, then deleted: only its first version is left, behind a delete marker. */
const GONE_KEY = 'docs/gone.md'

let home: string
let env: Record<string, string>
let firstVersion: string
let goneVersion: string

function s3share(argv: string[]): Promise<CliRun> {
  return runCliCaptured(argv, { env, home })
}

async function json(argv: string[]): Promise<IssuedLink> {
  const run = await s3share([...argv, '--json'])
  expect(run).toMatchObject({ code: 0, stderr: '' })
  return JSON.parse(run.stdout) as IssuedLink
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 's3sm-cli-trust-'))
  const s3 = swiftSeedClient(swift)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: bucket,
      VersioningConfiguration: { Status: 'Enabled' }
    })
  )
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: 'first' }))
  firstVersion = put.VersionId!
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: '# second' }))
  const gone = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: GONE_KEY, Body: 'kept' }))
  goneVersion = gone.VersionId!
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: GONE_KEY }))
  s3.destroy()
  await writeFile(
    join(home, 'config'),
    `[default]\nregion = us-east-1\nendpoint_url = ${swift.endpoint}\ns3 =\n  addressing_style = path\n`
  )
  await writeFile(
    join(home, 'credentials'),
    `[default]\naws_access_key_id = ${swift.accessKeyId}\naws_secret_access_key = ${swift.secretAccessKey}\n`
  )
  env = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    S3_SHARE_MANAGER_DATA_DIR: join(home, 'data')
  }
})

afterAll(async () => {
  await rm(home, { recursive: true, force: true })
})

describe('s3-share url with link options, against Swift', () => {
  it('tests the new link by default and records that it works', async () => {
    const link = await json(['url', `s3://${bucket}/${KEY}`])
    expect(link.selfTest).toMatchObject({ outcome: 'works' })
  })

  it('skips the test with --no-test', async () => {
    const link = await json(['url', `s3://${bucket}/${KEY}`, '--no-test'])
    expect(link.selfTest).toBeNull()
  })

  it('ends the link at --until, to the second', async () => {
    const until = new Date(Math.floor(Date.now() / 1000) * 1000 + 3 * 3_600_000)
    const link = await json(['url', `s3://${bucket}/${KEY}`, '--until', until.toISOString()])
    expect(link.expiresAt).toBe(until.toISOString())
    expect((await fetch(link.url)).status).toBe(200)
  })

  it('shows the file in the browser with --inline and --content-type', async () => {
    const link = await json([
      'url',
      `s3://${bucket}/${KEY}`,
      '--inline',
      '--content-type',
      'text/plain; charset=utf-8'
    ])
    const response = await fetch(link.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="notes\.md"/)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
  })

  it('pins the link to an older version with --version-id', async () => {
    const link = await json(['url', `s3://${bucket}/${KEY}`, '--version-id', firstVersion])
    expect(link.versionId).toBe(firstVersion)
    expect(await (await fetch(link.url)).text()).toBe('first')
  })

  it('pins a version whose object was deleted since (a delete marker), which is why one pins', async () => {
    const link = await json(['url', `s3://${bucket}/${GONE_KEY}`, '--version-id', goneVersion])
    expect(link.selfTest).toMatchObject({ outcome: 'works' })
    expect(await (await fetch(link.url)).text()).toBe('kept')
  })

  it('refuses a --version-id the object does not have with exit 4', async () => {
    const run = await s3share(['url', `s3://${bucket}/${KEY}`, '--version-id', 'no-such-version'])
    expect(run.code).toBe(4)
    expect(run.stderr).toContain('has no version `no-such-version`')
  })

  it('refuses an --until beyond 7 days with exit 2, recording nothing', async () => {
    const run = await s3share([
      'url',
      `s3://${bucket}/${KEY}`,
      '--until',
      new Date(Date.now() + 8 * 86_400_000).toISOString()
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('at most 7 days')
  })
})
