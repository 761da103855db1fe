import type { PostUploadLink } from '../../shared/upload-links'

/**
 * Does a bucket take browser form uploads (POST Object) at all?
 *
 * Some S3-compatible stores do not implement POST Object; a POST link to them would fail for
 * every recipient, and the sender would only learn it from them. So the gateway asks once, when
 * the link is made, with the link's own fields minus what could store anything: no `file` field
 * and a spoiled signature. S3 then answers with an error about the form (no file, bad signature),
 * which shows that it reads forms; a store without POST Object answers that it does not
 * implement it.
 */

/** What the store answered: the HTTP status and the S3 error code of an XML body, if any. */
export interface FormProbeAnswer {
  status: number
  code: string | null
}

/** The most of an answer's body that is read (S3 error bodies are a few hundred bytes). */
const MAX_BODY_CHARS = 16_384

/** Sends the probe form to the link's URL. Network failures are thrown as fetch threw them. */
export async function probeFormUploads(
  link: Pick<PostUploadLink, 'url' | 'fields'>,
  signal: AbortSignal
): Promise<FormProbeAnswer> {
  const form = new FormData()
  for (const [name, value] of Object.entries(link.fields)) {
    // A signature that cannot match: even a store that ignored the missing file stores nothing.
    form.append(name, name.toLowerCase() === 'x-amz-signature' ? '0'.repeat(64) : value)
  }
  const response = await fetch(link.url, {
    method: 'POST',
    body: form,
    signal,
    redirect: 'manual'
  })
  const body = (await response.text()).slice(0, MAX_BODY_CHARS)
  const code = /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(body)?.[1] ?? null
  return { status: response.status, code }
}

/**
 * Whether an answer says that the store does not implement form uploads.
 *
 * Only clear refusals count: Swift's s3api lets a form POST through to Swift, which answers 412
 * "Bad URL" (plain text); others answer NotImplemented (501) or MethodNotAllowed (405). Any
 * other answer (an error about the form, the signature, the bucket) means the form was read.
 */
export function refusesFormUploads(answer: FormProbeAnswer): boolean {
  if (answer.code === 'NotImplemented' || answer.code === 'MethodNotAllowed') return true
  if (answer.code !== null) return false
  return answer.status === 405 || answer.status === 412 || answer.status === 501
}

/** The answer in a few words for a message: `412`, `501 NotImplemented`. */
export function describeFormProbeAnswer(answer: FormProbeAnswer): string {
  return answer.code === null ? `HTTP ${answer.status}` : `${answer.status} ${answer.code}`
}
