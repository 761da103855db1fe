import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { swiftSeedClient } from '../../../test-support/swift-profiles'
import { expectLinkServes } from '../../../test-support/expect-link'
import type { ProfileDraft } from '../../shared/models'
import { configFileStore } from '../adapters/aws-config-files'
import { createConnectionTester } from '../adapters/connection-test'
import { createCoreServices, type CoreServices } from '../core-services'
import { createProfileEditor, type ProfileEditor } from './profile-editor'

const swift = inject('swift')
const suffix = Math.random().toString(36).slice(2, 10)
const bucket = `profiles-it-${suffix}`
const KEY = 'reports/Résumé 2024.txt'
const BODY = 'shared through a profile added in the app'

let home: string
let core: CoreServices
let editor: ProfileEditor

/** A MinIO-style profile for the Swift server, as the form fills it in. */
function swiftDraft(name: string, secretAccessKey = swift.secretAccessKey): ProfileDraft {
  return {
    name,
    region: 'us-east-1',
    endpointUrl: swift.endpoint,
    addressingStyle: 'path',
    credentials: { kind: 'keys', accessKeyId: swift.accessKeyId, secretAccessKey, sessionToken: '' }
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 's3sm-profiles-it-'))
  // The user's own files, with a comment, before the app adds anything.
  await writeFile(join(home, 'config'), '# mine\n[default]\nregion = eu-west-1\n')
  core = createCoreServices({
    env: {
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials')
    },
    userDataDir: join(home, 'user-data')
  })
  editor = createProfileEditor({
    paths: core.paths,
    files: configFileStore,
    profiles: core.profiles,
    credentials: core.credentials,
    caches: [core.credentials, core.gateway, core.browsing],
    testConnection: createConnectionTester()
  })
  const seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  await seed.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: BODY }))
  seed.destroy()
})

afterAll(async () => {
  core?.close()
  await rm(home, { recursive: true, force: true })
})

describe('the connection test of a draft', () => {
  it('lists buckets with good keys, and heads a named bucket', async () => {
    expect(await editor.test({ draft: swiftDraft('minio') })).toEqual({
      outcome: 'passed',
      check: 'list-buckets',
      code: null,
      message: expect.stringMatching(
        new RegExp(`^Connected to ${swift.endpoint}: the keys work and see \\d+ buckets?\\.$`)
      )
    })
    expect(await editor.test({ draft: swiftDraft('minio'), bucket })).toEqual({
      outcome: 'passed',
      check: 'head-bucket',
      code: null,
      message: `Connected to ${swift.endpoint}: bucket \`${bucket}\` answered (region us-east-1).`
    })
  })

  it('says exactly what failed: a wrong secret, a bucket that is not there, no server', async () => {
    const wrongSecret = await editor.test({ draft: swiftDraft('minio', 'not-the-secret') })
    expect(wrongSecret).toMatchObject({ outcome: 'failed', check: 'list-buckets' })
    expect(wrongSecret.message).toMatch(
      new RegExp(
        `^ListBuckets on ${swift.endpoint} failed: .*SignatureDoesNotMatch.*secret access key`
      )
    )
    expect(wrongSecret.message).not.toContain('not-the-secret')
    expect(wrongSecret.message).not.toContain('name one and test again')

    const missing = await editor.test({ draft: swiftDraft('minio'), bucket: `${bucket}-nope` })
    expect(missing).toMatchObject({
      outcome: 'failed',
      check: 'head-bucket',
      code: 'no-such-bucket'
    })
    expect(missing.message).toMatch(
      new RegExp(`^HeadBucket on \`${bucket}-nope\` on ${swift.endpoint} failed: `)
    )

    const nowhere = await editor.test({
      draft: { ...swiftDraft('minio'), endpointUrl: 'http://127.0.0.1:9' }
    })
    expect(nowhere).toMatchObject({ outcome: 'failed', code: 'endpoint-unreachable' })
  })
})

describe('a profile whose name the AWS SDK refuses', () => {
  it('is listed, browses and shares once added in the app', async () => {
    const snapshot = editor.save({ draft: swiftDraft('équipe-données') })
    expect(snapshot.profiles.map((profile) => profile.id)).toEqual(['default', 'équipe-données'])

    const buckets = await core.browsing.listBuckets('équipe-données')
    expect(buckets.map((entry) => entry.name)).toContain(bucket)
    const page = await core.browsing.listObjects({
      profileId: 'équipe-données',
      bucket,
      prefix: 'reports/',
      token: null
    })
    expect(page.objects.map((object) => object.key)).toEqual([KEY])

    const link = await core.signing.createDownloadLink({
      profileId: 'équipe-données',
      bucket,
      key: KEY,
      expiresInSeconds: 600
    })
    await expectLinkServes(link.url, swift, BODY)
  })

  it('runs its credential_process through the app, with the profile picker state', async () => {
    const script = join(home, 'swift-creds.mjs')
    await writeFile(
      script,
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(swift.accessKeyId)}, ` +
        `SecretAccessKey: ${JSON.stringify(swift.secretAccessKey)}, SessionToken: 'tok', ` +
        `Expiration: new Date(Date.now() + 3600000).toISOString() }))\n`
    )
    const config = configFileStore.read(join(home, 'config'))
    await writeFile(
      join(home, 'config'),
      `${config}\n[profile 処理]\nregion = us-east-1\nendpoint_url = ${swift.endpoint}\n` +
        `credential_process = "${process.execPath}" "${script}"\ns3 =\n  addressing_style = path\n`
    )
    core.profiles.reload()

    const page = await core.browsing.listObjects({
      profileId: '処理',
      bucket,
      prefix: '',
      token: null
    })
    expect(page.folders.map((folder) => folder.prefix)).toEqual(['reports/'])
    expect(await core.credentials.sessionState('処理')).toMatchObject({
      state: 'active',
      temporary: true,
      expiresAt: expect.stringMatching(/Z$/)
    })
  })
})
