/**
 * What signing costs: one link on the SDK's default path, on the app's paths, and a whole bulk
 * share of 10,000 objects through the job, recorded in the real SQLite registry.
 *
 * No network: signing is local, and the bucket's region is given. Credentials come from a
 * throwaway `credentials` file read by the app's own profile and credential services.
 * Imported by `bench/index.ts`, which registers the `.ts` resolver first.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfigFiles } from '../src/main/adapters/aws-config-files'
import { sdkProviderFor } from '../src/main/adapters/aws-credentials'
import { openLinkDatabase } from '../src/main/adapters/link-db'
import { createS3Gateway } from '../src/main/adapters/s3-gateway'
import { createBulkLinkService } from '../src/main/services/bulk-links'
import { createCredentialCache } from '../src/main/services/credential-cache'
import { createJobRunner } from '../src/main/services/jobs'
import { createLinkService } from '../src/main/services/links'
import { createProfileService } from '../src/main/services/profiles'
import { createSigningService } from '../src/main/services/signing'
import { attachmentContentDisposition } from '../src/shared/content-disposition'
import type { JobState } from '../src/shared/models'

export interface SigningBenchOptions {
  /** Links per single-link path. */
  links: number
  /** Objects in the bulk batch. */
  bulkObjects: number
  /** Bulk batches measured (the median counts). */
  bulkRuns: number
  log: (line: string) => void
}

export interface SigningBenchResult {
  bulkLinksPerSecond: number
  sdkDefaultLinksPerSecond: number
  /** One link through the fast presigner alone (µs). */
  fastPresignMicroseconds: number
  /** One link through `gateway.presignGet` (reused client, getSignedUrl) (µs). */
  presignGetMicroseconds: number
  /** One link through `createDownloadLink`, registry write included (µs). */
  singleLinkMicroseconds: number
  /** One link on the SDK's default path: new S3Client + getSignedUrl (µs). */
  sdkDefaultMicroseconds: number
}

/**
 * Links signed before the clock starts, so that V8 has optimized the path: up to 5,000 (the fast
 * path needs about that many), or as many as fit in half a second (the SDK's default path).
 */
const WARMUP_LINKS = 5_000
const WARMUP_MS = 500
export const REGION = 'eu-west-2'
export const BUCKET = 'bench-reports'
export const PROFILE = 'bench'

export const keyOf = (i: number) => `reports/2026/quarter ${i % 4}/résumé ${i}.pdf`

/** The app's services over a throwaway profile and a registry in a temp folder. */
export function openBenchServices() {
  const folder = mkdtempSync(join(tmpdir(), 's3sm-bench-'))
  const paths = { configFile: join(folder, 'config'), credentialsFile: join(folder, 'credentials') }
  writeFileSync(paths.configFile, `[profile ${PROFILE}]\nregion = ${REGION}\n`)
  writeFileSync(
    paths.credentialsFile,
    `[${PROFILE}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`
  )
  // The SDK's default chain must find exactly these files, and nothing from the environment.
  const savedEnv = { ...process.env }
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name]
  process.env.AWS_CONFIG_FILE = paths.configFile
  process.env.AWS_SHARED_CREDENTIALS_FILE = paths.credentialsFile
  process.env.AWS_PROFILE = PROFILE

  const profiles = createProfileService({ readConfigFiles: () => readConfigFiles(paths), env: {} })
  const credentials = createCredentialCache({
    providerFor: sdkProviderFor({ paths, profiles }),
    clock: { now: () => Date.now() }
  })
  const gateway = createS3Gateway({ profiles, credentials })
  const regions = { regionOf: async () => REGION }
  const repository = openLinkDatabase({ dir: join(folder, 'user-data') })
  const links = createLinkService({ repository })
  const signing = createSigningService({ profiles, regions, credentials, gateway, links })
  const jobs = createJobRunner()
  const bulk = createBulkLinkService({ signing, links, gateway, regions, jobs })
  return {
    gateway,
    repository,
    links,
    signing,
    jobs,
    bulk,
    close() {
      gateway.invalidate()
      repository.close()
      process.env = savedEnv
      rmSync(folder, { recursive: true, force: true })
    }
  }
}

export type BenchServices = ReturnType<typeof openBenchServices>

export async function benchSigning(options: SigningBenchOptions): Promise<SigningBenchResult> {
  const { log } = options
  const services = openBenchServices()
  const { gateway, repository, signing, jobs, bulk } = services

  try {
    const target = { profileId: PROFILE, region: REGION }
    const fast = await gateway.presignerFor(target, BUCKET)
    const signingDate = new Date()
    const perLink: [string, (i: number) => Promise<string>][] = [
      [
        'fast presigner alone (per bucket, one signature per link)',
        (i) =>
          fast({
            key: keyOf(i),
            expiresInSeconds: 3600,
            responseContentDisposition: attachmentContentDisposition(`résumé ${i}.pdf`),
            signingDate
          })
      ],
      [
        'gateway.presignGet (reused client, getSignedUrl)',
        (i) =>
          gateway.presignGet(target, {
            bucket: BUCKET,
            key: keyOf(i),
            expiresInSeconds: 3600,
            responseContentDisposition: attachmentContentDisposition(`résumé ${i}.pdf`)
          })
      ],
      [
        'createDownloadLink (+ name, expiry, SQLite write)',
        async (i) =>
          (
            await signing.createDownloadLink({
              profileId: PROFILE,
              bucket: BUCKET,
              key: keyOf(i),
              expiresInSeconds: 3600
            })
          ).url
      ],
      [
        'SDK default: new S3Client + getSignedUrl per link',
        async (i) => {
          const client = new S3Client({ region: REGION })
          try {
            return await getSignedUrl(
              client,
              new GetObjectCommand({
                Bucket: BUCKET,
                Key: keyOf(i),
                ResponseContentDisposition: attachmentContentDisposition(`résumé ${i}.pdf`)
              }),
              { expiresIn: 3600 }
            )
          } finally {
            client.destroy()
          }
        }
      ]
    ]
    const micros: number[] = []
    for (const [name, sign] of perLink) {
      const value = await microsecondsPerLink(sign, options.links)
      micros.push(value)
      log(`${name.padEnd(58)} ${value.toFixed(1).padStart(8)} µs/link`)
    }

    // Warm, as the per-link paths are: V8 optimizes the job's path over the first few thousand.
    await bulkShare(bulk, jobs, 5_000)
    const rates: number[] = []
    for (let run = 0; run < options.bulkRuns; run += 1) {
      const started = performance.now()
      const final = await bulkShare(bulk, jobs, options.bulkObjects)
      const seconds = (performance.now() - started) / 1000
      if (final.state !== 'done' || final.done !== options.bulkObjects || final.failed !== 0) {
        throw new Error(`the bulk share ended ${final.state} with ${final.done} done`)
      }
      const batch = repository.getBatch(final.batchId!)
      if (batch?.linkCount !== options.bulkObjects) {
        throw new Error(`the batch holds ${batch?.linkCount} links, not ${options.bulkObjects}`)
      }
      rates.push(options.bulkObjects / seconds)
      log(
        `bulk share of ${options.bulkObjects.toLocaleString('en-US')} objects, run ${run + 1}`.padEnd(
          58
        ) +
          ` ${(seconds * 1000).toFixed(0).padStart(8)} ms (${Math.round(options.bulkObjects / seconds).toLocaleString('en-US')} links/s)`
      )
    }

    return {
      bulkLinksPerSecond: Math.round(median(rates)),
      sdkDefaultLinksPerSecond: Math.round(1e6 / micros[3]!),
      fastPresignMicroseconds: round1(micros[0]!),
      presignGetMicroseconds: round1(micros[1]!),
      singleLinkMicroseconds: round1(micros[2]!),
      sdkDefaultMicroseconds: round1(micros[3]!)
    }
  } finally {
    services.close()
  }
}

async function microsecondsPerLink(
  sign: (i: number) => Promise<string>,
  count: number
): Promise<number> {
  const warmupEnds = performance.now() + WARMUP_MS
  for (let i = 0; i < WARMUP_LINKS && performance.now() < warmupEnds; i += 1) await sign(i)
  const started = performance.now()
  for (let i = 0; i < count; i += 1) {
    const url = await sign(i)
    if (!url.includes('X-Amz-Signature=')) throw new Error(`not a signed URL: ${url}`)
  }
  return ((performance.now() - started) * 1000) / count
}

/** One bulk share of `count` selected keys, from start to its final state. */
export function bulkShare(
  bulk: ReturnType<typeof createBulkLinkService>,
  jobs: ReturnType<typeof createJobRunner>,
  count: number
): Promise<JobState> {
  const keys = Array.from({ length: count }, (_, i) => keyOf(i))
  return new Promise((resolve) => {
    let id: string | null = null
    const stop = jobs.onChange((state) => {
      if (state.id === id && state.state !== 'running') {
        stop()
        resolve(state)
      }
    })
    id = bulk.start({
      profileId: PROFILE,
      bucket: BUCKET,
      selection: { kind: 'keys', keys },
      expiresInSeconds: 3600,
      label: 'bench',
      downloadNameRule: 'object-name'
    }).id
  })
}

export function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
