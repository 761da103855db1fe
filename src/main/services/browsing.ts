import { isAppError } from '../../shared/errors'
import type { InvokeArgs } from '../../shared/ipc-contract'
import type { BucketSummary, ObjectDetails, ObjectPage, ObjectVersion } from '../../shared/models'
import { assertBucketName, assertObjectKey, assertPrefix } from '../../shared/s3-names'
import {
  DEFAULT_REGION,
  systemClock,
  type BucketRegionResolver,
  type Clock,
  type ProfileDirectory,
  type S3Gateway
} from './ports'

export interface BrowsingDependencies {
  profiles: ProfileDirectory
  gateway: S3Gateway
  clock?: Clock
}

export interface BrowsingService extends BucketRegionResolver {
  listBuckets(profileId: string): Promise<BucketSummary[]>
  /** `signal` stops waiting for the page (the region lookup, shared with others, goes on). */
  listObjects(
    request: InvokeArgs<'objects:list'>,
    options?: { signal?: AbortSignal }
  ): Promise<ObjectPage>
  headObject(request: InvokeArgs<'objects:head'>): Promise<ObjectDetails>
  /**
   * The versions of one object, newest first, delete markers flagged. A bucket that never kept
   * versions answers, as S3 does, with one entry for the object, version id `null` (the string):
   * a link pinned to it works like an unpinned one until versioning is turned on.
   */
  listVersions(request: InvokeArgs<'objects:versions'>): Promise<ObjectVersion[]>
  /** Forgets the bucket regions of one profile or of all (after config files change). */
  invalidate(profileId?: string): void
}

/** A bucket can be deleted and re-created elsewhere; an hour-old answer is looked up again. */
export const REGION_TTL_MS = 60 * 60 * 1000

interface RegionEntry {
  profileId: string
  region: Promise<string>
  foundAt: number
}

/**
 * Lists buckets and objects, finding (and remembering) the region each bucket lives in.
 *
 * Names are checked before any request, whoever calls (the IPC schemas check them too), so a
 * name no S3 store accepts fails with `invalid-argument` instead of a confusing server answer.
 */
export function createBrowsingService({
  profiles,
  gateway,
  clock = systemClock
}: BrowsingDependencies): BrowsingService {
  const regions = new Map<string, RegionEntry>()

  function regionOf(profileId: string, bucket: string): Promise<string> {
    try {
      assertBucketName(bucket)
    } catch (error) {
      return Promise.reject(error)
    }
    const cacheKey = `${profileId}\u0000${bucket}`
    const cached = regions.get(cacheKey)
    if (cached !== undefined && clock.now() - cached.foundAt < REGION_TTL_MS) return cached.region
    const region = locate(profileId, bucket)
    // The promise is cached so concurrent callers share one lookup; failures are not kept.
    const entry: RegionEntry = { profileId, region, foundAt: clock.now() }
    regions.set(cacheKey, entry)
    region.catch(() => {
      if (regions.get(cacheKey) === entry) regions.delete(cacheKey)
    })
    return region
  }

  async function locate(profileId: string, bucket: string): Promise<string> {
    try {
      return await gateway.locateBucket(profileId, bucket)
    } catch (error) {
      // A profile allowed only s3:GetObject cannot ask where a bucket is; its own region is
      // the best guess, and a wrong guess surfaces later as a 'wrong-region' error.
      if (isAppError(error) && error.code === 'access-denied') {
        return profiles.getProfile(profileId).region ?? DEFAULT_REGION
      }
      throw error
    }
  }

  /** Runs `run` in the bucket's region; if that region turns out stale, looks again once. */
  async function inBucketRegion<T>(
    profileId: string,
    bucket: string,
    run: (region: string) => Promise<T>
  ): Promise<T> {
    const region = await regionOf(profileId, bucket)
    try {
      return await run(region)
    } catch (error) {
      if (!isAppError(error) || error.code !== 'wrong-region') throw error
      regions.delete(`${profileId}\u0000${bucket}`)
      const fresh = await regionOf(profileId, bucket)
      if (fresh === region) throw error
      return run(fresh)
    }
  }

  return {
    regionOf,

    async listBuckets(profileId) {
      const buckets = await gateway.listBuckets(profileId)
      return [...buckets].sort((a, b) => compareCodePoints(a.name, b.name))
    },

    async listObjects({ profileId, bucket, prefix, token }, { signal } = {}) {
      assertBucketName(bucket)
      assertPrefix(prefix)
      const page = await inBucketRegion(profileId, bucket, (region) =>
        gateway.listObjects({ profileId, region }, { bucket, prefix, token: token ?? null }, signal)
      )
      return {
        ...page,
        folders: [...page.folders].sort((a, b) => compareCodePoints(a.name, b.name)),
        objects: [...page.objects].sort((a, b) => compareCodePoints(a.name, b.name))
      }
    },

    async headObject({ profileId, bucket, key }) {
      assertBucketName(bucket)
      assertObjectKey(key)
      return inBucketRegion(profileId, bucket, (region) =>
        gateway.headObject({ profileId, region }, { bucket, key })
      )
    },

    async listVersions({ profileId, bucket, key }) {
      assertBucketName(bucket)
      assertObjectKey(key)
      return inBucketRegion(profileId, bucket, (region) =>
        gateway.listObjectVersions({ profileId, region }, { bucket, key })
      )
    },

    invalidate(profileId) {
      for (const [cacheKey, entry] of regions) {
        if (profileId === undefined || entry.profileId === profileId) regions.delete(cacheKey)
      }
    }
  }
}

/**
 * Orders strings by Unicode code point, which is the UTF-8 byte order S3 lists keys in.
 *
 * Plain `<` compares UTF-16 code units and would put emoji (surrogate pairs) before
 * characters such as U+FF5E.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0
    const y = b.codePointAt(j) ?? 0
    if (x !== y) return x < y ? -1 : 1
    i += x > 0xffff ? 2 : 1
    j += y > 0xffff ? 2 : 1
  }
  return a.length - i - (b.length - j)
}
