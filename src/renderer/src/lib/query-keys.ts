/**
 * Query keys of everything the renderer caches, all in one place.
 *
 * All S3 data, and the credentials status that goes with it, sits under `['s3', profileId]`,
 * so a profile whose settings change can be dropped in one call.
 */
export const queryKeys = {
  profiles: ['profiles'] as const,
  links: ['links'] as const,
  preferences: ['preferences'] as const,
  profileScope: (profileId: string) => ['s3', profileId] as const,
  credentials: (profileId: string) => ['s3', profileId, 'credentials'] as const,
  buckets: (profileId: string) => ['s3', profileId, 'buckets'] as const,
  objects: (profileId: string, bucket: string, prefix: string) =>
    ['s3', profileId, 'objects', bucket, prefix] as const,
  /** How many objects a prefix holds, sub-folders included (before a bulk share). */
  objectCount: (profileId: string, bucket: string, prefix: string) =>
    ['s3', profileId, 'count', bucket, prefix] as const,
  /** Every object's details in a bucket: a prefix of `objectDetails`. */
  bucketObjectDetails: (profileId: string, bucket: string) =>
    ['s3', profileId, 'head', bucket] as const,
  objectDetails: (profileId: string, bucket: string, key: string) =>
    [...queryKeys.bucketObjectDetails(profileId, bucket), key] as const
}
