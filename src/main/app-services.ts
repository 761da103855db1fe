import type { EventChannel, EventContract } from '../shared/ipc-contract'
import { sdkProviderFor } from './adapters/aws-credentials'
import {
  readConfigFiles,
  resolveConfigFilePaths,
  watchConfigFiles
} from './adapters/aws-config-files'
import { createS3Gateway } from './adapters/s3-gateway'
import { createIpcRouter, type IpcRouter } from './ipc/router'
import { ipcSchemas } from './ipc/schemas'
import { createBrowsingService } from './services/browsing'
import { createCredentialCache } from './services/credential-cache'
import { createLinkService, type LinkRepository } from './services/links'
import { systemClock, type Clock } from './services/ports'
import { createProfileService, keepProfilesFresh, type Env } from './services/profiles'
import { createSigningService } from './services/signing'

export interface AppServicesOptions {
  /** Where AWS_PROFILE, AWS_CONFIG_FILE and friends are read from. */
  env: Env
  linkRepository: LinkRepository
  clipboard: { writeText(text: string): void | Promise<void> }
  openExternal(url: string): Promise<void>
  clock?: Clock
  onUnexpectedError?: (channel: string, error: unknown) => void
}

export type EventEmitter = <C extends EventChannel>(channel: C, payload: EventContract[C]) => void

export interface AppServices {
  router: IpcRouter
  /** Starts sending main's events (profile and link changes) to `emit`; returns the stop function. */
  subscribe(emit: EventEmitter): () => void
}

/**
 * Builds every service with its real adapters and the IPC router over them.
 *
 * Used by the Electron composition root and, unchanged, by the end-to-end tests, so what the
 * tests drive is what the app runs. Electron-only pieces (clipboard, shell, the store's folder)
 * come in as options.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const clock = options.clock ?? systemClock
  const paths = resolveConfigFilePaths(options.env)
  const profiles = createProfileService({
    readConfigFiles: () => readConfigFiles(paths),
    env: options.env
  })
  const credentials = createCredentialCache({
    providerFor: sdkProviderFor({ paths, profiles }),
    clock
  })
  const gateway = createS3Gateway({ profiles, credentials })
  const browsing = createBrowsingService({ profiles, gateway, clock })
  const links = createLinkService({ repository: options.linkRepository, clock })
  const signing = createSigningService({
    profiles,
    regions: browsing,
    credentials,
    gateway,
    links,
    clock
  })

  const router = createIpcRouter(
    ipcSchemas,
    {
      'profiles:list': () => profiles.snapshot(),
      'credentials:status': ({ profileId }) => credentials.status(profileId),
      'buckets:list': ({ profileId }) => browsing.listBuckets(profileId),
      'buckets:region': ({ profileId, bucket }) => browsing.regionOf(profileId, bucket),
      'objects:list': (request) => browsing.listObjects(request),
      'objects:head': (request) => browsing.headObject(request),
      'links:create-download': (request) => signing.createDownloadLink(request),
      'links:list': () => links.snapshot(),
      'links:forget': ({ id }) => links.forget(id),
      'links:clear-expired': () => links.clearExpired(),
      'links:open-in-browser': ({ id }) => options.openExternal(links.urlToOpen(id)),
      'clipboard:write-text': ({ text }) => options.clipboard.writeText(text)
    },
    options.onUnexpectedError ? { onUnexpectedError: options.onUnexpectedError } : {}
  )

  return {
    router,
    subscribe(emit) {
      // The files may have changed while no window was listening (macOS keeps the app open).
      emit('profiles:changed', profiles.reload())
      const stopWatching = keepProfilesFresh({
        watch: (onFilesChanged) => watchConfigFiles(paths, onFilesChanged),
        profiles,
        caches: [credentials, gateway, browsing],
        onChange: (snapshot) => emit('profiles:changed', snapshot)
      })
      const stopLinks = links.onChange((snapshot) => emit('links:changed', snapshot))
      return () => {
        stopWatching()
        stopLinks()
      }
    }
  }
}
