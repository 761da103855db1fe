import { z } from 'zod'
import { bucketNameProblem, objectKeyProblem, prefixProblem } from '../../shared/s3-names'
import type { IpcSchemas } from './router'
import { registrySchemas } from './schemas-registry'
import { credentialSchemas } from './schemas-credentials'
import { profileSchemas } from './schemas-profiles'
import { trustSchemas } from './schemas-trust'
import { uploadSchemas } from './schemas-uploads'

const profileId = z.string().min(1).max(256)

/**
 * A string checked by one of the rules in `shared/s3-names`, whose answer becomes the message.
 *
 * AWS's stricter bucket rules (3-63 lowercase characters) are not applied: S3-compatible stores
 * accept more, so only names no store can take are refused.
 */
function s3Name(problemOf: (value: string) => string | null) {
  return z.string().check((ctx) => {
    const problem = problemOf(ctx.value)
    if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
  })
}

const bucket = s3Name(bucketNameProblem)
const key = s3Name(objectKeyProblem)
const prefix = s3Name(prefixProblem)
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
  'links:forget': z.object({ id: linkId, deletePage: z.boolean().optional() }).strict(),
  'links:clear-expired': z.void(),
  'links:open-in-browser': z.object({ id: linkId }).strict(),
  'clipboard:write-text': z.object({ text: z.string().max(16_384) }).strict(),
  ...registrySchemas({ profileId, bucket, key, prefix, linkId }),
  ...uploadSchemas({ profileId, bucket, key, prefix, linkId }),
  ...trustSchemas({ profileId, bucket, key, prefix, linkId }),
  ...credentialSchemas({ profileId }),
  ...profileSchemas({ bucket })
}
