/** How a profile gets its credentials, in the AWS CLI's terms. */
export type ProfileKind =
  | 'static'
  | 'session'
  | 'sso'
  | 'assume-role'
  | 'process'
  | 'web-identity'
  | 'environment'
  | 'unknown'

export type AddressingStyle = 'auto' | 'path' | 'virtual'

export interface ProfileSummary {
  /** Stable id: the profile name, or `ENVIRONMENT_PROFILE_ID` for credentials in env variables. */
  id: string
  name: string
  kind: ProfileKind
  /** Files the profile is defined in (config and/or credentials). */
  sources: string[]
  region: string | null
  /** The s3 endpoint: the `services` section's s3 `endpoint_url`, else the global one. */
  endpointUrl: string | null
  addressingStyle: AddressingStyle
  /** A short human description of where credentials come from (role ARN, SSO start URL, command). */
  detail: string | null
}

export interface ConfigFileStatus {
  path: string
  role: 'config' | 'credentials'
  exists: boolean
  /** Problems found while reading the file; good profiles in it are still listed. */
  problems: string[]
}

export interface ProfilesSnapshot {
  profiles: ProfileSummary[]
  /** `AWS_PROFILE`, else `default`, else the environment entry; null when there is nothing. */
  selectedProfileId: string | null
  files: ConfigFileStatus[]
}

export interface BucketSummary {
  name: string
  /** ISO date, when the server tells. */
  createdAt: string | null
}

export interface FolderEntry {
  /** Full prefix including the trailing delimiter. */
  prefix: string
  /** Display name without the parent prefix and without the trailing `/`. */
  name: string
}

export interface ObjectEntry {
  key: string
  /** Display name without the parent prefix. */
  name: string
  size: number
  lastModified: string | null
  storageClass: string | null
  etag: string | null
}

export interface ObjectPage {
  bucket: string
  prefix: string
  folders: FolderEntry[]
  objects: ObjectEntry[]
  /** Pass back to get the next page; null on the last page. */
  nextToken: string | null
}

export interface ObjectDetails {
  bucket: string
  key: string
  region: string
  size: number
  contentType: string | null
  etag: string | null
  lastModified: string | null
  storageClass: string | null
  versionId: string | null
  cacheControl: string | null
  contentDisposition: string | null
  metadata: Record<string, string>
}

export interface CredentialsStatus {
  profileId: string
  /** Whether the credentials are temporary (they carry a session token). */
  temporary: boolean
  /** When the credentials stop working (ISO), or null when they do not expire. */
  expiresAt: string | null
}

export type LinkMethod = 'GET' | 'PUT' | 'POST'

export interface IssuedLink {
  id: string
  createdAt: string
  profileId: string
  bucket: string
  key: string
  region: string
  endpoint: string | null
  method: LinkMethod
  /** What the user asked for, in seconds. */
  requestedExpiresInSeconds: number
  /** createdAt + requested lifetime (ISO). */
  requestedExpiresAt: string
  /** When the link really stops working: the earlier of the requested expiry and the credentials' expiry (ISO). */
  expiresAt: string
  /** Why `expiresAt` is earlier than requested, if it is. */
  cappedBy: 'credentials' | null
  url: string
  label: string
  /** The file name the browser saves the download as, if one was set. */
  downloadFilename: string | null
}

export interface LinksSnapshot {
  links: IssuedLink[]
  /** Set when the store file was unreadable and was moved aside at start-up. */
  recoveredFrom: { movedTo: string; reason: string } | null
}
