import type { IpcResult } from './errors'
import type {
  BucketSummary,
  CredentialsStatus,
  IssuedLink,
  LinksSnapshot,
  ObjectDetails,
  ObjectPage,
  ProfilesSnapshot
} from './models'

/** Sentinel id of the entry for credentials found in `AWS_ACCESS_KEY_ID` and friends. */
export const ENVIRONMENT_PROFILE_ID = '$environment'

/** The SigV4 limits on a pre-signed URL's lifetime, in seconds. */
export const MIN_LINK_SECONDS = 1
export const MAX_LINK_SECONDS = 604_800

/**
 * Every request channel: its argument and its result.
 *
 * Main derives typed handlers from this map, the preload exposes one method per channel,
 * and the renderer gets a typed client. Add a channel here first.
 */
export interface InvokeContract {
  'profiles:list': { args: void; result: ProfilesSnapshot }
  'credentials:status': { args: { profileId: string }; result: CredentialsStatus }
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
  'links:create-download': {
    args: {
      profileId: string
      bucket: string
      key: string
      expiresInSeconds: number
      label?: string
      /** The name the browser saves the file as: undefined for the key's own name, null for none. */
      downloadFilename?: string | null
    }
    result: IssuedLink
  }
  'links:list': { args: void; result: LinksSnapshot }
  'links:forget': { args: { id: string }; result: void }
  'links:clear-expired': { args: void; result: number }
  'links:open-in-browser': { args: { id: string }; result: void }
  'clipboard:write-text': { args: { text: string }; result: void }
}

export type InvokeChannel = keyof InvokeContract
export type InvokeArgs<C extends InvokeChannel> = InvokeContract[C]['args']
export type InvokeResult<C extends InvokeChannel> = InvokeContract[C]['result']

/** Events main pushes to the renderer. */
export interface EventContract {
  'profiles:changed': ProfilesSnapshot
  'links:changed': LinksSnapshot
}

export type EventChannel = keyof EventContract

/** The renderer-facing method name of each request channel; the preload exposes exactly these. */
export const invokeMethods = {
  listProfiles: 'profiles:list',
  getCredentialsStatus: 'credentials:status',
  listBuckets: 'buckets:list',
  getBucketRegion: 'buckets:region',
  listObjects: 'objects:list',
  headObject: 'objects:head',
  createDownloadLink: 'links:create-download',
  listLinks: 'links:list',
  forgetLink: 'links:forget',
  clearExpiredLinks: 'links:clear-expired',
  openLinkInBrowser: 'links:open-in-browser',
  writeClipboardText: 'clipboard:write-text'
} as const satisfies Record<string, InvokeChannel>

/** The renderer-facing subscription name of each event channel. */
export const eventMethods = {
  onProfilesChanged: 'profiles:changed',
  onLinksChanged: 'links:changed'
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
