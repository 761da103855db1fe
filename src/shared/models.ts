import type { ContentTypeRule, UploadDestination } from './upload-links'

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
  /** Where the profile's session stands, found without asking the user anything. */
  state: CredentialsState
  /** What the state means for this profile and what to do; null when the state says it all. */
  detail: string | null
}

/**
 * A profile's session as the profile picker shows it.
 *
 * `static`: keys that do not expire. `active`: temporary credentials, until `expiresAt` (null
 * when nobody says). `expired`: they ended (`expiresAt` in the past when known). `sign-in`: an
 * SSO profile with no session yet. `needs-mfa`: a role that asks for an MFA code on first use.
 * `missing`: no credentials can be had; `detail` says why and what to do.
 */
export type CredentialsState = 'static' | 'active' | 'expired' | 'sign-in' | 'needs-mfa' | 'missing'

/** How a profile being added or edited gets its credentials. */
export type ProfileDraftCredentials =
  | {
      kind: 'keys'
      /** Empty when editing: keep the stored key (and its secret and token). */
      accessKeyId: string
      /** Empty when editing: keep the stored secret (only with the same access key id). */
      secretAccessKey: string
      /** Empty when editing: keep the stored token (only with the same access key id). */
      sessionToken: string
    }
  | {
      kind: 'sso'
      /** The `[sso-session NAME]` section, as `aws configure sso` writes it. */
      ssoSession: string
      startUrl: string
      ssoRegion: string
      accountId: string
      roleName: string
    }
  /** A profile of another kind (role, credential_process...): only its settings are edited. */
  | { kind: 'unchanged' }

/** A profile as the add/edit form fills it in; written to the files as `aws configure` would. */
export interface ProfileDraft {
  name: string
  /** Empty for none. */
  region: string
  /** Empty for AWS itself. */
  endpointUrl: string
  addressingStyle: AddressingStyle
  credentials: ProfileDraftCredentials
}

/**
 * A stored profile opened for editing. Keys stay in main, as `aws configure` shows them: the
 * draft's key fields are empty (empty keeps them), and only the key id's last characters come.
 */
export interface EditableProfile {
  draft: ProfileDraft
  kind: ProfileKind
  /** `…MPLE`: the last four characters of the stored access key id, or null without one. */
  accessKeyIdHint: string | null
  hasSecretAccessKey: boolean
  hasSessionToken: boolean
}

/** What the connection test of a draft found; `message` says what worked or exactly what failed. */
export interface ProfileTestResult {
  outcome: 'passed' | 'failed' | 'skipped'
  /** What was tried: ListBuckets, or HeadBucket on the bucket the user named. */
  check: 'list-buckets' | 'head-bucket' | null
  /** The error code when it failed. */
  code: string | null
  message: string
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
  /** The bulk batch this link was made in, or null for a link made on its own. */
  batchId: string | null
  /** What an upload link accepts and where files land; null for a download link. */
  upload?: UploadLinkDetails | null
  /** The object version a download link is pinned to (`VersionId`); null or absent: the latest. */
  versionId?: string | null
  /**
   * Whether the recipient's browser shows the file (`inline`) or saves it (`attachment`, the
   * default when absent). Sent as `response-content-disposition` with `downloadFilename`.
   */
  disposition?: LinkDisposition
  /** The Content-Type the recipient gets instead of the stored one (`response-content-type`). */
  responseContentType?: string | null
  /** What fetching the link once found; null or absent when it was not tested. */
  selfTest?: LinkSelfTest | null
  /** The link this one renewed (same object, name, label and lifetime). */
  renewedFromId?: string | null
  /** The link that renewed this one. */
  renewedById?: string | null
  /** Whether the OS notifies before this link expires (and, for upload links, when files arrive). */
  watched?: boolean
  /** Notifications already shown for a watched link, so that a restart does not repeat them. */
  notified?: LinkNotifications | null
  /** Set once the link was revoked; a revoked link shows apart from live and expired ones. */
  revoked?: LinkRevocation | null
}

export type LinkDisposition = 'attachment' | 'inline'

/**
 * What one `GET` (with `Range: bytes=0-0`) of a freshly signed link found.
 *
 * `works`: S3 answered 200 or 206. The others name what went wrong, from S3's error code where
 * it gave one: `signature-mismatch` (wrong secret key, tampered URL), `unknown-access-key`,
 * `access-denied`, `object-missing` (no such key, bucket or version), `wrong-region`,
 * `expired`, `unreachable` (no answer in time), `throttled` (503 SlowDown), `server-error`
 * (other 5xx), `failed` (anything else). `not-tested`: an upload link (testing it would upload).
 */
export type LinkTestOutcome =
  | 'works'
  | 'signature-mismatch'
  | 'unknown-access-key'
  | 'access-denied'
  | 'object-missing'
  | 'wrong-region'
  | 'expired'
  | 'unreachable'
  | 'throttled'
  | 'server-error'
  | 'failed'
  | 'not-tested'

export interface LinkSelfTest {
  outcome: LinkTestOutcome
  /** The HTTP status S3 answered with; null when nothing answered. */
  httpStatus: number | null
  /** S3's error code (`SignatureDoesNotMatch`, `NoSuchKey`…); null when there was none. */
  s3Code: string | null
  /** What happened and what to do, in one or two sentences (at most 500 characters). */
  message: string
  testedAt: string
}

export interface LinkNotifications {
  /** When the "expires in 10 minutes" notice was shown. */
  expiringAt?: string | null
  /** When the "has expired" notice was shown. */
  expiredAt?: string | null
  /** Upload links: how many files had arrived when the last arrival notice was shown. */
  receivedFiles?: number | null
}

/**
 * How a link was revoked. Pre-signed URLs cannot be revoked one by one: `object-deleted` means
 * the app deleted the object (which ends every link to it); `marked` means the user ended it
 * another way (moved or overwrote the object, deactivated the key, revoked the role's sessions)
 * and told the app.
 */
export interface LinkRevocation {
  at: string
  how: 'object-deleted' | 'marked'
}

/** What revoking a link would do, shown before the user confirms. */
export interface RevokePlan {
  link: IssuedLink
  /** Other unexpired, unrevoked links to the same object that deleting it ends too. */
  otherLinks: IssuedLink[]
  /** Whether the app can end the link by deleting the object (a download link to one object). */
  canDeleteObject: boolean
  /** Why it cannot, when it cannot. */
  cannotDeleteReason: string | null
  /**
   * Deleting the latest version of an object in a versioned bucket leaves its older versions:
   * links pinned to them keep working. True when the link is pinned to a version (that version
   * is deleted) or when the bucket keeps versions (null: unknown).
   */
  versioned: boolean | null
  /**
   * Live links to the object that deleting it leaves working: in a bucket that keeps versions,
   * the links pinned to another version. Absent or empty when there are none.
   */
  survivingLinks?: IssuedLink[]
  /** What deleting does and does not end, in a sentence or two (versions, delete markers). */
  note?: string | null
}

export interface RevokeResult {
  /** Links now marked revoked (the link and, after a deletion, every other link to the object). */
  revoked: number
  deletedObject: boolean
}

/** What a removal from the registry can be undone with, for a short while. */
export interface LinkRemoval {
  count: number
  /** Pass to `links:undo` within `UNDO_WINDOW_MS`; null when nothing was removed. */
  undoToken: string | null
}

/** How long a download link would be, measured by signing it without recording it. */
export interface LinkMeasure {
  /** Characters in the URL. */
  length: number
  /** The download name the link would carry (the default one may have been shortened). */
  downloadFilename: string | null
  /** Whether the default download name was shortened to keep the link under `MAX_LINK_URL_LENGTH`. */
  shortened: boolean
}

/** One version of an object in a versioned bucket, newest first. */
export interface ObjectVersion {
  versionId: string
  isLatest: boolean
  /** A delete marker: the object looked deleted from here on. */
  isDeleteMarker: boolean
  size: number
  lastModified: string | null
  etag: string | null
}

/**
 * An upload link: a pre-signed PUT (one exact key), a pre-signed POST with a policy (limits,
 * any file name under a prefix), or a browser upload page that uses one of them.
 */
export interface UploadLinkDetails {
  kind: 'put' | 'post' | 'page'
  /** The request the uploader's file is sent with (for a page: the one the page uses). */
  uploadMethod: 'PUT' | 'POST'
  destination: UploadDestination
  /** PUT: the Content-Type bound into the signature; POST: the policy's rule; null: any. */
  contentType: ContentTypeRule | null
  /** POST only: the policy's `content-length-range`. */
  minBytes: number | null
  maxBytes: number | null
  /** POST only: the form fields in order (the `file` field comes last, after them). */
  fields: Record<string, string> | null
  /** PUT only: headers the uploader must send exactly. */
  headers: Record<string, string> | null
  /** The URL the file is sent to (for a page, `url` is the page's GET link instead). */
  uploadUrl: string
  /** A ready `curl` command with exactly what the upload needs. */
  command: string
  /** For a page: the object holding the page in the bucket (forgetting the link offers to delete it). */
  pageKey: string | null
}

/** What arrived through an upload link since it was made. */
export interface ReceivedFiles {
  linkId: string
  files: number
  bytes: number
  /** The newest arrivals first (at most 20). */
  recent: Array<{ key: string; size: number; lastModified: string | null }>
  checkedAt: string
}

/**
 * A link's state at a given moment; see `linkStatus` in `countdown.ts`. Revoked links count
 * only as `revoked`, never as active, expiring or expired.
 */
export type LinkStatusFilter = 'all' | 'active' | 'expiring' | 'expired' | 'revoked'

/** Columns the Links view sorts on. `name` is the object key. */
export type LinkSortField = 'created' | 'expires' | 'name' | 'bucket' | 'profile' | 'label'

export interface LinkSortOrder {
  field: LinkSortField
  direction: 'asc' | 'desc'
}

/** What the Links view asks main for: one page of links matching a filter. */
export interface LinkQuery {
  status?: LinkStatusFilter
  bucket?: string
  profileId?: string
  batchId?: string
  /** Searches key, label, bucket, download name; ignores case and accents ("zoe" finds "Zoë"). */
  text?: string
  sort?: LinkSortOrder
  /**
   * Shows each batch as one row (with how many of its links match) instead of its links.
   * Ignored when `batchId` is set.
   */
  groupBatches?: boolean
  offset: number
  /** At most `MAX_LINK_PAGE_SIZE`. */
  limit: number
}

/** A bulk share: many links made in one job, with one lifetime, label and download-name rule. */
export interface LinkBatch {
  id: string
  createdAt: string
  profileId: string
  bucket: string
  label: string
  /** What was shared: picked objects, or every object under a prefix (recursive). */
  source: { kind: 'selection' } | { kind: 'prefix'; prefix: string }
  requestedExpiresInSeconds: number
  /** The real expiry of the batch's links (the earlier of requested and credentials'). */
  expiresAt: string
  cappedBy: 'credentials' | null
  /** Links recorded in the registry for this batch (forgotten ones excluded). */
  linkCount: number
  /** Objects the job could not sign. */
  failedCount: number
  state: 'running' | 'done' | 'cancelled' | 'failed'
}

export type LinkListRow =
  | { kind: 'link'; link: IssuedLink }
  | {
      kind: 'batch'
      batch: LinkBatch
      /** Links of the batch matching the filter. */ matching: number
    }

export interface LinkPage {
  rows: LinkListRow[]
  /** Rows matching the filter, before offset and limit. */
  total: number
  /** Links per status matching the other filters (for the status tabs). */
  counts: Record<LinkStatusFilter, number>
  /** The registry version this page was read at (see `LinksChangedEvent`). */
  version: number
  /** The moment statuses were judged at (epoch ms). */
  now: number
  /**
   * The next moment (epoch ms) after `now` at which any stored link turns expiring or expired,
   * whether or not it is on this page: the counts are right only until then. Null: none will.
   */
  nextStatusChangeAt?: number | null
}

/** What the Links view shows above the list: where the registry came from, what it skipped. */
export interface LinkRegistryStatus {
  version: number
  /** Every stored link. */
  total: number
  /** Stored rows that could not be read; they are skipped, never hiding the others. */
  unreadable: number
  /** Set when the database file was unreadable and was moved aside at start-up. */
  recoveredFrom: { movedTo: string; reason: string } | null
  /** Set after the links of an older `links.json` were imported into the database. */
  imported: {
    from: string
    /** Where the old file was kept. */
    backup: string
    count: number
    skipped: number
    at: string
  } | null
  /** Values present in the registry, for the filter menus. */
  buckets: string[]
  profileIds: string[]
}

/**
 * Sent after every change to the registry, by this process or another (the command line).
 *
 * Small on purpose: the window refetches the page it shows; the list itself never crosses.
 */
export interface LinksChangedEvent {
  version: number
  reason: 'added' | 'removed' | 'updated' | 'external'
  /** How many links the change touched. */
  count: number
}

export type ExportFormat = 'csv' | 'json' | 'text'

export type BulkSelection = { kind: 'keys'; keys: string[] } | { kind: 'prefix'; prefix: string }

/** How each link of a batch names the downloaded file. */
export type DownloadNameRule = 'object-name' | 'none'

export interface JobError {
  key: string
  code: string
  message: string
}

/** A long task in main (e.g. a bulk share), as the window sees it. */
export interface JobState {
  id: string
  /** `link-tests`: "Test all active" (each link's key and outcome code go to `errors` when it fails). */
  kind: 'bulk-links' | 'link-tests'
  state: 'running' | 'done' | 'cancelled' | 'failed'
  phase: 'listing' | 'signing' | 'testing' | 'finished'
  /** Objects handled so far (signed or failed). */
  done: number
  /** Objects to handle, once known. */
  total: number | null
  failed: number
  /** Objects per second over the last progress interval. */
  ratePerSecond: number
  /** The first errors per object (at most `MAX_JOB_ERRORS`). */
  errors: JobError[]
  batchId: string | null
  /** Why the whole job failed, when it did. */
  error: { code: string; message: string } | null
  startedAt: string
  finishedAt: string | null
}

/** What a prefix holds, counted before a bulk share. */
export interface PrefixCount {
  objects: number
  bytes: number
  /** True when counting stopped at `limit`. */
  truncated: boolean
}

/** Settings remembered across restarts (electron-store). */
export interface Preferences {
  selectedProfileId: string | null
  /** The last bucket and folder shown, per profile id. */
  lastLocation: { profileId: string; bucket: string; prefix: string } | null
  /** The lifetime the share dialog starts with, in seconds. */
  defaultExpiresInSeconds: number
  /** Test each new download link once right after signing (the user may turn it off). */
  testNewLinks: boolean
  /** Show OS notifications for watched links (expiry, arrivals). */
  notifyWatchedLinks: boolean
  /** Session-token warnings already shown in full, by profile id (later: a one-line note). */
  seenSessionWarnings: string[]
}
