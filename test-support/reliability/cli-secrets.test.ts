import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { builtFile } from '../bundle/built-output'
import { startFaultProxy, type FaultProxy } from '../fault-proxy'
import { swiftSeedClient } from '../swift-profiles'
import { leakedSecrets, looksLikeStackTrace, type Secrets } from './secret-scan'

/**
 * The command line's stdout and stderr carry no secret, whatever happens: links signed with a
 * session token, every failure a user can meet (a missing object, an unknown profile, lapsed
 * credentials, a refused or throttling server, bad arguments). Runs the BUILT `out/main/cli.js`
 * (`npm test` builds first).
 */

const swift = inject('swift')
const SESSION_TOKEN = 'cli-secret-session-token-IQoJb3JpZ2luX2VjECLI'
const secrets: Secrets = { secretAccessKey: swift.secretAccessKey, scrubbed: [SESSION_TOKEN] }
const bucket = `cli-secrets-${Math.random().toString(36).slice(2, 8)}`

let home: string
let cli: string
let env: Record<string, string>
let proxy: FaultProxy

interface Run {
  args: string[]
  code: number | null
  stdout: string
  stderr: string
}

function s3share(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env, cwd: home, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
        resolve({ args, code, stdout, stderr })
      }
    )
  })
}

beforeAll(async () => {
  cli = builtFile('main/cli.js')
  home = await mkdtemp(join(tmpdir(), 's3sm-cli-secrets-'))
  const target = new URL(swift.endpoint)
  proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) })
  const s3 = swiftSeedClient(swift)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a/report.txt', Body: 'report' }))
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a/b.txt', Body: 'b' }))
  s3.destroy()

  const lapsed = join(home, 'lapsed.mjs')
  await writeFile(
    lapsed,
    `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(swift.accessKeyId)}, ` +
      `SecretAccessKey: ${JSON.stringify(swift.secretAccessKey)}, SessionToken: ${JSON.stringify(SESSION_TOKEN)}, ` +
      `Expiration: new Date(Date.now() - 300000).toISOString() }))\n`
  )
  const s3Style = ['s3 =', '  addressing_style = path']
  await writeFile(
    join(home, 'config'),
    [
      '[default]',
      'region = us-east-1',
      `endpoint_url = ${swift.endpoint}`,
      ...s3Style,
      '',
      '[profile faulty]',
      'region = us-east-1',
      `endpoint_url = ${proxy.url}`,
      ...s3Style,
      '',
      '[profile lapsed]',
      'region = us-east-1',
      `endpoint_url = ${swift.endpoint}`,
      `credential_process = "${process.execPath}" "${lapsed}"`,
      ...s3Style,
      ''
    ].join('\n')
  )
  const keys = [
    `aws_access_key_id = ${swift.accessKeyId}`,
    `aws_secret_access_key = ${swift.secretAccessKey}`,
    `aws_session_token = ${SESSION_TOKEN}`
  ]
  await writeFile(
    join(home, 'credentials'),
    ['[default]', ...keys, '', '[faulty]', ...keys, ''].join('\n')
  )
  env = {
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    S3_SHARE_MANAGER_DATA_DIR: join(home, 'data')
  }
}, 60_000)

afterAll(async () => {
  await proxy?.close()
  if (home) await rm(home, { recursive: true, force: true })
})

describe('the command line never prints a secret', () => {
  it('in links, listings, exports and every kind of failure', async () => {
    const runs: Run[] = []
    const run = async (args: string[]) => {
      const result = await s3share(args)
      runs.push(result)
      return result
    }
    const signed = await run(['url', `s3://${bucket}/a/report.txt`, '--expires', '1h'])
    expect(signed.code, signed.stderr).toBe(0)
    // The link carries the session token, as a recipient needs; only inside X-Amz-Security-Token.
    expect(signed.stdout).toContain('X-Amz-Security-Token=')
    await run(['url', `s3://${bucket}/a/`, '--recursive', '--format', 'json'])
    await run(['url', `s3://${bucket}/a/`, '--recursive', '--format', 'csv'])
    await run(['links'])
    await run(['links', '--format', 'json'])
    await run(['url', `s3://${bucket}/a/missing.txt`])
    await run(['url', `s3://no-such-bucket-${bucket}/x.txt`])
    await run(['url', `s3://${bucket}/a/report.txt`, '--profile', 'nobody'])
    await run(['url', `s3://${bucket}/a/report.txt`, '--profile', 'lapsed'])
    await run(['url', `s3://${bucket}/a/report.txt`, '--expires', '9d'])
    await run(['url', 'not-a-url'])
    await run(['forget', 'no-such-id'])
    await run(['--no-such-flag'])
    for (const fault of [
      { kind: 'refuse' },
      { kind: 'status', status: 503, code: 'SlowDown' },
      {
        kind: 'status',
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match'
      },
      { kind: 'reset-mid-response' }
    ] as const) {
      proxy.setFault(fault)
      await run(['url', `s3://${bucket}/a/`, '--recursive', '--profile', 'faulty'])
    }
    proxy.setFault({ kind: 'none' })

    const failures = runs.filter((result) => result.code !== 0)
    expect(failures.length).toBeGreaterThan(8)
    for (const result of runs) {
      const output = `${result.stdout}\n${result.stderr}`
      expect(leakedSecrets(output, secrets), result.args.join(' ')).toEqual([])
      expect(looksLikeStackTrace(output), `${result.args.join(' ')}: ${result.stderr}`).toBe(false)
    }
  }, 240_000)
})
