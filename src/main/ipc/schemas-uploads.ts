import { z } from 'zod'
import { MAX_LINK_SECONDS, MIN_LINK_SECONDS } from '../../shared/ipc-contract'
import {
  contentTypePrefixProblem,
  contentTypeProblem,
  MAX_SINGLE_UPLOAD_BYTES
} from '../../shared/upload-links'
import { uploadRequestProblem } from '../services/uploads'
import type { IpcSchemas } from './router'
import type { FieldSchemas } from './schemas-registry'

type UploadChannel = 'links:create-upload' | 'links:received'

/** The longest page title and sender's note an upload page shows. */
export const MAX_PAGE_TITLE_CHARS = 200
export const MAX_PAGE_NOTE_CHARS = 2_000

/** A string checked by a `...Problem` rule, whose answer ("is empty") becomes the message. */
function checked(what: string, problemOf: (value: string) => string | null) {
  return z.string().check((ctx) => {
    const problem = problemOf(ctx.value)
    if (problem !== null) {
      ctx.issues.push({ code: 'custom', message: `${what} ${problem}`, input: ctx.value })
    }
  })
}

/**
 * Schemas of the upload link channels. Shapes and sizes here; the rules that span fields (a PUT
 * cannot limit the size, the page must not sit where uploads land) are `uploadRequestProblem`'s,
 * shared with the signing service.
 */
export function uploadSchemas({
  profileId,
  bucket,
  key,
  prefix,
  linkId
}: FieldSchemas): Pick<IpcSchemas, UploadChannel> {
  const size = (what: string) =>
    z
      .number()
      .int(`${what} must be a whole number of bytes`)
      .min(0, `${what} must be 0 bytes or more`)
      .max(
        MAX_SINGLE_UPLOAD_BYTES,
        `${what} must be at most 5 GiB (${MAX_SINGLE_UPLOAD_BYTES} bytes), S3's limit for a single upload`
      )
  const contentType = z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('exact'),
        contentType: checked('the Content-Type', contentTypeProblem)
      })
      .strict(),
    z
      .object({
        kind: z.literal('starts-with'),
        prefix: checked('the Content-Type prefix', contentTypePrefixProblem)
      })
      .strict()
  ])
  const request = z
    .object({
      profileId,
      bucket,
      destination: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('key'), key }).strict(),
        z.object({ kind: z.literal('prefix'), prefix }).strict()
      ]),
      method: z.enum(['PUT', 'POST']),
      expiresInSeconds: z
        .number()
        .int('expiry must be a whole number of seconds')
        .min(MIN_LINK_SECONDS, `expiry must be at least ${MIN_LINK_SECONDS} second`)
        .max(MAX_LINK_SECONDS, 'expiry must be at most 7 days (604800 seconds), the SigV4 limit'),
      label: z.string().max(500).optional(),
      contentType: contentType.nullish(),
      minBytes: size('the minimum size').optional(),
      maxBytes: size('the maximum size')
        .min(1, 'the maximum size must be at least 1 byte')
        .optional(),
      page: z
        .object({
          key,
          title: z.string().max(MAX_PAGE_TITLE_CHARS).optional(),
          note: z.string().max(MAX_PAGE_NOTE_CHARS).optional()
        })
        .strict()
        .nullish()
    })
    .strict()
  return {
    'links:create-upload': request.check((ctx) => {
      const problem = uploadRequestProblem(ctx.value)
      if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
    }),
    'links:received': z.object({ id: linkId }).strict()
  }
}
