import { BrowserWindow, screen } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { denyAllPermissions, hardenWebContents } from './window/hardening'
import { boundsToRestore, MIN_WINDOW_SIZE, type SavedWindowState } from './window/bounds'

export interface MainWindowOptions {
  /** Set by electron-vite in development; the built index.html is loaded otherwise. */
  devServerUrl: string | undefined
  savedState: SavedWindowState | undefined
  saveState(state: SavedWindowState): void
  /** Where http(s) links the page tries to open go: the default browser. */
  openExternal(url: string): void
}

/** Whether a frame shows the app's own page: the dev server in development, index.html otherwise. */
export function isAppPageUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url)
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin
    parsed.hash = ''
    parsed.search = ''
    return parsed.href === pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
  } catch {
    return false
  }
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = boundsToRestore(
    options.savedState,
    screen.getAllDisplays().map((display) => display.workArea)
  )
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'S3 Share Manager',
    backgroundColor: '#1e1f22',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  })
  if (options.savedState?.maximized) window.maximize()

  hardenWebContents(window.webContents, options.openExternal)
  denyAllPermissions(window.webContents.session)

  window.once('ready-to-show', () => window.show())
  const save = () =>
    options.saveState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  window.on('close', save)

  if (options.devServerUrl) void window.loadURL(options.devServerUrl)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}
