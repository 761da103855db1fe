/**
 * What must never reach a user's screen, a renderer or a terminal.
 *
 * `secretAccessKey` may appear nowhere. `scrubbed` values (an access key id, a session token)
 * legitimately travel inside a pre-signed URL's `X-Amz-*` query parameters, which are removed
 * before those are searched for.
 */
export interface Secrets {
  secretAccessKey: string
  scrubbed: string[]
}

/** Each secret found in `text`, named by its first characters only. */
export function leakedSecrets(text: string, { secretAccessKey, scrubbed }: Secrets): string[] {
  const leaks: string[] = []
  for (const form of forms(secretAccessKey)) {
    if (text.includes(form)) leaks.push(`secret access key ${secretAccessKey.slice(0, 4)}…`)
  }
  const withoutSignedParams = text.replace(/X-Amz-[A-Za-z-]+=[^&"\s]*/g, '')
  for (const secret of scrubbed) {
    for (const form of forms(secret)) {
      if (withoutSignedParams.includes(form)) leaks.push(`${secret.slice(0, 6)}…`)
    }
  }
  return [...new Set(leaks)]
}

function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])]
}

/** A JavaScript stack frame (`at fn (file.ts:3:9)`) or a source path with a line number. */
const STACK_TRACE =
  /\n\s+at \S|\bat [^\s()]+ \([^)]*:\d+:\d+\)|\.(?:ts|js|mjs|cjs):\d+:\d+|node:internal/

export function looksLikeStackTrace(text: string): boolean {
  return STACK_TRACE.test(text)
}

/** C0/C1 controls, DEL, lone surrogates, bidi embeddings/overrides/isolates and marks. */
const HIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_CHARACTER.test(text)
}
