import type { IpcResult } from './errors'
import type {
  BucketSummary,
  BulkSelection,
  CredentialsStatus,
  DownloadNameRule,
  EditableProfile,
  ExportFormat,
  IssuedLink,
  JobState,
  LinkDisposition,
  LinkMeasure,
  LinkPage,
  LinkQuery,
  LinkRemoval,
  LinkRegistryStatus,
  LinksChangedEvent,
  ObjectDetails,
  ObjectPage,
  ObjectVersion,
  Preferences,
  PrefixCount,
  ProfileDraft,
  ProfileTestResult,
  ProfilesSnapshot,
  ReceivedFiles,
  RevokePlan,
  RevokeResult
} from './models'
import type { ContentTypeRule, UploadDestination } from './upload-links'
import type { PromptAnswer, PromptRequest, PromptSettled, SsoSessionStatus } from './prompts'

/** Sentinel id of the entry for credentials found in `AWS_ACCESS_KEY_ID` and friends. */
export const ENVIRONMENT_PROFILE_ID = '$environment'

/** The SigV4 limits on a pre-signed URL's lifetime, in seconds. */
export const MIN_LINK_SECONDS = 1
export const MAX_LINK_SECONDS = 604_800

/** The most rows one `links:query` returns. */
export const MAX_LINK_PAGE_SIZE = 500

/** The most keys one bulk share takes from a selection. */
export const MAX_BULK_KEYS = 100_000

/** The most per-object errors a job keeps. */
export const MAX_JOB_ERRORS = 100

/** Above this many objects, sharing a folder asks for confirmation. */
export const BULK_CONFIRM_THRESHOLD = 1_000

/**
 * The longest URL the app makes by default: many servers and proxies refuse request lines
 * beyond 8 KB. A URL is ASCII, so characters and bytes are the same count.
 */
export const MAX_LINK_URL_LENGTH = 8_192

/** Above this length the dialog warns: mail clients and chat tools break long URLs. */
export const LONG_LINK_WARNING_LENGTH = 2_000

/** How long a forgotten or cleared link can be brought back (`links:undo`). */
export const UNDO_WINDOW_MS = 10_000

/** How long before a watched link expires the OS notifies. */
export const WATCH_NOTICE_LEAD_MS = 10 * 60_000

/** How a download link is signed: shared by `links:create-download` and `links:measure`. */
export interface DownloadLinkOptions {
  profileId: string
  bucket: string
  key: string
  /** The lifetime in seconds; give this or `until`, not both. */
  expiresInSeconds?: number
  /** The moment (ISO) the link ends, within 7 days of signing; give this or `expiresInSeconds`. */
  until?: string
  /** The name the browser saves the file as: undefined for the key's own name, null for none. */
  downloadFilename?: string | null
  /** `attachment` (the default) saves the file; `inline` lets the browser show it. */
  disposition?: LinkDisposition
  /** Overrides the Content-Type the recipient gets; null or absent keeps the stored one. */
  contentType?: string | null
  /** Pins the link to one version of the object; null or absent for the latest. */
  versionId?: string | null
}

/**
 * Every request channel: its argument and its result.
 *
 * Main derives typed handlers from this map, the preload exposes one method per channel,
 * and the renderer gets a typed client. Add a channel here first.
 */
export interface InvokeContract {
  'profiles:list': { args: void; result: ProfilesSnapshot }
  'credentials:status': { args: { profileId: string }; result: CredentialsStatus }
  /** A stored profile as the edit form starts from, without its secrets. */
  'profiles:get-editable': { args: { name: string }; result: EditableProfile }
  /**
   * Tries a draft before it is saved: ListBuckets, or HeadBucket on `bucket`. `replace` names
   * the stored profile being edited, whose secret is used when the draft leaves it empty.
   */
  'profiles:test': {
    args: { draft: ProfileDraft; replace?: string; bucket?: string }
    result: ProfileTestResult
  }
  /** Writes a draft to the AWS files (`replace`: the profile it replaces, maybe renamed). */
  'profiles:save': { args: { draft: ProfileDraft; replace?: string }; result: ProfilesSnapshot }
  'buckets:list': { args: { profileId: string }; result: BucketSummary[] }
  'buckets:region': { args: { profileId: string; bucket: string }; result: string }
  'objects:list': {
    args: { profileId: string; bucket: string; prefix: string; token?: string | null }
    result: ObjectPage
  }
  'objects:head': {
    args: { profileId: string; bucket: string; key: string }
    result: ObjectDetails
  }
  /**
   * Signs a GET link, tests it once (unless `selfTest` is false) and records it with the test's
   * result; a link that failed its test is still returned, for the user to decide.
   */
  'links:create-download': {
    args: DownloadLinkOptions & { label?: string; selfTest?: boolean }
    result: IssuedLink
  }
  /** Signs a download link without recording it, to tell its length before it is made. */
  'links:measure': { args: DownloadLinkOptions; result: LinkMeasure }
  /** Fetches a download link once (`Range: bytes=0-0`) and records the result. */
  'links:test': { args: { id: string }; result: IssuedLink }
  /** Tests every active download link with bounded concurrency, as a job. */
  'links:test-all': { args: void; result: JobState }
  /** Signs a new link like an expired or expiring one (same object, name, label, lifetime). */
  'links:renew': { args: { id: string }; result: IssuedLink }
  /** Every link in a link's renewal chain, oldest first. */
  'links:chain': { args: { id: string }; result: IssuedLink[] }
  /** Turns notifications for a link on or off. */
  'links:watch': { args: { id: string; watched: boolean }; result: IssuedLink }
  /** What revoking a link would do; nothing changes yet. */
  'links:revoke-plan': { args: { id: string }; result: RevokePlan }
  /**
   * `delete-object` deletes the object (the version a pinned link names) and marks every link to
   * it revoked; `mark` only marks the link, for a user who ended it another way.
   */
  'links:revoke': {
    args: { id: string; action: 'delete-object' | 'mark' }
    result: RevokeResult
  }
  /** Brings back what a forget or clear removed, within `UNDO_WINDOW_MS`; returns how many. */
  'links:undo': { args: { undoToken: string }; result: number }
  /** The versions of an object, newest first; an unversioned bucket gives one, version id `'null'`. */
  'objects:versions': {
    args: { profileId: string; bucket: string; key: string }
    result: ObjectVersion[]
  }
  /** Signs an upload link (PUT, POST, or a browser page over one of them) and records it. */
  'links:create-upload': {
    args: {
      profileId: string
      bucket: string
      /** An exact key (PUT or POST), or any file name under a prefix (POST only). */
      destination: UploadDestination
      method: 'PUT' | 'POST'
      expiresInSeconds: number
      label?: string
      /** PUT: exact only; POST: exact or starts-with; null or absent for any type. */
      contentType?: ContentTypeRule | null
      /** POST only. */
      minBytes?: number
      maxBytes?: number
      /** Publishes a browser upload page at `page.key` and shares it as a GET link. */
      page?: { key: string; title?: string; note?: string } | null
    }
    result: IssuedLink
  }
  /** Checks (HEAD for a key, a listing for a prefix) what arrived through an upload link. */
  'links:received': { args: { id: string }; result: ReceivedFiles }
  'links:query': { args: LinkQuery; result: LinkPage }
  'links:status': { args: void; result: LinkRegistryStatus }
  /** `deletePage`: also delete an upload link's page object from the bucket. */
  'links:forget': { args: { id: string; deletePage?: boolean }; result: LinkRemoval }
  /** Forgets every link of a batch and the batch. */
  'links:forget-batch': { args: { batchId: string }; result: LinkRemoval }
  'links:clear-expired': { args: void; result: LinkRemoval }
  'links:open-in-browser': { args: { id: string }; result: void }
  /** Puts every URL of a batch on the clipboard, one per line; returns how many. */
  'links:copy-batch': { args: { batchId: string }; result: number }
  /**
   * Writes links to a file the user picks in a save dialog (a batch, or everything a filter
   * matches); null when the user cancelled the dialog.
   */
  'links:export': {
    args: {
      format: ExportFormat
      batchId?: string
      query?: Omit<LinkQuery, 'offset' | 'limit' | 'groupBatches'>
    }
    result: { path: string; count: number } | null
  }
  /** Counts the objects under a prefix (recursive), up to `limit`. */
  'objects:count': {
    args: { profileId: string; bucket: string; prefix: string; limit?: number }
    result: PrefixCount
  }
  /** Starts a bulk share in main; progress follows as `jobs:changed` events. */
  'bulk:start': {
    args: {
      profileId: string
      bucket: string
      selection: BulkSelection
      expiresInSeconds: number
      label?: string
      downloadNameRule: DownloadNameRule
    }
    result: JobState
  }
  'jobs:get': { args: { jobId: string }; result: JobState }
  /** Stops a job; what it finished stays. */
  'jobs:cancel': { args: { jobId: string }; result: JobState }
  'preferences:get': { args: void; result: Preferences }
  'preferences:set': { args: Partial<Preferences>; result: Preferences }
  'clipboard:write-text': { args: { text: string }; result: void }
  /** The question main is waiting on now, for a window that (re)loads while one is open. */
  'prompts:current': { args: void; result: PromptRequest | null }
  /** Answers the question shown; accepted only while it is the one shown. */
  'prompts:answer': { args: { id: string; answer: PromptAnswer }; result: void }
  'prompts:cancel': { args: { id: string }; result: void }
  /** The profile's SSO session (its own or its source profile's); null when it uses no SSO. */
  'sso:status': { args: { profileId: string }; result: SsoSessionStatus | null }
  /** Runs the device sign-in (browser, code dialog); resolves once signed in. */
  'sso:sign-in': { args: { profileId: string }; result: SsoSessionStatus }
  /** Removes the cached token, as `aws sso logout` does for that session. */
  'sso:sign-out': { args: { profileId: string }; result: SsoSessionStatus | null }
  /** Opens the running sign-in's approval page in the browser again. */
  'sso:open-page': { args: { profileId: string }; result: void }
}

export type InvokeChannel = keyof InvokeContract
export type InvokeArgs<C extends InvokeChannel> = InvokeContract[C]['args']
export type InvokeResult<C extends InvokeChannel> = InvokeContract[C]['result']

/** Events main pushes to the renderer. */
export interface EventContract {
  'profiles:changed': ProfilesSnapshot
  'links:changed': LinksChangedEvent
  /** A job's state, at most a few times a second while it runs, and once when it ends. */
  'jobs:changed': JobState
  /** Main asks the user something (an MFA code, a sign-in code to approve) and waits. */
  'prompts:ask': PromptRequest
  /** A question ended (answered, cancelled, timed out or taken back): its dialog closes. */
  'prompts:settled': PromptSettled
}

export type EventChannel = keyof EventContract

/** The renderer-facing method name of each request channel; the preload exposes exactly these. */
export const invokeMethods = {
  listProfiles: 'profiles:list',
  getCredentialsStatus: 'credentials:status',
  getEditableProfile: 'profiles:get-editable',
  testProfile: 'profiles:test',
  saveProfile: 'profiles:save',
  listBuckets: 'buckets:list',
  getBucketRegion: 'buckets:region',
  listObjects: 'objects:list',
  headObject: 'objects:head',
  createDownloadLink: 'links:create-download',
  measureDownloadLink: 'links:measure',
  testLink: 'links:test',
  testAllLinks: 'links:test-all',
  renewLink: 'links:renew',
  getLinkChain: 'links:chain',
  watchLink: 'links:watch',
  planRevoke: 'links:revoke-plan',
  revokeLink: 'links:revoke',
  undoRemoval: 'links:undo',
  listObjectVersions: 'objects:versions',
  createUploadLink: 'links:create-upload',
  checkReceived: 'links:received',
  queryLinks: 'links:query',
  getLinkRegistryStatus: 'links:status',
  forgetLink: 'links:forget',
  forgetBatch: 'links:forget-batch',
  clearExpiredLinks: 'links:clear-expired',
  openLinkInBrowser: 'links:open-in-browser',
  copyBatch: 'links:copy-batch',
  exportLinks: 'links:export',
  countObjects: 'objects:count',
  startBulkShare: 'bulk:start',
  getJob: 'jobs:get',
  cancelJob: 'jobs:cancel',
  getPreferences: 'preferences:get',
  setPreferences: 'preferences:set',
  writeClipboardText: 'clipboard:write-text',
  getCurrentPrompt: 'prompts:current',
  answerPrompt: 'prompts:answer',
  cancelPrompt: 'prompts:cancel',
  getSsoStatus: 'sso:status',
  signInSso: 'sso:sign-in',
  signOutSso: 'sso:sign-out',
  openSsoPage: 'sso:open-page'
} as const satisfies Record<string, InvokeChannel>

/** The renderer-facing subscription name of each event channel. */
export const eventMethods = {
  onProfilesChanged: 'profiles:changed',
  onLinksChanged: 'links:changed',
  onJobChanged: 'jobs:changed',
  onPromptAsked: 'prompts:ask',
  onPromptSettled: 'prompts:settled'
} as const satisfies Record<string, EventChannel>

export type InvokeMethodName = keyof typeof invokeMethods
export type EventMethodName = keyof typeof eventMethods

/** The shape of `window.api`, built from the maps above. Results arrive wrapped in `IpcResult`. */
export type BridgeApi = {
  [M in InvokeMethodName]: (
    args: InvokeArgs<(typeof invokeMethods)[M]>
  ) => Promise<IpcResult<InvokeResult<(typeof invokeMethods)[M]>>>
} & {
  [M in EventMethodName]: (
    listener: (payload: EventContract[(typeof eventMethods)[M]]) => void
  ) => () => void
}

type MissingChannels = Exclude<InvokeChannel, (typeof invokeMethods)[InvokeMethodName]>
/** Fails to compile when a channel has no renderer method. */
export const everyChannelHasAMethod: MissingChannels extends never ? true : never = true
