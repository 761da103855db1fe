/**
 * Query keys of everything the browsing UI caches.
 *
 * All S3 data sits under `['s3', profileId]`, so a profile whose settings change can be
 * dropped in one call.
 */
export const queryKeys = {
  profiles: ['profiles'] as const,
  profileScope: (profileId: string) => ['s3', profileId] as const,
  buckets: (profileId: string) => ['s3', profileId, 'buckets'] as const,
  objects: (profileId: string, bucket: string, prefix: string) =>
    ['s3', profileId, 'objects', bucket, prefix] as const,
  objectDetails: (profileId: string, bucket: string, key: string) =>
    ['s3', profileId, 'head', bucket, key] as const
}
