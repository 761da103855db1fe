import type { EventChannel, EventContract } from '../shared/ipc-contract'
import type { ExportFormat } from '../shared/models'
import { configFileStore, watchConfigFiles } from './adapters/aws-config-files'
import { createConnectionTester } from './adapters/connection-test'
import { createCoreServices, type CoreServices, type CoreServicesOptions } from './core-services'
import { createIpcRouter, type IpcRouter } from './ipc/router'
import { ipcSchemas } from './ipc/schemas'
import { createPreferencesService, type PreferencesBackend } from './services/preferences'
import { createProfileEditor } from './services/profile-editor'
import { keepProfilesFresh } from './services/profiles'
import { createWindowPrompter, type WindowPrompter } from './services/prompts'
import { createUploadService } from './services/uploads'
import { createLinkWatch, type Notice } from './services/link-watch'

/** What the save dialog is asked for when links are exported. */
export interface SaveFileRequest {
  /** A file name to start with, e.g. `links-2025-01-31.csv`. */
  defaultName: string
  format: ExportFormat
  content: string
}

export interface AppServicesOptions extends CoreServicesOptions {
  preferences: PreferencesBackend
  clipboard: { writeText(text: string): void | Promise<void> }
  openExternal(url: string): Promise<void>
  /** Asks the user where to save and writes the file; null when the user cancelled. */
  saveTextFile(request: SaveFileRequest): Promise<string | null>
  onUnexpectedError?: (channel: string, error: unknown) => void
}

export type EventEmitter = <C extends EventChannel>(channel: C, payload: EventContract[C]) => void

export interface AppServices {
  router: IpcRouter
  core: CoreServices
  /** MFA and sign-in questions for the window; `subscribe` attaches it, a crash should detach it. */
  prompts: WindowPrompter
  /** Starts sending main's events (profile, link and job changes) to `emit`; returns the stop function. */
  subscribe(emit: EventEmitter): () => void
  /**
   * Starts notifications for watched links (expiry, arrivals); `notify` shows one (the OS's
   * notification in the app). Returns the stop function.
   */
  startNotifications(notify: (notice: Notice) => void): () => void
  /** Closes the registry (on quit). */
  close(): void
}

/**
 * Builds every service with its real adapters and the IPC router over them.
 *
 * Used by the Electron composition root and, unchanged, by the end-to-end tests, so what the
 * tests drive is what the app runs. Electron-only pieces (clipboard, shell, dialogs, the
 * preferences store) come in as options.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const prompts = createWindowPrompter(options.clock ? { clock: options.clock } : {})
  const preferences = createPreferencesService(options.preferences)
  const core = createCoreServices({
    ...options,
    prompter: prompts,
    // Renewals, upload pages and bulk shares follow the setting as single links do.
    testNewLinks: () => preferences.get().testNewLinks
  })
  const { paths, clock, profiles, credentials, gateway, browsing, links, signing, jobs, bulk } =
    core
  const uploads = createUploadService({ links, gateway, clock })
  const profileEditor = createProfileEditor({
    paths,
    files: configFileStore,
    profiles,
    credentials,
    caches: [credentials, gateway, browsing],
    testConnection: createConnectionTester(options.network)
  })

  async function exportLinks(
    request: Parameters<typeof links.exportLinks>[0]
  ): Promise<{ path: string; count: number } | null> {
    const { content, count } = links.exportLinks(request)
    const day = new Date(clock.now()).toISOString().slice(0, 10)
    const path = await options.saveTextFile({
      defaultName: `links-${day}.${request.format === 'text' ? 'txt' : request.format}`,
      format: request.format,
      content
    })
    return path === null ? null : { path, count }
  }

  const router = createIpcRouter(
    ipcSchemas,
    {
      'profiles:list': () => profiles.snapshot(),
      'credentials:status': ({ profileId }) => credentials.sessionState(profileId),
      'profiles:get-editable': ({ name }) => profileEditor.getEditable(name),
      'profiles:test': (request) => profileEditor.test(request),
      'profiles:save': (request) => profileEditor.save(request),
      'buckets:list': ({ profileId }) => browsing.listBuckets(profileId),
      'buckets:region': ({ profileId, bucket }) => browsing.regionOf(profileId, bucket),
      'objects:list': (request) => browsing.listObjects(request),
      'objects:head': (request) => browsing.headObject(request),
      'objects:count': ({ profileId, bucket, prefix, limit }) =>
        bulk.countPrefix(profileId, bucket, prefix, limit),
      // Tested once unless the request or the user's setting says not to.
      'links:create-download': (request) => signing.createDownloadLink(request),
      'links:measure': (request) => signing.measureDownloadLink(request),
      'links:renew': ({ id }) => signing.renew(id),
      'links:chain': ({ id }) => signing.chain(id),
      'objects:versions': (request) => browsing.listVersions(request),
      'links:query': (query) => links.query(query),
      'links:status': () => links.status(),
      'links:create-upload': (request) => signing.createUploadLink(request),
      'links:received': ({ id }) => uploads.received(id),
      'links:forget': ({ id, deletePage }) =>
        uploads.forget(id, { deletePage: deletePage === true }),
      'links:forget-batch': ({ batchId }) => links.forgetBatch(batchId),
      'links:clear-expired': () => links.clearExpired(),
      'links:undo': ({ undoToken }) => links.undo(undoToken),
      'links:watch': ({ id, watched }) => links.update(id, { watched }),
      'links:revoke-plan': ({ id }) => core.revoke.plan(id),
      'links:revoke': ({ id, action }) => core.revoke.revoke(id, action),
      'links:open-in-browser': ({ id }) => options.openExternal(links.urlToOpen(id)),
      'links:copy-batch': async ({ batchId }) => {
        const urls = links.batchUrls(batchId)
        await options.clipboard.writeText(urls.join('\n'))
        return urls.length
      },
      'links:export': (request) => exportLinks(request),
      'bulk:start': (request) => bulk.start(request),
      'links:test': ({ id }) => core.linkChecks.test(id),
      'links:test-all': () => core.linkChecks.testAll(),
      'jobs:get': ({ jobId }) => jobs.get(jobId),
      'jobs:cancel': ({ jobId }) => jobs.cancel(jobId),
      'preferences:get': () => preferences.get(),
      'preferences:set': (patch) => preferences.set(patch),
      'clipboard:write-text': ({ text }) => options.clipboard.writeText(text),
      'prompts:current': () => prompts.current(),
      'prompts:answer': ({ id, answer }) => prompts.answer(id, answer),
      'prompts:cancel': ({ id }) => prompts.answer(id, { kind: 'cancel' }),
      'sso:status': ({ profileId }) => core.sso.status(profileId),
      'sso:sign-in': ({ profileId }) => core.sso.signIn(profileId),
      'sso:sign-out': ({ profileId }) => core.sso.signOut(profileId),
      'sso:open-page': ({ profileId }) => core.sso.openPage(profileId)
    },
    options.onUnexpectedError ? { onUnexpectedError: options.onUnexpectedError } : {}
  )

  return {
    router,
    core,
    prompts,
    subscribe(emit) {
      // The files may have changed while no window was listening (macOS keeps the app open).
      emit('profiles:changed', profiles.reload())
      const stopWatching = keepProfilesFresh({
        watch: (onFilesChanged) => watchConfigFiles(paths, onFilesChanged),
        profiles,
        caches: [credentials, gateway, browsing],
        onChange: (snapshot) => emit('profiles:changed', snapshot)
      })
      const stopLinks = links.onChange((event) => emit('links:changed', event))
      const stopJobs = jobs.onChange((state) => emit('jobs:changed', state))
      const stopPrompts = prompts.attach({
        show: (request) => emit('prompts:ask', request),
        settled: (event) => emit('prompts:settled', event)
      })
      return () => {
        stopWatching()
        stopLinks()
        stopJobs()
        stopPrompts()
      }
    },
    startNotifications(notify) {
      const watch = createLinkWatch({
        links,
        received: (id) => uploads.received(id),
        notify,
        enabled: () => preferences.get().notifyWatchedLinks,
        clock
      })
      watch.start()
      return () => watch.stop()
    },
    close: () => core.close()
  }
}
