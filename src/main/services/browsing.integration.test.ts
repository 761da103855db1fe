import type { S3Client } from '@aws-sdk/client-s3'
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  profileDirectory,
  swiftProfile,
  swiftSeedClient
} from '../../../test-support/swift-profiles'
import type { ProfileSummary } from '../../shared/models'
import { createS3Gateway } from '../adapters/s3-gateway'
import { createBrowsingService, type BrowsingService } from './browsing'
import type { CredentialSource, S3Gateway } from './ports'

const swift = inject('swift')
const suffix = Math.random().toString(36).slice(2, 10)
const bigBucket = `browsing-it-big-${suffix}`
const bucket = `browsing-it-${suffix}`
const OBJECT_COUNT = 2_500
const UPLOAD_CONCURRENCY = 16

function profile(id: string, overrides: Partial<ProfileSummary>): ProfileSummary {
  return swiftProfile(id, swift.endpoints['us-east-1']!, overrides)
}

let gateway: S3Gateway
let browsing: BrowsingService
let seed: S3Client
let locateCalls = 0

beforeAll(async () => {
  const profiles = [
    profile('swift', {}),
    // Its own region says us-east-1, but its endpoint lives in eu-west-2.
    profile('swift-eu', { endpointUrl: swift.endpoints['eu-west-2']! })
  ]
  const directory = profileDirectory(profiles)
  const credentials: CredentialSource = {
    async getCredentials() {
      return { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
    },
    invalidate() {}
  }
  const real = createS3Gateway({ profiles: directory, credentials })
  gateway = {
    ...real,
    locateBucket(profileId, name) {
      locateCalls += 1
      return real.locateBucket(profileId, name)
    }
  }
  browsing = createBrowsingService({ profiles: directory, gateway })

  seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  await seed.send(new CreateBucketCommand({ Bucket: bigBucket }))
  await Promise.all(
    [
      'zebra.txt',
      'Zulu.txt',
      'apple.txt',
      'b-folder/x',
      'A-folder/x',
      'm-folder/',
      '～.txt',
      '😀.txt'
    ]
      .concat(['dots/./single.txt', 'dots/../double.txt'])
      .map((key) => put(bucket, key))
  )
}, 120_000)

afterAll(() => {
  gateway?.invalidate()
  seed?.destroy()
})

function put(name: string, key: string) {
  return seed.send(new PutObjectCommand({ Bucket: name, Key: key, Body: key }))
}

/** Runs `task` for every item, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!
      await task(item)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
}

describe('browsing a bucket', () => {
  it('shows folders first, then objects, each in S3 byte order', async () => {
    const page = await browsing.listObjects({ profileId: 'swift', bucket, prefix: '' })

    expect(page.folders.map((folder) => folder.name)).toEqual([
      'A-folder',
      'b-folder',
      'dots',
      'm-folder'
    ])
    expect(page.objects.map((object) => object.name)).toEqual([
      'Zulu.txt',
      'apple.txt',
      'zebra.txt',
      '～.txt',
      '😀.txt'
    ])
  })

  it('shows an empty folder (only its marker object) as empty', async () => {
    const page = await browsing.listObjects({ profileId: 'swift', bucket, prefix: 'm-folder/' })

    expect(page.folders).toEqual([])
    expect(page.objects).toEqual([])
  })

  it('lists and describes keys with . and .. path segments as they are', async () => {
    const page = await browsing.listObjects({ profileId: 'swift', bucket, prefix: 'dots/' })
    // By name '.' comes before '..', although S3 lists 'dots/../' before 'dots/./'.
    expect(page.folders.map((folder) => [folder.name, folder.prefix])).toEqual([
      ['.', 'dots/./'],
      ['..', 'dots/../']
    ])

    for (const key of ['dots/./single.txt', 'dots/../double.txt']) {
      const details = await browsing.headObject({ profileId: 'swift', bucket, key })
      expect(details.key).toBe(key)
      expect(details.size).toBe(key.length)
    }
  })

  it('finds the bucket region once and reuses it', async () => {
    locateCalls = 0

    expect(await browsing.regionOf('swift-eu', bucket)).toBe('eu-west-2')
    const page = await browsing.listObjects({ profileId: 'swift-eu', bucket, prefix: '' })
    const details = await browsing.headObject({ profileId: 'swift-eu', bucket, key: 'apple.txt' })

    expect(page.objects.length).toBeGreaterThan(0)
    expect(details.region).toBe('eu-west-2')
    expect(locateCalls).toBe(1)
  })

  it(`pages through ${OBJECT_COUNT} objects: every key exactly once, 1,000 a page`, async () => {
    const keys = Array.from(
      { length: OBJECT_COUNT },
      (_, i) => `many/item-${String(i).padStart(5, '0')}.txt`
    )
    const uploadStarted = performance.now()
    await eachLimited(keys, UPLOAD_CONCURRENCY, (key) => put(bigBucket, key))
    const uploadMs = performance.now() - uploadStarted

    const listStarted = performance.now()
    const seen: string[] = []
    let pages = 0
    let token: string | null = null
    do {
      const page = await browsing.listObjects({
        profileId: 'swift',
        bucket: bigBucket,
        prefix: 'many/',
        token
      })
      pages += 1
      expect(page.folders).toEqual([])
      seen.push(...page.objects.map((object) => object.key))
      token = page.nextToken
    } while (token !== null)
    const listMs = performance.now() - listStarted

    expect(pages).toBe(3)
    expect(seen).toHaveLength(OBJECT_COUNT)
    expect(new Set(seen).size).toBe(OBJECT_COUNT)
    expect([...seen].sort()).toEqual(keys)
    console.info(
      `${OBJECT_COUNT} objects: upload ${Math.round(uploadMs)} ms (${UPLOAD_CONCURRENCY} at a time), listing ${pages} pages ${Math.round(listMs)} ms`
    )
  }, 180_000)
})
