import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { confPreferencesBackend } from '../../src/main/adapters/preferences-store'
import { createAppServices, type AppServices } from '../../src/main/app-services'
import { launchRenderer, type RendererHost } from './renderer-host'
import { STAND_IN_SECRET_MARKERS } from '../../test-support/aws-stand-ins'
import { swiftSeedClient } from '../../test-support/swift-profiles'
import { startSwiftServer, type SwiftServer } from '../../test-support/swift-server'

/** A session token the e2e profile carries, so the run can check it never reaches the page. */
export const E2E_SESSION_TOKEN = 'e2e-session-token-FwoGZXIvYXdzEKr//////////wEaDE2E'

/** How long the `swift-session` profile's credentials live. */
export const SHORT_SESSION_MINUTES = 40

export interface SeedObject {
  bucket: string
  key: string
  body: string | Uint8Array
  contentType?: string
  metadata?: Record<string, string>
}

export interface AppFixture {
  swift: SwiftServer
  services: AppServices
  /** Everything the app put on the clipboard, in order. */
  clipboard: string[]
  /** Every URL the app asked the system to open. */
  opened: string[]
  /** Files the app saved through its save dialog (which the fixture answers with a temp path). */
  saved: Array<{ path: string; content: string }>
  /** The app's user-data folder (the link registry, preferences). */
  userDataDir: string
  /** A client for the test itself, to seed and check objects. */
  s3: S3Client
  home: string
  stop(): Promise<void>
}

/**
 * A fresh world for one e2e spec: its own Swift server, AWS config files and user-data folder,
 * and the app's real services over them.
 */
export interface FixtureOptions {
  /** Starts as a first run: no AWS config or credentials file (the app may create them). */
  emptyAwsConfig?: boolean
  /** More lines for the config and credentials files: the profiles a spec adds. */
  extraConfig?: (swift: SwiftServer) => string[]
  extraCredentials?: (swift: SwiftServer) => string[]
  /** The STS, SSO and SSO OIDC stand-ins' endpoint (`test-support/aws-stand-ins.ts`), once started. */
  awsEndpoint?: () => string
}

export async function startAppFixture(
  seed: SeedObject[],
  options: FixtureOptions = {}
): Promise<AppFixture> {
  const swift = await startSwiftServer({ locations: ['us-east-1'] })
  const home = await mkdtemp(join(tmpdir(), 's3sm-e2e-'))
  const configFile = join(home, 'config')
  const credentialsFile = join(home, 'credentials')
  // Temporary credentials that end in 40 minutes, like an SSO or assume-role session.
  const credentialProcess = join(home, 'short-session.mjs')
  await writeFile(
    credentialProcess,
    `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(swift.accessKeyId)}, ` +
      `SecretAccessKey: ${JSON.stringify(swift.secretAccessKey)}, SessionToken: ${JSON.stringify(E2E_SESSION_TOKEN)}, ` +
      `Expiration: new Date(Date.now() + ${SHORT_SESSION_MINUTES} * 60000).toISOString() }))\n`
  )
  await writeFile(
    configFile,
    [
      '[default]',
      'region = eu-west-1',
      '',
      '[profile swift-local]',
      'region = us-east-1',
      `endpoint_url = ${swift.endpoint}`,
      's3 =',
      '  addressing_style = path',
      '',
      '[profile swift-session]',
      'region = us-east-1',
      `endpoint_url = ${swift.endpoint}`,
      `credential_process = "${process.execPath}" "${credentialProcess}"`,
      's3 =',
      '  addressing_style = path',
      '',
      '[profile prod-sso]',
      'sso_session = acme',
      'sso_account_id = 123456789012',
      'sso_role_name = ReadOnly',
      'region = eu-west-2',
      '',
      '[sso-session acme]',
      'sso_start_url = https://acme.awsapps.com/start',
      'sso_region = eu-west-2',
      '',
      '[profile deploy]',
      'role_arn = arn:aws:iam::123456789012:role/deploy',
      'source_profile = swift-local',
      'region = us-west-2',
      '',
      ...(options.extraConfig?.(swift) ?? [])
    ].join('\n')
  )
  await writeFile(
    credentialsFile,
    [
      '[default]',
      'aws_access_key_id = AKIAEXAMPLEDEFAULT01',
      'aws_secret_access_key = default-secret-never-shown',
      '',
      '[swift-local]',
      `aws_access_key_id = ${swift.accessKeyId}`,
      `aws_secret_access_key = ${swift.secretAccessKey}`,
      `aws_session_token = ${E2E_SESSION_TOKEN}`,
      '',
      ...(options.extraCredentials?.(swift) ?? [])
    ].join('\n')
  )

  if (options.emptyAwsConfig) await Promise.all([rm(configFile), rm(credentialsFile)])

  const s3 = swiftSeedClient(swift)
  const buckets = [...new Set(seed.map((object) => object.bucket))]
  for (const bucket of buckets) await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  for (let i = 0; i < seed.length; i += 16) {
    await Promise.all(
      seed.slice(i, i + 16).map((object) =>
        s3.send(
          new PutObjectCommand({
            Bucket: object.bucket,
            Key: object.key,
            Body: object.body,
            ContentType: object.contentType,
            Metadata: object.metadata
          })
        )
      )
    )
  }

  const clipboard: string[] = []
  const opened: string[] = []
  const saved: Array<{ path: string; content: string }> = []
  const userDataDir = join(home, 'user-data')
  const downloads = join(home, 'downloads')
  await mkdir(userDataDir, { recursive: true })
  await mkdir(downloads, { recursive: true })
  const services = createAppServices({
    env: {
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      ...(options.emptyAwsConfig ? {} : { AWS_PROFILE: 'swift-local' })
    },
    userDataDir,
    preferences: confPreferencesBackend(userDataDir),
    clipboard: { writeText: (text) => void clipboard.push(text) },
    openExternal: async (url) => void opened.push(url),
    ...(options.awsEndpoint ? { awsEndpoint: options.awsEndpoint() } : {}),
    // The save dialog, answered as a user who accepts the suggested name would.
    saveTextFile: async ({ defaultName, content }) => {
      const path = join(downloads, `${saved.length + 1}-${defaultName}`)
      await writeFile(path, content)
      saved.push({ path, content })
      return path
    }
  })

  return {
    swift,
    services,
    clipboard,
    opened,
    saved,
    userDataDir,
    s3,
    home,
    async stop() {
      services.close()
      s3.destroy()
      await swift.stop()
      await rm(home, { recursive: true, force: true })
    }
  }
}

/** Secrets of the e2e profile that must never reach the page outside a pre-signed URL. */
export function e2eSecrets(fixture: AppFixture): { secretAccessKey: string; scrubbed: string[] } {
  return {
    secretAccessKey: fixture.swift.secretAccessKey,
    scrubbed: [
      fixture.swift.accessKeyId,
      E2E_SESSION_TOKEN,
      'default-secret-never-shown',
      // SSO access and refresh tokens, OIDC client secrets, device codes, role session tokens
      // and temporary keys from the AWS stand-ins all carry one of these.
      ...STAND_IN_SECRET_MARKERS
    ]
  }
}

/**
 * Fails when any secret of the e2e profiles appears in what the renderer received.
 *
 * A pre-signed URL necessarily carries the access key id and the session token in its
 * `X-Amz-*` query parameters (that is what the recipient needs), so those parameters are
 * removed before the search; the secret access key may appear nowhere at all.
 */
export function findLeakedSecrets(fixture: AppFixture, traffic: string[]): string[] {
  const { secretAccessKey, scrubbed } = e2eSecrets(fixture)
  const leaks: string[] = []
  for (const message of traffic) {
    if (message.includes(secretAccessKey))
      leaks.push(`secret access key in ${message.slice(0, 80)}`)
    const withoutSignedParams = message.replace(/X-Amz-[A-Za-z-]+=[^&"\s]*/g, '')
    for (const secret of scrubbed) {
      for (const form of [secret, encodeURIComponent(secret)]) {
        if (withoutSignedParams.includes(form))
          leaks.push(`${secret.slice(0, 6)}… in ${message.slice(0, 80)}`)
      }
    }
  }
  return leaks
}

/**
 * The fixture with the built renderer running against it in Chromium, for one describe block:
 * started before its first test and stopped after its last.
 */
export function useApp(
  seed: SeedObject[],
  options: FixtureOptions = {}
): { fixture: AppFixture; host: RendererHost } {
  const app = {} as { fixture: AppFixture; host: RendererHost }
  beforeAll(async () => {
    app.fixture = await startAppFixture(seed, options)
    app.host = await launchRenderer({
      dispatch: (channel, args) => app.fixture.services.router.dispatch(channel, args),
      subscribe: (emit) => app.fixture.services.subscribe(emit)
    })
  })
  afterAll(async () => {
    try {
      await app.host?.close()
    } finally {
      await app.fixture?.stop()
    }
  })
  return app
}
