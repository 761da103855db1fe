import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invokeMethods } from '../../src/shared/ipc-contract'
import { APP_PAGE_URL, resolveAppUrl } from '../../src/main/window/app-protocol'
import { builtFile, OUT_DIR } from './built-output'
import type { BundleReport } from './run-main-bundle'

/**
 * Smoke tests of `out/main/index.js`, the bundle `npm start` runs, in Node with a recording
 * stand-in for `electron` (see electron-stand-in.ts and run-main-bundle.ts). Unit tests check
 * the sources; these catch what only the bundle can get wrong: imports, ESM/CJS, paths.
 */

const HERE = import.meta.dirname
const DEV_SERVER_URL = 'http://localhost:5173/'
const UNTRUSTED = { ok: false, code: 'untrusted-sender' }
const scratch: string[] = []

interface Run {
  packaged?: boolean
  lock?: 'granted' | 'refused'
  devServerUrl?: string
}

/** Runs the bundle in a fresh Node process, with its own home and user-data folders. */
async function runMainBundle(run: Run = {}): Promise<BundleReport & { userDataDir: string }> {
  const bundle = builtFile('main/index.js')
  const base = mkdtempSync(join(tmpdir(), 's3sm-bundle-'))
  scratch.push(base)
  const home = join(base, 'home')
  const userDataDir = join(base, 'user-data')
  mkdirSync(join(home, '.aws'), { recursive: true })
  mkdirSync(userDataDir)
  writeFileSync(join(home, '.aws', 'config'), '[profile smoke]\nregion = eu-west-1\n')
  const reportPath = join(base, 'report.json')
  // A clean environment: no AWS_* variables or dev server URL from the shell running the tests.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    USERPROFILE: home,
    TMPDIR: process.env['TMPDIR'],
    SystemRoot: process.env['SystemRoot'],
    S3SM_BUNDLE_MAIN: bundle,
    S3SM_BUNDLE_REPORT: reportPath,
    S3SM_STAND_IN_USER_DATA: userDataDir,
    S3SM_STAND_IN_PACKAGED: run.packaged ? '1' : '0',
    S3SM_STAND_IN_LOCK: run.lock ?? 'granted',
    ...(run.devServerUrl ? { ELECTRON_RENDERER_URL: run.devServerUrl } : {})
  }
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', join(HERE, 'register-electron-stand-in.ts'), join(HERE, 'run-main-bundle.ts')],
      { env, cwd: base, timeout: 55_000 },
      (error, _stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | null) ?? null) : 0, stderr })
    )
  })
  if (code !== 0 || !existsSync(reportPath)) {
    throw new Error(`the bundle's driver exited with ${code}:\n${stderr}`)
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as BundleReport
  return { ...report, userDataDir }
}

/** What went wrong, in one string, for assertion messages. */
function problems(report: BundleReport): string {
  return JSON.stringify(
    {
      errors: report.errors,
      consoleErrors: report.consoleErrors,
      misuse: report.recording.misuse,
      missing: report.recording.missing,
      dialogs: report.recording.dialogs
    },
    null,
    2
  )
}

afterAll(() => {
  for (const folder of scratch) rmSync(folder, { recursive: true, force: true })
})

describe('the built main bundle, started as `npm start` does', () => {
  let report: Awaited<ReturnType<typeof runMainBundle>>
  beforeAll(async () => {
    report = await runMainBundle()
  })

  it('starts and quits without an error, a console error or an error dialog', () => {
    expect(report.errors, problems(report)).toEqual([])
    expect(report.consoleErrors, problems(report)).toEqual([])
    expect(report.recording.misuse, problems(report)).toEqual([])
    expect(report.recording.dialogs, problems(report)).toEqual([])
    expect(report.finished).toBe('quit')
  })

  it('registers every channel of the IPC contract exactly once', () => {
    const contract = Object.values(invokeMethods).sort()
    expect([...report.recording.ipcHandled].sort()).toEqual(contract)
    expect(report.recording.ipcRemoved).toEqual([])
  })

  it('answers IPC from its window showing its page, and refuses other windows and pages', () => {
    expect(report.ipc).toHaveLength(Object.keys(invokeMethods).length)
    for (const { channel, fromWindow, fromOtherWindow, fromOtherPages } of report.ipc) {
      // Called with no arguments: an answer or a validation error, never a refusal or a crash.
      expect(fromWindow.ok, channel).not.toBeNull()
      expect(fromWindow.code, channel).not.toBe('untrusted-sender')
      expect(fromOtherWindow, channel).toEqual(UNTRUSTED)
      expect(Object.keys(fromOtherPages), channel).toHaveLength(2)
      for (const [url, answer] of Object.entries(fromOtherPages)) {
        expect(answer, `${channel} from ${url}`).toEqual(UNTRUSTED)
      }
    }
    expect(Object.keys(report.ipc[0]!.fromOtherPages)).toContain(
      pathToFileURL(join(OUT_DIR, 'renderer/index.html')).href
    )
  })

  it('runs the real services behind the handlers', () => {
    expect(report.profiles).toMatchObject({ ok: true })
    expect(JSON.stringify(report.profiles)).toContain('"smoke"')
  })

  it('opens one hidden, hardened window with the built preload, shown once ready', () => {
    expect(report.recording.windows).toHaveLength(1)
    const [window] = report.recording.windows
    const preferences = window!.options['webPreferences'] as Record<string, unknown>
    expect(preferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    for (const risky of [
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'experimentalFeatures',
      'enableBlinkFeatures'
    ]) {
      expect(preferences[risky], risky).toBeFalsy()
    }
    expect(preferences['preload']).toBe(join(OUT_DIR, 'preload/index.cjs'))
    expect(existsSync(preferences['preload'] as string)).toBe(true)
    expect(window!.options['show']).toBe(false)
    expect(window!.calls.slice(0, 2)).toEqual(['loadURL', 'show'])
  })

  it('serves its page on app:// from out/renderer, with the scheme declared before ready', () => {
    const [window] = report.recording.windows
    expect(window!.loads).toEqual([{ method: 'loadURL', target: APP_PAGE_URL }])
    const resolved = resolveAppUrl(APP_PAGE_URL, join(OUT_DIR, 'renderer'))
    expect(resolved.ok && existsSync(resolved.filePath)).toBe(true)

    expect(report.recording.privilegedSchemes).toEqual([
      {
        beforeReady: true,
        schemes: [
          { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
        ]
      }
    ])
    expect(report.recording.handledSchemes).toEqual([{ scheme: 'app', afterReady: true }])

    expect(report.page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' })
    const assets = report.page!.assets
    expect(assets.some((asset) => asset.contentType?.startsWith('text/javascript'))).toBe(true)
    expect(assets.some((asset) => asset.contentType?.startsWith('text/css'))).toBe(true)
    for (const asset of assets) expect(asset.status, asset.url).toBe(200)
  })

  it('refuses files outside out/renderer and anything but GET', () => {
    expect(report.refused.length).toBeGreaterThan(0)
    for (const attempt of report.refused) {
      expect([403, 404, 405], `${attempt.method} ${attempt.url}`).toContain(attempt.status)
    }
    expect(report.refused.find((attempt) => attempt.method === 'POST')?.status).toBe(405)
  })

  it('denies new windows, navigation and permissions, opening web links in the browser', () => {
    for (const { url, answer } of report.windowOpen) expect(answer, url).toEqual({ action: 'deny' })
    expect(report.recording.openedExternally).toEqual(['https://example.com/docs'])
    expect(report.navigationPrevented).toBe(true)
    expect(report.permissions).toEqual({ requestGranted: false, checkGranted: false })
    expect(report.recording.windows[0]!.webContentsEvents).toEqual(
      expect.arrayContaining(['will-navigate', 'will-attach-webview'])
    )
  })

  it('takes the single-instance lock, and brings its window back when started again', () => {
    expect(report.recording.singleInstanceLock).toEqual({ requested: 1, granted: true })
    expect(report.secondInstance).toEqual({
      callsAfter: ['restore', 'focus'],
      minimizedAfter: false
    })
  })

  it('saves the window position and quits when the window is closed', () => {
    expect(report.recording.windows[0]!.destroyed).toBe(true)
    if (report.platform !== 'darwin') expect(report.recording.quit.requested).toBe(1)
    expect(report.recording.quit).toMatchObject({
      events: ['before-quit', 'will-quit', 'quit'],
      completed: true
    })
    const saved = JSON.parse(
      readFileSync(join(report.userDataDir, 'window-state.json'), 'utf8')
    ) as unknown
    expect(saved).toMatchObject({ window: { bounds: { width: 1240, height: 800 } } })
  })
})

describe('the built main bundle in other situations', () => {
  it('quits at once, with no window and no handlers, when another instance is running', async () => {
    const report = await runMainBundle({ lock: 'refused' })
    expect(report.errors, problems(report)).toEqual([])
    expect(report.recording.singleInstanceLock).toEqual({ requested: 1, granted: false })
    expect(report.recording.quit.completed).toBe(true)
    expect(report.recording.windows).toEqual([])
    expect(report.recording.ipcHandled).toEqual([])
    expect(report.recording.handledSchemes).toEqual([])
  })

  it('ignores ELECTRON_RENDERER_URL when packaged, and does not trust that origin', async () => {
    const report = await runMainBundle({ packaged: true, devServerUrl: DEV_SERVER_URL })
    expect(report.errors, problems(report)).toEqual([])
    expect(report.recording.windows[0]!.loads).toEqual([
      { method: 'loadURL', target: APP_PAGE_URL }
    ])
    for (const { channel, fromOtherPages } of report.ipc) {
      expect(fromOtherPages[DEV_SERVER_URL], channel).toEqual(UNTRUSTED)
    }
  })

  it('loads the dev server in development and answers IPC from it', async () => {
    const report = await runMainBundle({ devServerUrl: DEV_SERVER_URL })
    expect(report.errors, problems(report)).toEqual([])
    expect(report.recording.windows[0]!.loads).toEqual([
      { method: 'loadURL', target: DEV_SERVER_URL }
    ])
    expect(report.profiles).toMatchObject({ ok: true })
    for (const { channel, fromWindow, fromOtherPages } of report.ipc) {
      expect(fromWindow.code, channel).not.toBe('untrusted-sender')
      for (const [url, answer] of Object.entries(fromOtherPages)) {
        expect(answer, `${channel} from ${url}`).toEqual(UNTRUSTED)
      }
    }
  })
})
