import { z } from 'zod'
import {
  MAX_BULK_KEYS,
  MAX_LINK_PAGE_SIZE,
  MAX_LINK_SECONDS,
  MIN_LINK_SECONDS
} from '../../shared/ipc-contract'
import { preferencesSchema } from '../services/preferences'
import type { IpcSchemas } from './router'

/** The field rules every channel shares, defined once in `schemas.ts`. */
export interface FieldSchemas {
  profileId: z.ZodType<string>
  bucket: z.ZodType<string>
  key: z.ZodType<string>
  prefix: z.ZodType<string>
  linkId: z.ZodType<string>
}

type RegistryChannel =
  | 'links:query'
  | 'links:status'
  | 'links:forget-batch'
  | 'links:copy-batch'
  | 'links:export'
  | 'objects:count'
  | 'bulk:start'
  | 'jobs:get'
  | 'jobs:cancel'
  | 'preferences:get'
  | 'preferences:set'

/** Schemas of the registry, bulk, job and preference channels. */
export function registrySchemas({
  profileId,
  bucket,
  key,
  prefix,
  linkId
}: FieldSchemas): Pick<IpcSchemas, RegistryChannel> {
  const filter = {
    status: z.enum(['all', 'active', 'expiring', 'expired', 'revoked']).optional(),
    bucket: bucket.optional(),
    profileId: profileId.optional(),
    batchId: linkId.optional(),
    text: z.string().max(500).optional(),
    sort: z
      .object({
        field: z.enum(['created', 'expires', 'name', 'bucket', 'profile', 'label']),
        direction: z.enum(['asc', 'desc'])
      })
      .strict()
      .optional()
  }
  return {
    'links:query': z
      .object({
        ...filter,
        groupBatches: z.boolean().optional(),
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        limit: z.number().int().min(1).max(MAX_LINK_PAGE_SIZE)
      })
      .strict(),
    'links:status': z.void(),
    'links:forget-batch': z.object({ batchId: linkId }).strict(),
    'links:copy-batch': z.object({ batchId: linkId }).strict(),
    'links:export': z
      .object({
        format: z.enum(['csv', 'json', 'text']),
        batchId: linkId.optional(),
        query: z.object(filter).strict().optional()
      })
      .strict(),
    'objects:count': z
      .object({
        profileId,
        bucket,
        prefix,
        limit: z.number().int().min(1).max(1_000_000).optional()
      })
      .strict(),
    'bulk:start': z
      .object({
        profileId,
        bucket,
        selection: z.discriminatedUnion('kind', [
          z
            .object({ kind: z.literal('keys'), keys: z.array(key).min(1).max(MAX_BULK_KEYS) })
            .strict(),
          z.object({ kind: z.literal('prefix'), prefix }).strict()
        ]),
        expiresInSeconds: z
          .number()
          .int('expiry must be a whole number of seconds')
          .min(MIN_LINK_SECONDS)
          .max(MAX_LINK_SECONDS, 'expiry must be at most 7 days (604800 seconds), the SigV4 limit'),
        label: z.string().max(500).optional(),
        downloadNameRule: z.enum(['object-name', 'none'])
      })
      .strict(),
    'jobs:get': z.object({ jobId: linkId }).strict(),
    'jobs:cancel': z.object({ jobId: linkId }).strict(),
    'preferences:get': z.void(),
    'preferences:set': preferencesSchema.partial().strict()
  }
}
