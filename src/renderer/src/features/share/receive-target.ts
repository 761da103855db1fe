/** Where the receive dialog makes an upload link for: a folder of a bucket ('' for its root). */
export interface ReceiveTarget {
  profileId: string
  bucket: string
  /** The folder uploads land in, ending in `/`, or '' for the bucket's root. */
  prefix: string
}
