export interface BucketLocation {
  bucket: string
  prefix: string
}

/** A place typed in the bucket box, and how it was written. */
export interface BucketInput {
  location: BucketLocation
  /** `uri` for an `s3://` URI, `name` for a bare bucket name. */
  kind: 'uri' | 'name'
}

/**
 * Reads what the user typed in the bucket box as a place to open, if it can be one.
 *
 * Accepts a bare bucket name or an `s3://bucket/some/prefix/` URI pasted from the CLI, so a
 * profile that may not list buckets (no `s3:ListAllMyBuckets`) can still open the ones it may
 * read. A prefix that does not end in `/` opens its parent folder.
 */
export function parseBucketInput(text: string): BucketInput | null {
  const trimmed = text.trim()
  const uri = /^s3:\/\/([^/\s]+)(?:\/(.*))?$/i.exec(trimmed)
  if (uri) {
    const bucket = uri[1] ?? ''
    const path = uri[2] ?? ''
    const prefix = path.slice(0, path.lastIndexOf('/') + 1)
    return { location: { bucket, prefix }, kind: 'uri' }
  }
  // Loose on purpose: S3-compatible stores allow names AWS would not.
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(trimmed)) {
    return { location: { bucket: trimmed, prefix: '' }, kind: 'name' }
  }
  return null
}
