import type { PostUploadLink, PutUploadLink } from './upload-links'

/**
 * Ready-to-paste `curl` commands for upload links, for a POSIX shell (sh, bash, zsh).
 *
 * Every argument that is not plainly safe is single-quoted, with `'` written as `'\''`: inside
 * single quotes a POSIX shell expands nothing (`$`, backticks, `\`, `!`, newlines are literal).
 * fish and Windows shells quote differently; these commands are not for them.
 */

/** What stands for the file to upload until the user puts in a path. */
export const FILE_PLACEHOLDER = 'FILE'

/** Characters that never need quoting in a POSIX shell word. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** One shell word that reads back as exactly `value`. */
export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/**
 * curl options a URL needs to reach the server as written.
 *
 * curl resolves `.` and `..` path segments (the signature covers the path as it is), and reads
 * `[]{}` as URL globs; pre-signed URLs normally contain neither, keys with dot segments do.
 */
function urlOptions(url: string): string[] {
  const options: string[] = []
  const path = (/^[a-z]+:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? '').split('/')
  if (path.some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) options.push('--path-as-is')
  if (/[[\]{}]/.test(url)) options.push('--globoff')
  return options
}

/**
 * `curl --upload-file FILE -H 'Content-Type: …' 'URL'`: a PUT with exactly the headers the
 * URL was signed for (another Content-Type, or none, would be refused).
 */
export function putUploadCommand(
  link: Pick<PutUploadLink, 'url' | 'headers'>,
  file: string = FILE_PLACEHOLDER
): string {
  const words = ['curl', ...urlOptions(link.url), '--upload-file', shellQuote(file)]
  for (const [name, value] of Object.entries(link.headers)) {
    words.push('-H', shellQuote(`${name}: ${value}`))
  }
  words.push(shellQuote(link.url))
  return words.join(' ')
}

export interface PostCommandOptions {
  /** The path of the file to upload; `FILE` by default. */
  file?: string
  /**
   * The Content-Type to send when the link leaves it to the uploader (`contentTypeField`).
   * Defaults to `application/octet-stream` when any type is accepted, else to the required
   * prefix followed by `TYPE`, a placeholder like `FILE`.
   */
  contentType?: string
}

/**
 * The curl syntax for a file in a `-F` value: `@path`, or `@"path"` when the path holds a
 * character curl's form parser reads as syntax (`;` starts `;type=`, `,` separates files).
 */
function curlFormFile(file: string): string {
  if (!/[;,"\\]/.test(file) && file.trim() === file) return `@${file}`
  return `@"${file.replace(/["\\]/g, '\\$&')}"`
}

/** The Content-Type a POST command sends when the uploader chooses it. */
export function defaultPostContentType(startsWith: string): string {
  return startsWith === '' ? 'application/octet-stream' : `${startsWith}TYPE`
}

/**
 * `curl --form-string key=… --form-string … -F file=@FILE 'URL'`: the fields in the link's
 * order, the uploader's Content-Type after them when the link asks for one, and the file last
 * (S3 ignores any field after it).
 *
 * Text fields go as `--form-string`, not `-F`: curl's `-F` reads a value starting with `@` or
 * `<` as a file to attach, and `;type=` inside a value as an option, so a key such as
 * `@home;type=x` would be sent as something else.
 */
export function postUploadCommand(
  link: Pick<PostUploadLink, 'url' | 'fields' | 'contentTypeField'>,
  options: PostCommandOptions = {}
): string {
  const words = ['curl', ...urlOptions(link.url)]
  for (const [name, value] of Object.entries(link.fields)) {
    words.push('--form-string', shellQuote(`${name}=${value}`))
  }
  if (link.contentTypeField !== null) {
    const contentType =
      options.contentType ?? defaultPostContentType(link.contentTypeField.startsWith)
    words.push('--form-string', shellQuote(`Content-Type=${contentType}`))
  }
  words.push('-F', shellQuote(`file=${curlFormFile(options.file ?? FILE_PLACEHOLDER)}`))
  words.push(shellQuote(link.url))
  return words.join(' ')
}
