/**
 * What one pre-signed GET link costs: the app's path against the SDK's default path.
 *
 *   node bench/signing.ts [links]      (Node 24: runs the TypeScript as it is)
 *
 * - app: the real gateway, one S3 client reused per (profile, region, endpoint), credentials
 *   resolved once by the credential cache; and the whole signing service on top of it.
 * - SDK default: a new S3Client per link + getSignedUrl, as most examples do; each client runs
 *   the default credential chain again (the SDK keeps the shared files' text in memory).
 *
 * No network: signing is local. Credentials come from a throwaway `credentials` file.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The sources import each other without extensions (bundler style); let Node find the `.ts`.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context)
    } catch (error) {
      if (!specifier.startsWith('.')) throw error
      return nextResolve(`${specifier}.ts`, context)
    }
  }
})

const { readConfigFiles } = await import('../src/main/adapters/aws-config-files.ts')
const { sdkProviderFor } = await import('../src/main/adapters/aws-credentials.ts')
const { createS3Gateway } = await import('../src/main/adapters/s3-gateway.ts')
const { createCredentialCache } = await import('../src/main/services/credential-cache.ts')
const { createLinkService } = await import('../src/main/services/links.ts')
const { createProfileService } = await import('../src/main/services/profiles.ts')
const { createSigningService } = await import('../src/main/services/signing.ts')
const { attachmentContentDisposition } = await import('../src/shared/content-disposition.ts')

const LINKS = Number(process.argv[2] ?? 2000)
const WARMUP = 200
const REGION = 'eu-west-2'
const BUCKET = 'bench-reports'
const PROFILE = 'bench'

const folder = mkdtempSync(join(tmpdir(), 's3sm-bench-'))
const paths = { configFile: join(folder, 'config'), credentialsFile: join(folder, 'credentials') }
writeFileSync(paths.configFile, `[profile ${PROFILE}]\nregion = ${REGION}\n`)
writeFileSync(
  paths.credentialsFile,
  `[${PROFILE}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`
)
// The SDK's default chain must find exactly these files, and nothing from the environment.
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
const registry = {
  all: () => [],
  add() {},
  remove: () => false,
  replaceAll() {},
  recoveredFrom: null
}
const signing = createSigningService({
  profiles,
  regions: { regionOf: async () => REGION },
  credentials,
  gateway,
  // An in-memory registry that keeps nothing: this measures signing, not the disk.
  links: createLinkService({ repository: registry })
})

const keyOf = (i: number) => `reports/2026/quarter ${i % 4}/résumé ${i}.pdf`
const disposition = (i: number) => attachmentContentDisposition(`résumé ${i}.pdf`)

const contenders: Record<string, (i: number) => Promise<string>> = {
  'app: gateway.presignGet (reused client, cached credentials)': (i) =>
    gateway.presignGet(
      { profileId: PROFILE, region: REGION },
      {
        bucket: BUCKET,
        key: keyOf(i),
        expiresInSeconds: 3600,
        responseContentDisposition: disposition(i)
      }
    ),
  'app: signing service (+ name, expiry, registry)': async (i) =>
    (
      await signing.createDownloadLink({
        profileId: PROFILE,
        bucket: BUCKET,
        key: keyOf(i),
        expiresInSeconds: 3600
      })
    ).url,
  'SDK default: new S3Client + getSignedUrl per link': async (i) => {
    const client = new S3Client({ region: REGION })
    try {
      return await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: BUCKET,
          Key: keyOf(i),
          ResponseContentDisposition: disposition(i)
        }),
        { expiresIn: 3600 }
      )
    } finally {
      client.destroy()
    }
  }
}

async function measure(sign: (i: number) => Promise<string>): Promise<number> {
  for (let i = 0; i < WARMUP; i += 1) await sign(i)
  const started = performance.now()
  for (let i = 0; i < LINKS; i += 1) {
    const url = await sign(i)
    if (!url.includes('X-Amz-Signature=')) throw new Error(`not a signed URL: ${url}`)
  }
  return ((performance.now() - started) * 1000) / LINKS
}

try {
  console.log(`Node ${process.version}, ${LINKS} links per path (after ${WARMUP} warm-up links)\n`)
  const results: [string, number][] = []
  for (const [name, sign] of Object.entries(contenders)) {
    const microseconds = await measure(sign)
    results.push([name, microseconds])
    console.log(`${name.padEnd(56)} ${microseconds.toFixed(0).padStart(7)} µs/link`)
  }
  const ours = results[0]![1]
  const sdk = results.at(-1)![1]
  console.log(`\nSDK default / app gateway: ${(sdk / ours).toFixed(1)}x`)
} finally {
  gateway.invalidate()
  rmSync(folder, { recursive: true, force: true })
}
