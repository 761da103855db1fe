import type { S3Client } from '@aws-sdk/client-s3'
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freePorts } from '../../../test-support/free-ports'
import {
  profileDirectory,
  swiftProfile,
  swiftSeedClient
} from '../../../test-support/swift-profiles'
import { AppError } from '../../shared/errors'
import type { ObjectPage, ProfileSummary } from '../../shared/models'
import type { CredentialSource, S3Gateway, S3Target } from '../services/ports'
import { createS3Gateway } from './s3-gateway'

const swift = inject('swift')
const usEndpoint = swift.endpoints['us-east-1']!
const euEndpoint = swift.endpoints['eu-west-2']!
const bucket = `s3-gateway-it-${Math.random().toString(36).slice(2, 10)}`

/** Keys S3 allows and naive code mangles: each must come back byte for byte. */
const awkwardKeys = [
  'with space.txt',
  'trailing space.txt ',
  'ünïcödé 文件.txt',
  '😀 emoji.txt',
  `plus+hash#question?amp&equals=percent%20quote'double".txt`,
  'double//slash.txt'
]

function profile(id: string, overrides: Partial<ProfileSummary>): ProfileSummary {
  return swiftProfile(id, usEndpoint, overrides)
}

let gateway: S3Gateway
let seed: S3Client
let closedPort: number
const us: S3Target = { profileId: 'swift', region: 'us-east-1' }

beforeAll(async () => {
  closedPort = (await freePorts(1))[0]!
  const profiles = [
    profile('swift', {}),
    profile('swift-eu', { endpointUrl: euEndpoint, region: 'eu-west-2' }),
    // Starts its search in the wrong region: the server has to tell it where to go.
    profile('swift-eu-no-region', { endpointUrl: euEndpoint, region: null }),
    profile('wrong-secret', {}),
    profile('unreachable', { endpointUrl: `http://127.0.0.1:${closedPort}` })
  ]
  const directory = profileDirectory(profiles)
  const credentials: CredentialSource = {
    async getCredentials(profileId) {
      return {
        accessKeyId: swift.accessKeyId,
        secretAccessKey: profileId === 'wrong-secret' ? 'not-the-secret' : swift.secretAccessKey
      }
    },
    invalidate() {}
  }
  gateway = createS3Gateway({ profiles: directory, credentials })

  seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
  const keys = [
    ...awkwardKeys,
    'b-object.txt',
    'a-object.txt',
    'photos/',
    'photos/cat.jpg',
    'zoo/animals.txt',
    'docs/readme.md',
    'a/b/c/d/e/leaf.txt',
    'a/b/c/d/sibling.txt',
    'a/b/top.txt'
  ]
  await Promise.all(keys.map((key) => put(key, `body of ${key}`)))
  await put('report.pdf', 'pdf bytes', {
    ContentType: 'application/pdf',
    CacheControl: 'max-age=60',
    ContentDisposition: 'inline; filename="report.pdf"',
    Metadata: { owner: 'Finance Team', 'review-state': 'approved' }
  })
})

afterAll(() => {
  gateway?.invalidate()
  seed?.destroy()
})

function put(key: string, body: string, extra: Partial<PutObjectCommand['input']> = {}) {
  return seed.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...extra }))
}

function list(prefix: string, target: S3Target = us): Promise<ObjectPage> {
  return gateway.listObjects(target, { bucket, prefix, token: null })
}

describe('buckets', () => {
  it('lists the bucket with its creation date', async () => {
    const buckets = await gateway.listBuckets('swift')

    const mine = buckets.find((entry) => entry.name === bucket)
    expect(mine).toBeDefined()
    // Swift's s3api reports one fixed placeholder date for every bucket, but a valid one.
    expect(mine?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('finds the region each proxy reports: us-east-1 and eu-west-2', async () => {
    expect(await gateway.locateBucket('swift', bucket)).toBe('us-east-1')
    expect(await gateway.locateBucket('swift-eu', bucket)).toBe('eu-west-2')
  })

  it('finds the region even when it starts looking in the wrong one', async () => {
    expect(await gateway.locateBucket('swift-eu-no-region', bucket)).toBe('eu-west-2')
  })
})

describe('listing', () => {
  it('returns folders and objects of the top level, without the parent prefix', async () => {
    const page = await list('')

    expect(page.folders.map((folder) => [folder.prefix, folder.name])).toEqual([
      ['a/', 'a'],
      ['docs/', 'docs'],
      ['double/', 'double'],
      ['photos/', 'photos'],
      ['zoo/', 'zoo']
    ])
    expect(page.objects.map((object) => object.key)).toContain('a-object.txt')
    expect(page.nextToken).toBeNull()
    const object = page.objects.find((entry) => entry.key === 'a-object.txt')
    expect(object).toMatchObject({
      name: 'a-object.txt',
      size: 'body of a-object.txt'.length,
      storageClass: 'STANDARD',
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/)
    })
    expect(Date.parse(object?.lastModified ?? '')).not.toBeNaN()
  })

  it('leaves out the folder marker object of the folder being listed', async () => {
    const page = await list('photos/')

    expect(page.objects.map((object) => object.key)).toEqual(['photos/cat.jpg'])
    expect(page.objects[0]?.name).toBe('cat.jpg')
  })

  it('keeps awkward keys byte-exact in listings and details', async () => {
    const root = await list('')
    const listed = root.objects.map((object) => object.key)

    for (const key of awkwardKeys.filter((entry) => !entry.includes('/'))) {
      expect(listed).toContain(key)
      const details = await gateway.headObject(us, { bucket, key })
      expect(details.key).toBe(key)
      expect(details.size).toBe(Buffer.byteLength(`body of ${key}`))
    }
  })

  it('shows an empty-named folder for a double slash, and finds the object inside it', async () => {
    const double = await list('double/')
    expect(double.folders).toEqual([{ prefix: 'double//', name: '' }])

    const inner = await list('double//')
    expect(inner.objects.map((object) => [object.key, object.name])).toEqual([
      ['double//slash.txt', 'slash.txt']
    ])
    const details = await gateway.headObject(us, { bucket, key: 'double//slash.txt' })
    expect(details.size).toBe('body of double//slash.txt'.length)
  })

  it('walks nested folders five deep, down and back up', async () => {
    const path = ['a/', 'a/b/', 'a/b/c/', 'a/b/c/d/', 'a/b/c/d/e/']
    const seen: Record<string, { folders: string[]; objects: string[] }> = {}
    for (const prefix of ['', ...path]) {
      const page = await list(prefix)
      seen[prefix] = {
        folders: page.folders.map((folder) => folder.name),
        objects: page.objects.map((object) => object.name)
      }
    }

    expect(seen['a/']).toEqual({ folders: ['b'], objects: [] })
    expect(seen['a/b/']).toEqual({ folders: ['c'], objects: ['top.txt'] })
    expect(seen['a/b/c/']).toEqual({ folders: ['d'], objects: [] })
    expect(seen['a/b/c/d/']).toEqual({ folders: ['e'], objects: ['sibling.txt'] })
    expect(seen['a/b/c/d/e/']).toEqual({ folders: [], objects: ['leaf.txt'] })
    for (const prefix of [...path].reverse()) {
      const page = await list(prefix)
      expect(page.folders.map((folder) => folder.name)).toEqual(seen[prefix]?.folders)
      expect(page.objects.map((object) => object.name)).toEqual(seen[prefix]?.objects)
    }
  })

  it('pages with the page size and token it is given', async () => {
    const first = await gateway.listObjects(us, { bucket, prefix: '', token: null, pageSize: 3 })
    expect(first.folders.length + first.objects.length).toBe(3)
    expect(first.nextToken).not.toBeNull()

    const second = await gateway.listObjects(us, {
      bucket,
      prefix: '',
      token: first.nextToken,
      pageSize: 3
    })
    const names = (page: ObjectPage) => [
      ...page.folders.map((folder) => folder.prefix),
      ...page.objects.map((object) => object.key)
    ]
    expect(names(second)).toHaveLength(3)
    expect(names(second).filter((name) => names(first).includes(name))).toEqual([])
  })
})

describe('object details', () => {
  it('returns content type, metadata, caching and disposition headers', async () => {
    const details = await gateway.headObject(us, { bucket, key: 'report.pdf' })

    expect(details).toMatchObject({
      bucket,
      key: 'report.pdf',
      region: 'us-east-1',
      size: 'pdf bytes'.length,
      contentType: 'application/pdf',
      cacheControl: 'max-age=60',
      contentDisposition: 'inline; filename="report.pdf"',
      storageClass: 'STANDARD',
      metadata: { owner: 'Finance Team', 'review-state': 'approved' }
    })
    expect(details.etag).toMatch(/^"[0-9a-f]{32}"$/)
  })
})

describe('pre-signed GET URLs', () => {
  it('download awkward keys with the chosen file name', async () => {
    for (const key of ['with space.txt', '😀 emoji.txt', 'double//slash.txt', awkwardKeys[4]!]) {
      const url = await gateway.presignGet(us, {
        bucket,
        key,
        expiresInSeconds: 300,
        responseContentDisposition: 'attachment; filename="download.txt"'
      })

      const response = await fetch(url)
      expect(response.status, key).toBe(200)
      expect(await response.text()).toBe(`body of ${key}`)
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="download.txt"'
      )
    }
  })
})

describe('errors a user can act on', () => {
  it('says the bucket does not exist', async () => {
    const missing = `${bucket}-missing`

    await expect(
      gateway.listObjects(us, { bucket: missing, prefix: '', token: null })
    ).rejects.toMatchObject({ code: 'no-such-bucket', message: expect.stringContaining(missing) })
    await expect(gateway.locateBucket('swift', missing)).rejects.toMatchObject({
      code: 'no-such-bucket'
    })
  })

  it('says the object does not exist', async () => {
    await expect(gateway.headObject(us, { bucket, key: 'no such key.txt' })).rejects.toMatchObject({
      code: 'no-such-key'
    })
  })

  it('says the secret key is wrong, without leaking it', async () => {
    const target = { profileId: 'wrong-secret', region: 'us-east-1' }

    const error = await gateway
      .listObjects(target, { bucket, prefix: '', token: null })
      .catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'access-denied',
      message: expect.stringContaining('SignatureDoesNotMatch')
    })
    expect((error as AppError).message).not.toContain('not-the-secret')
    await expect(gateway.headObject(target, { bucket, key: 'report.pdf' })).rejects.toMatchObject({
      code: 'access-denied'
    })
    await expect(gateway.listBuckets('wrong-secret')).rejects.toMatchObject({
      code: 'access-denied'
    })
  })

  it('says which region the server expects when a request is signed for another', async () => {
    const target = { profileId: 'swift-eu', region: 'us-east-1' }

    await expect(
      gateway.listObjects(target, { bucket, prefix: '', token: null })
    ).rejects.toMatchObject({
      code: 'wrong-region',
      message: expect.stringContaining('`eu-west-2`')
    })
    await expect(gateway.headObject(target, { bucket, key: 'report.pdf' })).rejects.toMatchObject({
      code: 'wrong-region'
    })
  })

  it('fails fast when the endpoint is not listening', async () => {
    const started = Date.now()

    const error = await gateway.listBuckets('unreachable').catch((caught: unknown) => caught)

    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error).toMatchObject({
      code: 'endpoint-unreachable',
      message: expect.stringContaining(`Could not reach http://127.0.0.1:${closedPort}`)
    })
    await expect(gateway.locateBucket('unreachable', bucket)).rejects.toMatchObject({
      code: 'endpoint-unreachable'
    })
  })
})
