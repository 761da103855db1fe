/** What the share dialog needs to sign a link for one object. */
export interface ShareTarget {
  profileId: string
  bucket: string
  key: string
  /** The object's size when known, so the dialog can show it without asking S3 again. */
  size: number | null
}
