import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import type { ObjectPage, ObjectVersion, ProfileSummary } from '../../shared/models'
import { compareCodePoints, createBrowsingService, REGION_TTL_MS } from './browsing'
import type { BucketGetLinkSigner, Clock, ListedObject, ProfileDirectory, S3Gateway } from './ports'

interface Bucket {
  region: string
  keys: string[]
}

/** A tiny S3 in memory: buckets live in one region and refuse requests signed for another. */
class InMemoryS3 implements S3Gateway {
  readonly buckets = new Map<string, Bucket>()
  locateCalls = 0
  listCalls: string[] = []
  listSignals: (AbortSignal | undefined)[] = []
  locateFailure: AppError | null = null
  /** Lets a test hand back folders/objects in an order of its choosing. */
  pageOverride: ObjectPage | null = null

  addBucket(name: string, region: string, keys: string[] = []): void {
    this.buckets.set(name, { region, keys })
  }

  async listBuckets(): Promise<{ name: string; createdAt: string | null }[]> {
    return [...this.buckets.keys()].reverse().map((name) => ({ name, createdAt: null }))
  }

  async locateBucket(_profileId: string, bucket: string): Promise<string> {
    this.locateCalls += 1
    await Promise.resolve()
    if (this.locateFailure !== null) throw this.locateFailure
    return this.bucket(bucket).region
  }

  async listObjects(
    target: { profileId: string; region: string },
    request: { bucket: string; prefix: string; token: string | null },
    signal?: AbortSignal
  ): Promise<ObjectPage> {
    this.listCalls.push(target.region)
    this.listSignals.push(signal)
    const bucket = this.inRegion(request.bucket, target.region)
    if (this.pageOverride !== null) return this.pageOverride
    const objects = bucket.keys
      .filter((key) => key.startsWith(request.prefix))
      .map((key) => ({
        key,
        name: key.slice(request.prefix.length),
        size: 1,
        lastModified: null,
        storageClass: null,
        etag: null
      }))
    return { bucket: request.bucket, prefix: request.prefix, folders: [], objects, nextToken: null }
  }

  async headObject(
    target: { profileId: string; region: string },
    request: { bucket: string; key: string }
  ) {
    this.inRegion(request.bucket, target.region)
    return {
      bucket: request.bucket,
      key: request.key,
      region: target.region,
      size: 1,
      contentType: 'text/plain',
      etag: null,
      lastModified: null,
      storageClass: null,
      versionId: null,
      cacheControl: null,
      contentDisposition: null,
      metadata: {}
    }
  }

  async presignGet(): Promise<string> {
    return 'https://example.invalid/'
  }

  async presignerFor(): Promise<BucketGetLinkSigner> {
    return async () => 'https://example.invalid/'
  }

  async *listAllObjects(): AsyncIterable<ListedObject[]> {}

  // Upload links are not browsing's business (uploads.test.ts).
  presignUploadPut(): Promise<never> {
    return Promise.reject(new Error('not used'))
  }

  presignUploadPost(): Promise<never> {
    return Promise.reject(new Error('not used'))
  }

  async checkFormUploads(): Promise<void> {}

  async putObject(): Promise<void> {}

  async deleteObject(): Promise<void> {}

  async listObjectVersions(
    target: { profileId: string; region: string },
    request: { bucket: string; key: string }
  ): Promise<ObjectVersion[]> {
    this.listCalls.push(target.region)
    this.inRegion(request.bucket, target.region)
    return [
      {
        versionId: 'null',
        isLatest: true,
        isDeleteMarker: false,
        size: 1,
        lastModified: null,
        etag: null
      }
    ]
  }

  invalidate(): void {}

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name)
    if (bucket === undefined) throw new AppError('no-such-bucket', `No bucket ${name}`)
    return bucket
  }

  private inRegion(name: string, region: string): Bucket {
    const bucket = this.bucket(name)
    if (bucket.region !== region) {
      throw new AppError('wrong-region', `Bucket ${name} is in ${bucket.region}, not ${region}`)
    }
    return bucket
  }
}

function profileDirectory(region: string | null): ProfileDirectory {
  return {
    getProfile(profileId): ProfileSummary {
      return {
        id: profileId,
        name: profileId,
        kind: 'static',
        sources: [],
        region,
        endpointUrl: null,
        addressingStyle: 'auto',
        detail: null
      }
    }
  }
}

class FakeClock implements Clock {
  time = 1_000_000
  now(): number {
    return this.time
  }
}

function setup(options: { profileRegion?: string | null } = {}) {
  const s3 = new InMemoryS3()
  const clock = new FakeClock()
  const browsing = createBrowsingService({
    profiles: profileDirectory(options.profileRegion ?? 'us-east-1'),
    gateway: s3,
    clock
  })
  return { s3, clock, browsing }
}

describe('bucket regions', () => {
  it('asks where a bucket lives once, then reuses the answer for listing and details', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2', ['a.jpg'])

    await browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '' })
    await browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '', token: null })
    await browsing.headObject({ profileId: 'dev', bucket: 'photos', key: 'a.jpg' })

    expect(await browsing.regionOf('dev', 'photos')).toBe('eu-west-2')
    expect(s3.locateCalls).toBe(1)
    expect(s3.listCalls).toEqual(['eu-west-2', 'eu-west-2'])
  })

  it('shares one lookup between concurrent requests for the same bucket', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2')

    const answers = await Promise.all([
      browsing.regionOf('dev', 'photos'),
      browsing.regionOf('dev', 'photos'),
      browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '' })
    ])

    expect(answers.slice(0, 2)).toEqual(['eu-west-2', 'eu-west-2'])
    expect(s3.locateCalls).toBe(1)
  })

  it('keeps regions per profile, since two profiles may reach different stores', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2')

    await browsing.regionOf('dev', 'photos')
    await browsing.regionOf('prod', 'photos')

    expect(s3.locateCalls).toBe(2)
  })

  it('looks the region up again after an hour', async () => {
    const { s3, clock, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2')

    await browsing.regionOf('dev', 'photos')
    clock.time += REGION_TTL_MS - 1
    await browsing.regionOf('dev', 'photos')
    expect(s3.locateCalls).toBe(1)

    clock.time += 1
    await browsing.regionOf('dev', 'photos')
    expect(s3.locateCalls).toBe(2)
  })

  it('follows a bucket that moved to another region: re-locates once and retries', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'us-east-1', ['a.jpg'])
    await browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '' })

    s3.addBucket('photos', 'ap-southeast-2', ['b.jpg'])
    const page = await browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '' })

    expect(page.objects.map((object) => object.key)).toEqual(['b.jpg'])
    expect(s3.listCalls).toEqual(['us-east-1', 'us-east-1', 'ap-southeast-2'])
    expect(s3.locateCalls).toBe(2)
    expect(await browsing.regionOf('dev', 'photos')).toBe('ap-southeast-2')
  })

  it('lists an object’s versions in the bucket’s region, following a move', async () => {
    const { s3, browsing, clock } = setup()
    s3.addBucket('photos', 'eu-west-2', ['a.jpg'])
    await browsing.regionOf('dev', 'photos')
    s3.addBucket('photos', 'us-west-1', ['a.jpg'])
    clock.time += 1

    const versions = await browsing.listVersions({
      profileId: 'dev',
      bucket: 'photos',
      key: 'a.jpg'
    })

    expect(versions.map((version) => version.versionId)).toEqual(['null'])
    expect(s3.listCalls).toEqual(['eu-west-2', 'us-west-1'])
  })

  it('retries object details in the new region too', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'us-east-1', ['a.jpg'])
    await browsing.regionOf('dev', 'photos')
    s3.addBucket('photos', 'eu-central-1', ['a.jpg'])

    const details = await browsing.headObject({ profileId: 'dev', bucket: 'photos', key: 'a.jpg' })

    expect(details.region).toBe('eu-central-1')
  })

  it('gives up with the wrong-region error when looking again gives the same answer', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'us-east-1')
    s3.listObjects = async () => {
      s3.listCalls.push('x')
      throw new AppError('wrong-region', 'The server says it is in `eu-west-2`.')
    }

    await expect(
      browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '' })
    ).rejects.toMatchObject({ code: 'wrong-region' })
    expect(s3.listCalls).toHaveLength(1)
    expect(s3.locateCalls).toBe(2)
  })

  it('does not remember a failed lookup', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2')
    s3.locateFailure = new AppError('endpoint-unreachable', 'Could not reach the server.')

    await expect(browsing.regionOf('dev', 'photos')).rejects.toMatchObject({
      code: 'endpoint-unreachable'
    })

    s3.locateFailure = null
    expect(await browsing.regionOf('dev', 'photos')).toBe('eu-west-2')
  })

  it('passes on a missing bucket as no-such-bucket', async () => {
    const { browsing } = setup()

    await expect(
      browsing.listObjects({ profileId: 'dev', bucket: 'nope', prefix: '' })
    ).rejects.toMatchObject({ code: 'no-such-bucket' })
  })

  it("falls back to the profile's region when the profile may not ask where a bucket is", async () => {
    const { s3, browsing } = setup({ profileRegion: 'eu-west-2' })
    s3.addBucket('photos', 'eu-west-2', ['a.jpg'])
    s3.locateFailure = new AppError('access-denied', 'Profile `dev` is not allowed to...')

    const page = await browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '' })

    expect(page.objects).toHaveLength(1)
    expect(s3.listCalls).toEqual(['eu-west-2'])
  })

  it('falls back to us-east-1 when the profile names no region either', async () => {
    const { s3, browsing } = setup({ profileRegion: null })
    s3.addBucket('photos', 'us-east-1')
    s3.locateFailure = new AppError('access-denied', 'Profile `dev` is not allowed to...')

    expect(await browsing.regionOf('dev', 'photos')).toBe('us-east-1')
  })

  it('forgets the regions of one profile on invalidate', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2')
    await browsing.regionOf('dev', 'photos')
    await browsing.regionOf('prod', 'photos')

    browsing.invalidate('dev')
    await browsing.regionOf('dev', 'photos')
    await browsing.regionOf('prod', 'photos')

    expect(s3.locateCalls).toBe(3)
  })
})

describe('listing order', () => {
  it('shows folders first, then objects, each sorted by name in S3 byte order', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'us-east-1')
    const entry = (name: string) => ({
      key: `2024/${name}`,
      name,
      size: 0,
      lastModified: null,
      storageClass: null,
      etag: null
    })
    s3.pageOverride = {
      bucket: 'photos',
      prefix: '2024/',
      folders: [
        { prefix: '2024/zeta/', name: 'zeta' },
        { prefix: '2024/Alpha/', name: 'Alpha' },
        { prefix: '2024/alpha/', name: 'alpha' }
      ],
      objects: [entry('😀.txt'), entry('～.txt'), entry('b.txt'), entry('B.txt'), entry('a b.txt')],
      nextToken: 'next'
    }

    const page = await browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: '2024/' })

    expect(page.folders.map((folder) => folder.name)).toEqual(['Alpha', 'alpha', 'zeta'])
    // UTF-8 byte order: U+FF5E (～) comes before U+1F600 (😀), unlike UTF-16 order.
    expect(page.objects.map((object) => object.name)).toEqual([
      'B.txt',
      'a b.txt',
      'b.txt',
      '～.txt',
      '😀.txt'
    ])
    expect(page.nextToken).toBe('next')
  })

  it('lists buckets by name', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('b', 'us-east-1')
    s3.addBucket('a', 'us-east-1')
    s3.addBucket('c', 'us-east-1')

    const buckets = await browsing.listBuckets('dev')

    expect(buckets.map((bucket) => bucket.name)).toEqual(['a', 'b', 'c'])
  })
})

describe('compareCodePoints', () => {
  it('orders like UTF-8 bytes', () => {
    const names = ['😀', '～', 'é', 'z', 'Z', '', 'a', 'ab', 'a b', '\u{10000}', '\uffff']
    const utf8Order = [...names].sort((a, b) =>
      Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
    )

    expect([...names].sort(compareCodePoints)).toEqual(utf8Order)
  })

  it('says equal strings are equal and prefixes come first', () => {
    expect(compareCodePoints('abc', 'abc')).toBe(0)
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0)
    expect(compareCodePoints('abc', 'ab')).toBeGreaterThan(0)
  })
})

describe('names no S3 store accepts', () => {
  it('are refused with the reason before S3 is asked anything', async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2', ['a.jpg'])
    const refused = [
      browsing.listObjects({ profileId: 'dev', bucket: '..', prefix: '' }),
      browsing.listObjects({ profileId: 'dev', bucket: '.', prefix: '' }),
      browsing.listObjects({ profileId: 'dev', bucket: 'a/b', prefix: '' }),
      browsing.listObjects({ profileId: 'dev', bucket: 'photos', prefix: 'x\u0000/' }),
      browsing.headObject({ profileId: 'dev', bucket: 'photos', key: 'a\u0000.jpg' }),
      browsing.headObject({ profileId: 'dev', bucket: 'photos', key: 'broken\ud800' }),
      browsing.regionOf('dev', 'tab\tbucket')
    ]
    for (const attempt of refused) {
      await expect(attempt).rejects.toMatchObject({
        code: 'invalid-argument',
        message: expect.stringMatching(/cannot be used: it /)
      })
    }
    expect(s3.locateCalls).toBe(0)
    expect(s3.listCalls).toEqual([])
  })
})

describe('cancelling a listing', () => {
  it("hands the caller's signal to the gateway", async () => {
    const { s3, browsing } = setup()
    s3.addBucket('photos', 'eu-west-2', ['a.jpg'])
    const controller = new AbortController()

    await browsing.listObjects(
      { profileId: 'dev', bucket: 'photos', prefix: '' },
      { signal: controller.signal }
    )

    expect(s3.listSignals).toEqual([controller.signal])
  })
})
