/** What the share dialog needs to sign a link for one object. */
export interface ShareTarget {
  profileId: string
  bucket: string
  key: string
  /** The object's size when known, so the dialog can show it without asking S3 again. */
  size: number | null
  /** A version to pin the link to (a versioned bucket); absent: whatever the key holds then. */
  versionId?: string | null
}

/** What the bulk share dialog shares: objects picked one by one, and whole folders. */
export interface BulkShareTarget {
  profileId: string
  bucket: string
  /** Objects picked in the table, with their sizes. */
  objects: { key: string; size: number }[]
  /** Folder prefixes ('' for the whole bucket), each standing for every object under it. */
  folders: string[]
}
