/**
 * Runs the built main bundle against the Electron stand-in and writes what happened as JSON.
 *
 *   node --import ./register-electron-stand-in.ts ./run-main-bundle.ts
 *
 * with S3SM_BUNDLE_MAIN (the bundle), S3SM_BUNDLE_REPORT (where the JSON goes) and the
 * stand-in's variables (see electron-stand-in.ts). It plays Electron's part: the app becomes
 * ready, then the driver asks the app's own protocol handler for the page it loaded and its
 * assets, calls every registered IPC handler as the window and as strangers, tries the window's
 * hardening, starts a second instance, and closes the window as a user would. The test that
 * spawns this process (main-bundle.test.ts) makes the assertions; this file only reports.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { format } from 'node:util'
import { app, control, type Recording } from './electron-stand-in.ts'

export interface FetchedFile {
  url: string
  status: number
  contentType: string | null
}

export interface IpcAnswer {
  ok: boolean | null
  code: string | null
}

export interface BundleReport {
  recording: Recording
  /** Uncaught exceptions and unhandled rejections, with their stacks. */
  errors: string[]
  consoleErrors: string[]
  platform: string
  /** The page the window loaded, fetched through the app's own `app:` handler, with its assets. */
  page: (FetchedFile & { assets: FetchedFile[] }) | null
  /** Requests the app's handler must refuse: outside the renderer folder, not GET. */
  refused: (FetchedFile & { method: string })[]
  /**
   * Every registered channel called with no arguments: from the window showing the page it
   * loaded, from another window, and from the app window showing other pages (keyed by URL).
   */
  ipc: {
    channel: string
    fromWindow: IpcAnswer
    fromOtherWindow: IpcAnswer
    fromOtherPages: Record<string, IpcAnswer>
  }[]
  /** `profiles:list` as the window: the services behind the handlers really run. */
  profiles: unknown
  windowOpen: { url: string; answer: unknown }[]
  navigationPrevented: boolean | null
  permissions: { requestGranted: boolean | null; checkGranted: boolean | null }
  secondInstance: { callsAfter: string[]; minimizedAfter: boolean } | null
  /** Files in the user-data folder after quitting. */
  userDataFiles: string[]
  /** How the run ended: the app quit, failed to load, did not quit, or the hang guard fired. */
  finished: 'quit' | 'load-failed' | 'never-quit' | 'watchdog'
}

const bundlePath = requiredEnv('S3SM_BUNDLE_MAIN')
const reportPath = requiredEnv('S3SM_BUNDLE_REPORT')
const userDataDir = requiredEnv('S3SM_STAND_IN_USER_DATA')

const report: BundleReport = {
  recording: control.finalRecording(),
  errors: [],
  consoleErrors: [],
  platform: process.platform,
  page: null,
  refused: [],
  ipc: [],
  profiles: null,
  windowOpen: [],
  navigationPrevented: null,
  permissions: { requestGranted: null, checkGranted: null },
  secondInstance: null,
  userDataFiles: [],
  finished: 'watchdog'
}

process.on('uncaughtException', (error) => report.errors.push(describe(error)))
process.on('unhandledRejection', (reason) => report.errors.push(describe(reason)))
console.error = (...args: unknown[]) => report.consoleErrors.push(format(...args))

// A hang guard, not a speed check (the test's own timeout is longer): a bundle stuck in its
// quit sequence still gets its report written.
const watchdog = setTimeout(() => finish('watchdog'), 45_000)

try {
  await import(pathToFileURL(bundlePath).href)
} catch (error) {
  report.errors.push(describe(error))
  finish('load-failed')
}
await settle()

if (report.recording.singleInstanceLock.granted) {
  control.becomeReady()
  await settle()
  const [window] = control.openWindows()
  if (window) {
    const pageUrl = window.record.loads.at(-1)?.target ?? ''
    try {
      await probeProtocol(pageUrl)
      await probeIpc(window.webContents.id, pageUrl)
      await probeHardening(window)
      await probeSecondInstance(window)
    } catch (error) {
      report.errors.push(`while probing: ${describe(error)}`)
    }
    window.close()
    await settle()
    // macOS keeps the app running with no window; quit as Cmd+Q would.
    if (process.platform === 'darwin' && report.recording.quit.requested === 0) app.quit()
  }
}
await settle()
if (report.recording.quit.requested === 0) finish('never-quit')
await control.quitDone
finish('quit')

async function probeProtocol(pageUrl: string): Promise<void> {
  const handler = control.protocolHandler(new URL(pageUrl).protocol.slice(0, -1))
  if (!handler) return
  const fetchFile = async (url: string, method = 'GET') => {
    const response = await handler(new Request(url, { method }))
    const file = { url, status: response.status, contentType: response.headers.get('content-type') }
    return { file, text: response.status === 200 ? await response.text() : '' }
  }
  const page = await fetchFile(pageUrl)
  const assets: FetchedFile[] = []
  for (const [, reference] of page.text.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    assets.push((await fetchFile(new URL(reference!, pageUrl).href)).file)
  }
  report.page = { ...page.file, assets }
  const origin = `${new URL(pageUrl).protocol}//${new URL(pageUrl).host}`
  for (const [path, method] of [
    ['/..%2fmain/index.js', 'GET'],
    ['/%2e%2e/preload/index.cjs', 'GET'],
    ['/..%5cmain%5cindex.js', 'GET'],
    ['/assets/..%2f..%2fmain/index.js', 'GET'],
    ['/index.html%00.js', 'GET'],
    ['/index.html', 'POST']
  ] as const) {
    report.refused.push({ ...(await fetchFile(`${origin}${path}`, method)).file, method })
  }
}

async function probeIpc(windowContentsId: number, pageUrl: string): Promise<void> {
  const fromWindow = { sender: { id: windowContentsId }, senderFrame: { url: pageUrl } }
  const fromOtherWindow = { sender: { id: windowContentsId + 1000 }, senderFrame: { url: pageUrl } }
  // A web page, the same index.html over file:// (the origin the app used to have), and the dev
  // server when one is named but not the page the window loaded (a packaged app).
  const otherPages = [
    'https://attacker.example/index.html',
    pathToFileURL(join(dirname(bundlePath), '../renderer/index.html')).href,
    process.env['ELECTRON_RENDERER_URL']
  ].filter((url): url is string => url !== undefined && url !== pageUrl)
  const ask = async (channel: string, event: unknown): Promise<IpcAnswer> => {
    const answer = (await control.invokeHandler(channel)!(event, undefined)) as {
      ok?: unknown
      error?: { code?: unknown }
    } | null
    return {
      ok: typeof answer?.ok === 'boolean' ? answer.ok : null,
      code: typeof answer?.error?.code === 'string' ? answer.error.code : null
    }
  }
  for (const channel of new Set(report.recording.ipcHandled)) {
    const fromOtherPages: Record<string, IpcAnswer> = {}
    for (const url of otherPages) {
      fromOtherPages[url] = await ask(channel, {
        sender: { id: windowContentsId },
        senderFrame: { url }
      })
    }
    report.ipc.push({
      channel,
      fromWindow: await ask(channel, fromWindow),
      fromOtherWindow: await ask(channel, fromOtherWindow),
      fromOtherPages
    })
  }
  const profiles = control.invokeHandler('profiles:list')
  if (profiles) report.profiles = await profiles(fromWindow, undefined)
}

async function probeHardening(
  window: ReturnType<typeof control.openWindows>[number]
): Promise<void> {
  for (const url of ['https://example.com/docs', 'file:///etc/passwd', 'javascript:alert(1)']) {
    const handler = control.windowOpenHandler(window.webContents.id)
    report.windowOpen.push({ url, answer: handler?.({ url }) })
  }
  let prevented = false
  const event = { preventDefault: () => (prevented = true) }
  if (window.webContents.listenerCount('will-navigate') > 0) {
    window.webContents.emit('will-navigate', event, 'https://attacker.example/')
    report.navigationPrevented = prevented
  }
  const request = control.permissionRequestHandler()
  request?.(window.webContents, 'media', (granted) => (report.permissions.requestGranted = granted))
  const check = control.permissionCheckHandler()
  if (check) report.permissions.checkGranted = check(window.webContents, 'media', '', {})
  await settle()
}

async function probeSecondInstance(
  window: ReturnType<typeof control.openWindows>[number]
): Promise<void> {
  window.minimize()
  const before = window.record.calls.length
  app.emit('second-instance', { preventDefault() {} }, ['s3-share-manager'], process.cwd(), {})
  await settle()
  report.secondInstance = {
    callsAfter: window.record.calls.slice(before),
    minimizedAfter: window.isMinimized()
  }
}

function finish(how: BundleReport['finished']): void {
  clearTimeout(watchdog)
  report.finished = how
  report.recording = control.finalRecording()
  report.userDataFiles = existsSync(userDataDir) ? readdirSync(userDataDir) : []
  writeFileSync(reportPath, JSON.stringify(report, null, 2))
  // Electron ends the process after `quit`, whatever timers or watchers are left.
  process.exit(0)
}

/** Lets queued callbacks run: promise jobs, immediates, the bundle's `then`s. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    await new Promise((resolve) => setImmediate(resolve))
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : format(error)
}

function requiredEnv(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`run-main-bundle: set ${name}`)
  return value
}
