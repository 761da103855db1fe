import { z } from 'zod'
import { MAX_LINK_SECONDS, MIN_LINK_SECONDS } from '../../shared/ipc-contract'
import { contentTypeProblem } from '../../shared/upload-links'
import type { IpcSchemas } from './router'
import type { FieldSchemas } from './schemas-registry'

type TrustChannel =
  | 'links:create-download'
  | 'links:measure'
  | 'links:test'
  | 'links:test-all'
  | 'links:renew'
  | 'links:chain'
  | 'links:watch'
  | 'links:revoke-plan'
  | 'links:revoke'
  | 'links:undo'
  | 'objects:versions'

/** S3 version ids are opaque; AWS's are 32 characters, other stores' longer. */
const versionId = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[\x21-\x7e]+$/, 'the version id must be printable ASCII without spaces')

/**
 * Schemas of the download-link options and of the channels that test, renew, watch and revoke
 * links. How long a link lives is checked twice: here for its shape, and in the signing service
 * against the moment of signing (an `until` within 7 days of now).
 */
export function trustSchemas({
  profileId,
  bucket,
  key,
  linkId
}: FieldSchemas): Pick<IpcSchemas, TrustChannel> {
  const download = z
    .object({
      profileId,
      bucket,
      key,
      expiresInSeconds: z
        .number()
        .int('expiry must be a whole number of seconds')
        .min(MIN_LINK_SECONDS, `expiry must be at least ${MIN_LINK_SECONDS} second`)
        .max(MAX_LINK_SECONDS, 'expiry must be at most 7 days (604800 seconds), the SigV4 limit')
        .optional(),
      until: z.iso.datetime({ offset: true }).optional(),
      downloadFilename: z.string().min(1).max(255).nullish(),
      disposition: z.enum(['attachment', 'inline']).optional(),
      contentType: z
        .string()
        .max(255)
        .check((ctx) => {
          const problem = contentTypeProblem(ctx.value)
          if (problem !== null) {
            ctx.issues.push({
              code: 'custom',
              message: `content type ${problem}`,
              input: ctx.value
            })
          }
        })
        .nullish(),
      versionId: versionId.nullish()
    })
    .strict()
  const oneLifetime = (value: {
    expiresInSeconds?: number | undefined
    until?: string | undefined
  }) => (value.expiresInSeconds === undefined) !== (value.until === undefined)
  const lifetimeMessage = { message: 'give either expiresInSeconds or until, not both' }
  const byId = z.object({ id: linkId }).strict()

  return {
    'links:create-download': download
      .extend({ label: z.string().max(500).optional(), selfTest: z.boolean().optional() })
      .refine(oneLifetime, lifetimeMessage),
    'links:measure': download.refine(oneLifetime, lifetimeMessage),
    'links:test': byId,
    'links:test-all': z.void(),
    'links:renew': byId,
    'links:chain': byId,
    'links:watch': z.object({ id: linkId, watched: z.boolean() }).strict(),
    'links:revoke-plan': byId,
    'links:revoke': z.object({ id: linkId, action: z.enum(['delete-object', 'mark']) }).strict(),
    'links:undo': z.object({ undoToken: z.string().min(1).max(128) }).strict(),
    'objects:versions': z.object({ profileId, bucket, key }).strict()
  }
}
