import { z } from 'zod'
import { MAX_LINK_SECONDS, MIN_LINK_SECONDS } from '../../shared/ipc-contract'
import type { IpcSchemas } from './router'

const profileId = z.string().min(1).max(256)
// S3 bucket names are 3-63 chars; S3-compatible stores are laxer, so only bound the length.
const bucket = z.string().min(1).max(255)
// S3 keys are at most 1024 bytes of UTF-8.
const key = z
  .string()
  .min(1)
  .refine(
    (value) => new TextEncoder().encode(value).length <= 1024,
    'key is longer than 1024 bytes'
  )
const prefix = z
  .string()
  .refine(
    (value) => new TextEncoder().encode(value).length <= 1024,
    'prefix is longer than 1024 bytes'
  )
const linkId = z.string().min(1).max(64)

export const ipcSchemas: IpcSchemas = {
  'profiles:list': z.void(),
  'credentials:status': z.object({ profileId }).strict(),
  'buckets:list': z.object({ profileId }).strict(),
  'buckets:region': z.object({ profileId, bucket }).strict(),
  'objects:list': z
    .object({ profileId, bucket, prefix, token: z.string().max(4096).nullish() })
    .strict(),
  'objects:head': z.object({ profileId, bucket, key }).strict(),
  'links:create-download': z
    .object({
      profileId,
      bucket,
      key,
      expiresInSeconds: z
        .number()
        .int('expiry must be a whole number of seconds')
        .min(MIN_LINK_SECONDS, `expiry must be at least ${MIN_LINK_SECONDS} second`)
        .max(MAX_LINK_SECONDS, 'expiry must be at most 7 days (604800 seconds), the SigV4 limit'),
      label: z.string().max(500).optional(),
      downloadFilename: z.string().min(1).max(255).nullish()
    })
    .strict(),
  'links:list': z.void(),
  'links:forget': z.object({ id: linkId }).strict(),
  'links:clear-expired': z.void(),
  'links:open-in-browser': z.object({ id: linkId }).strict(),
  'clipboard:write-text': z.object({ text: z.string().max(16_384) }).strict()
}
