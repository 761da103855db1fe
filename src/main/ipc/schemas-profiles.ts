import { z } from 'zod'
import type { IpcSchemas } from './router'

type ProfileChannel = 'profiles:get-editable' | 'profiles:test' | 'profiles:save'

/**
 * Schemas of the profile editor's channels. They check shapes and sizes; what a value must be
 * to go into the AWS files (one line, no ` #`, a real URL...) is checked by `draftProblems`,
 * whose messages name the field.
 */
export function profileSchemas({
  bucket
}: {
  bucket: z.ZodType<string>
}): Pick<IpcSchemas, ProfileChannel> {
  const name = z.string().min(1).max(256)
  const text = (max: number) => z.string().max(max)
  const draft = z
    .object({
      name,
      region: text(64),
      endpointUrl: text(2048),
      addressingStyle: z.enum(['auto', 'path', 'virtual']),
      credentials: z.discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('keys'),
            accessKeyId: text(256),
            secretAccessKey: text(1024),
            sessionToken: text(8192)
          })
          .strict(),
        z
          .object({
            kind: z.literal('sso'),
            ssoSession: text(256),
            startUrl: text(2048),
            ssoRegion: text(64),
            accountId: text(32),
            roleName: text(128)
          })
          .strict(),
        z.object({ kind: z.literal('unchanged') }).strict()
      ])
    })
    .strict()
  return {
    'profiles:get-editable': z.object({ name }).strict(),
    'profiles:test': z
      .object({ draft, replace: name.optional(), bucket: bucket.optional() })
      .strict(),
    'profiles:save': z.object({ draft, replace: name.optional() }).strict()
  }
}
