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

/** The part of a key after its last `/`: the object's name in a folder view. */
export function keyBaseName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1)
}
