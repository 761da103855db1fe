import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { confPreferencesBackend } from '../../src/main/adapters/preferences-store'
import { DEFAULT_NETWORK_OPTIONS } from '../../src/main/adapters/s3-gateway'
import { LINK_TEST_TIMEOUT_MS } from '../../src/main/adapters/link-tester'
import { createAppServices, type AppServices } from '../../src/main/app-services'
import type { AppErrorCode, IpcResult } from '../../src/shared/errors'
import type { IssuedLink, ObjectPage } from '../../src/shared/models'
import { startFaultProxy, type Fault, type FaultProxy } from '../fault-proxy'
import { swiftSeedClient } from '../swift-profiles'
import { hasHiddenCharacters, leakedSecrets, looksLikeStackTrace } from './secret-scan'

/**
 * S3 under faults: the app's real services talk to Swift through a proxy that breaks the
 * traffic (test-support/fault-proxy.ts), with the gateway's default timeouts, as users get them.
 *
 * For each fault: a listing fails with the right code and a message the user can act on, and
 * settles within the gateway's promised deadline; a link signed meanwhile is not recorded as
 * working; once the fault is gone, the next call works.
 */

const swift = inject('swift')
const suffix = Math.random().toString(36).slice(2, 8)
const bucket = `faults-${suffix}`
const objectKey = 'reports/q3.txt'
/** The gateway promises an answer within its deadline; the slack covers a loaded 2-core CI. */
const PROMISED_MS = DEFAULT_NETWORK_OPTIONS.deadlineMs + 10_000

interface FaultCase {
  name: string
  fault: Fault
  /** The codes a user may see for it (the SDK may surface a reset during a retry as a timeout). */
  codes: AppErrorCode[]
  /** Words the message must contain: what happened, or what to do. */
  says: RegExp
  /**
   * Whether a link's self-test can still see S3's answer: its one-byte GET needs only the
   * status line and headers, which a reset after them or a cut after 120 body bytes lets
   * through. Then "works" is true (S3 checked the signature); otherwise it must never be said.
   */
  testSeesAnswer?: boolean
}

const FAULTS: FaultCase[] = [
  {
    name: 'a refused connection',
    fault: { kind: 'refuse' },
    codes: ['endpoint-unreachable'],
    says: /ECONNREFUSED|reach/i
  },
  {
    name: 'a reset in the middle of the answer',
    fault: { kind: 'reset-mid-response' },
    codes: ['endpoint-unreachable'],
    says: /reach|ECONNRESET/i,
    testSeesAnswer: true
  },
  {
    name: 'a server that accepts and never answers',
    fault: { kind: 'stall' },
    codes: ['endpoint-unreachable'],
    says: /no answer|timed out/i
  },
  {
    name: 'an answer at 1 byte per second',
    fault: { kind: 'slow', bytesPerSecond: 1 },
    codes: ['endpoint-unreachable'],
    says: /no answer|timed out/i
  },
  {
    name: '503 SlowDown',
    fault: {
      kind: 'status',
      status: 503,
      code: 'SlowDown',
      message: 'Please reduce your request rate.'
    },
    codes: ['throttled'],
    says: /try again/i
  },
  {
    name: '500 InternalError',
    fault: {
      kind: 'status',
      status: 500,
      code: 'InternalError',
      message: 'We encountered an internal error.'
    },
    codes: ['server-error'],
    says: /try again/i
  },
  {
    name: 'a listing cut off in the middle of its XML',
    fault: { kind: 'truncate', afterBytes: 120 },
    codes: ['endpoint-unreachable', 'server-error'],
    says: /try again|reach/i,
    testSeesAnswer: true
  }
]

let home: string
let proxy: FaultProxy
let services: AppServices

function profileLines(name: string, endpoint: string): string[] {
  return [
    `[profile ${name}]`,
    'region = us-east-1',
    `endpoint_url = ${endpoint}`,
    's3 =',
    '  addressing_style = path',
    ''
  ]
}

async function list(): Promise<IpcResult<ObjectPage>> {
  return (await services.router.dispatch('objects:list', {
    profileId: 'faulty',
    bucket,
    prefix: 'reports/'
  })) as IpcResult<ObjectPage>
}

async function sign(): Promise<IpcResult<IssuedLink>> {
  return (await services.router.dispatch('links:create-download', {
    profileId: 'faulty',
    bucket,
    key: objectKey,
    expiresInSeconds: 3_600
  })) as IpcResult<IssuedLink>
}

function expectActionable(result: IpcResult<unknown>, fault: FaultCase): void {
  expect(result.ok, JSON.stringify(result)).toBe(false)
  if (result.ok) return
  const { code, message } = result.error
  expect(fault.codes, message).toContain(code)
  expect(message).toMatch(fault.says)
  expect(message.length).toBeLessThan(500)
  expect(hasHiddenCharacters(message)).toBe(false)
  expect(looksLikeStackTrace(message)).toBe(false)
  expect(leakedSecrets(message, { secretAccessKey: swift.secretAccessKey, scrubbed: [] })).toEqual(
    []
  )
}

beforeAll(async () => {
  const target = new URL(swift.endpoint)
  proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) })
  home = await mkdtemp(join(tmpdir(), 's3sm-faults-'))
  const userDataDir = join(home, 'user-data')
  await mkdir(userDataDir)
  await writeFile(join(home, 'config'), profileLines('faulty', proxy.url).join('\n'))
  await writeFile(
    join(home, 'credentials'),
    [
      '[faulty]',
      `aws_access_key_id = ${swift.accessKeyId}`,
      `aws_secret_access_key = ${swift.secretAccessKey}`,
      ''
    ].join('\n')
  )
  const s3 = swiftSeedClient(swift)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  // Enough objects that the listing's XML is well over the truncation point.
  for (let index = 0; index < 12; index += 1) {
    const key = index === 0 ? objectKey : `reports/file-${index}.txt`
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body ${index}` }))
  }
  s3.destroy()
  services = createAppServices({
    env: {
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials')
    },
    userDataDir,
    preferences: confPreferencesBackend(userDataDir),
    clipboard: { writeText: () => {} },
    openExternal: async () => {},
    saveTextFile: async () => null
  })
  // Healthy first: the bucket's region is known, so signing itself needs no network.
  const first = await list()
  expect(first.ok, JSON.stringify(first)).toBe(true)
}, 60_000)

afterAll(async () => {
  services?.close()
  await proxy?.close()
  if (home) await rm(home, { recursive: true, force: true })
})

describe('S3 behind a faulty network', () => {
  it.each(FAULTS)(
    '$name: a clear error in time, no link recorded as working, then a working call',
    async (fault) => {
      proxy.setFault(fault.fault)
      const started = Date.now()
      // Both at once: the listing waits out the gateway's deadline, the self-test its timeout.
      const [listed, signed] = await Promise.all([list(), sign()])
      const elapsed = Date.now() - started
      expectActionable(listed, fault)
      expect(elapsed).toBeLessThan(Math.max(PROMISED_MS, LINK_TEST_TIMEOUT_MS + 10_000))

      // A link signed during the fault is either refused or recorded with a failed self-test.
      if (signed.ok) {
        if (!fault.testSeesAnswer) expect(signed.value.selfTest?.outcome).not.toBe('works')
        expect(signed.value.selfTest?.message.length ?? 0).toBeLessThan(500)
        // And the registry, which the Links view reads, says the same.
        const chain = (await services.router.dispatch('links:chain', {
          id: signed.value.id
        })) as IpcResult<IssuedLink[]>
        expect(chain.ok, JSON.stringify(chain)).toBe(true)
        const stored = chain.ok ? chain.value.find((link) => link.id === signed.value.id) : null
        expect(stored?.selfTest?.outcome).toBe(signed.value.selfTest?.outcome)
      } else {
        expect(signed.error.message.length).toBeLessThan(500)
      }

      proxy.setFault({ kind: 'none' })
      const again = await list()
      expect(again.ok, JSON.stringify(again)).toBe(true)
      if (again.ok) expect(again.value.objects.map((object) => object.key)).toContain(objectKey)

      if (signed.ok) {
        // Tested again once the network is back: now it works, and the registry says so.
        const retested = (await services.router.dispatch('links:test', {
          id: signed.value.id
        })) as IpcResult<IssuedLink>
        expect(retested.ok && retested.value.selfTest?.outcome).toBe('works')
      }
    },
    90_000
  )
})
