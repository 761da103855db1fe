import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { startAwsStandIns, type AwsStandIns } from '../../../test-support/aws-stand-ins'
import { swiftSeedClient } from '../../../test-support/swift-profiles'
import { expectLinkServes } from '../../../test-support/expect-link'
import { createCoreServices, type CoreServices } from '../core-services'
import { createWindowPrompter } from '../services/prompts'

const swift = inject('swift')
const SWIFT_KEY = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const BASE = { accessKeyId: 'AKIASTANDINBASE00001', secretAccessKey: 'base-secret-for-sts' }
const MFA_ROLE = 'arn:aws:iam::123456789012:role/swift-admin'
const CHAINED_ROLE = 'arn:aws:iam::210987654321:role/swift-reader'
const INTERMEDIATE_ROLE = 'arn:aws:iam::123456789012:role/intermediate'
const MFA = 'arn:aws:iam::123456789012:mfa/dev-phone'
const CODE = '771204'
const bucket = `credential-kinds-${Math.random().toString(36).slice(2, 10)}`
const KEY = 'reports/Q3 résumé.txt'
const BODY = 'every profile kind can share this'

/** The Swift endpoint, path style, as each profile points at it. */
const atSwift = `endpoint_url = ${swift.endpoint}\ns3 =\n  addressing_style = path\n`

const CONFIG = `[profile static]
region = us-east-1
${atSwift}
[profile sso-swift]
sso_session = acme
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
${atSwift}
[sso-session acme]
sso_start_url = https://acme.awsapps.com/start
sso_region = eu-west-2
sso_registration_scopes = sso:account:access

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
${atSwift}
[profile base]
region = us-east-1

[profile mfa-swift]
role_arn = ${MFA_ROLE}
source_profile = base
mfa_serial = ${MFA}
region = us-east-1
${atSwift}
[profile intermediate]
role_arn = ${INTERMEDIATE_ROLE}
source_profile = base
mfa_serial = ${MFA}

[profile chained-swift]
role_arn = ${CHAINED_ROLE}
source_profile = intermediate
external_id = swift-7731
role_session_name = chained-session
duration_seconds = 900
region = us-east-1
${atSwift}
[profile sso-role-swift]
role_arn = ${MFA_ROLE}
source_profile = sso-swift
mfa_serial = ${MFA}
region = us-east-1
${atSwift}
[profile base-ñ]
region = us-east-1

[profile café-admin]
role_arn = ${MFA_ROLE}
source_profile = base-ñ
mfa_serial = ${MFA}
role_session_name = café-session
duration_seconds = 900
region = us-east-1
${atSwift}
[profile équipe-sso]
sso_session = équipe
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
${atSwift}
[sso-session équipe]
sso_start_url = https://equipe.awsapps.com/start
sso_region = eu-west-3
`

const CREDENTIALS = `[static]
aws_access_key_id = ${SWIFT_KEY.accessKeyId}
aws_secret_access_key = ${SWIFT_KEY.secretAccessKey}

[base]
aws_access_key_id = ${BASE.accessKeyId}
aws_secret_access_key = ${BASE.secretAccessKey}

[base-ñ]
aws_access_key_id = ${BASE.accessKeyId}
aws_secret_access_key = ${BASE.secretAccessKey}
`

let standIns: AwsStandIns
let home = ''
let core: CoreServices
const mfaQuestions: string[] = []

beforeAll(async () => {
  standIns = await startAwsStandIns({
    callers: [BASE, SWIFT_KEY],
    roles: {
      [MFA_ROLE]: { mfaSerial: MFA, credentials: SWIFT_KEY },
      [INTERMEDIATE_ROLE]: { mfaSerial: MFA },
      [CHAINED_ROLE]: { externalId: 'swift-7731', credentials: SWIFT_KEY }
    },
    mfaCodes: { [MFA]: CODE },
    ssoRoleCredentials: SWIFT_KEY
  })
  home = mkdtempSync(join(tmpdir(), 's3sm-kinds-'))
  mkdirSync(join(home, '.aws'))
  mkdirSync(join(home, 'user-data'))
  writeFileSync(join(home, '.aws', 'config'), CONFIG)
  writeFileSync(join(home, '.aws', 'credentials'), CREDENTIALS)
  const env = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials')
  }
  // The SDK reads the SSO token cache (and chained profiles) from the process environment.
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)

  // The window: answers every MFA question with the device's code.
  const prompter = createWindowPrompter()
  prompter.attach({
    show: (request) => {
      if (request.kind !== 'mfa-code') return
      mfaQuestions.push(request.profileId)
      queueMicrotask(() => prompter.answer(request.id, { kind: 'mfa-code', code: CODE }))
    },
    settled: () => undefined
  })
  core = createCoreServices({
    env,
    userDataDir: join(home, 'user-data'),
    prompter,
    // The user's browser: loads the approval page, where they choose Allow.
    openExternal: async (url) => void (await fetch(url)),
    awsEndpoint: standIns.endpoint
  })

  const seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  await seed.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: BODY }))
  seed.destroy()
})

afterAll(async () => {
  core?.close()
  await standIns?.stop()
  vi.unstubAllEnvs()
  rmSync(home, { recursive: true, force: true })
})

describe('every kind of profile browses and shares against a real S3 server', () => {
  it.each([
    ['static', 'static keys'],
    ['sso-swift', 'SSO (sso-session), signed in in the app'],
    ['legacy-sso', 'SSO (legacy sso_start_url), signed in in the app'],
    ['mfa-swift', 'assume-role with MFA'],
    ['chained-swift', 'a role chained from an MFA role, with external_id'],
    ['sso-role-swift', 'a role with MFA whose source is an SSO profile'],
    // Names the JS SDK's parser drops and the AWS CLI reads.
    ['café-admin', 'a role with MFA, named outside ASCII, whose source is too'],
    ['équipe-sso', 'SSO (sso-session, named outside ASCII too), signed in in the app']
  ])('%s: %s', async (profileId) => {
    // The last two must not reach the SDK's `fromIni`, which cannot find them by name.
    const outsideAscii = /[^\x20-\x7e]/.test(profileId)
    expect(core.profiles.settingsOf(profileId)?.sdkReadable).toBe(!outsideAscii)
    const status = core.sso.status(profileId)
    if (status !== null && status.state !== 'signed-in') {
      await expect(core.browsing.listBuckets(profileId)).rejects.toMatchObject({
        code: 'credentials-expired'
      })
      await core.sso.signIn(profileId)
    }

    const buckets = await core.browsing.listBuckets(profileId)
    expect(buckets.map((entry) => entry.name)).toContain(bucket)
    const link = await core.signing.createDownloadLink({
      profileId,
      bucket,
      key: KEY,
      expiresInSeconds: 600
    })
    await expectLinkServes(link.url, SWIFT_KEY, BODY)
  })

  it('asked for an MFA code once per role session, however many calls were made', () => {
    expect(mfaQuestions).toEqual(['mfa-swift', 'chained-swift', 'sso-role-swift', 'café-admin'])
  })
})
