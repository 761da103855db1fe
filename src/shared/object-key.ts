/**
 * Names and folders of S3 keys.
 *
 * A folder is a prefix ending in `/`. Its own name and parent ignore that one trailing slash,
 * so the folder `a/b/` is named `b` and lives in `a/`, like the object `a/b` does.
 */

/**
 * Whether a key has a `.` or `..` path segment, such as `a/../b.txt` or `./notes`.
 *
 * URL parsers (`new URL()`, `fetch()`, every browser) resolve these segments before sending
 * the request, `%2E%2E` included, so a pre-signed URL for such a key reaches the server with
 * another path and fails its signature check. Only a client that sends the path as it is
 * (`curl --path-as-is`) can use the link.
 */
export function hasDotSegments(key: string): boolean {
  return key.split('/').some((segment) => segment === '.' || segment === '..')
}

/** Where the last segment of a key or folder prefix starts. */
function nameStart(key: string): number {
  const body = key.endsWith('/') ? key.slice(0, -1) : key
  return body.lastIndexOf('/') + 1
}

/** The folder a key or folder prefix is in: `a/b/c.txt` → `a/b/`, `a/b/` → `a/`, `a` → ``. */
export function parentPrefix(key: string): string {
  return key.slice(0, nameStart(key))
}

/**
 * What a key or folder is called in a list: `a/b/c.txt` → `c.txt`, `a/b/` → `b`.
 *
 * Never blank: a segment with no name (the key `/`, the folder `a//`) shows as the whole key.
 */
export function keyName(key: string): string {
  const name = key.slice(nameStart(key), key.endsWith('/') ? -1 : undefined)
  return name || key
}

/**
 * The file name part of a key: `a/b/c.txt` → `c.txt`; empty for a folder (`a/b/`).
 *
 * What a download of the key is saved as by default.
 */
export function keyBaseName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1)
}
