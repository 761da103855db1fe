import { BrowserWindow, protocol, screen } from 'electron'
import { join } from 'node:path'
import {
  APP_PAGE_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler
} from './window/app-protocol'
import { denyAllPermissions, hardenWebContents } from './window/hardening'
import { boundsToRestore, MIN_WINDOW_SIZE, type SavedWindowState } from './window/bounds'

/** The built renderer, next to the built main process (`out/renderer`, inside app.asar when packaged). */
const RENDERER_DIR = join(import.meta.dirname, '../renderer')

/** Declares the `app://` scheme standard and secure; Electron accepts this only before `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }
  ])
}

/** Serves `out/renderer` on `app://renderer/` (after `ready`, on the default session). */
export function serveRenderer(): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: RENDERER_DIR }))
}

export interface MainWindowOptions {
  /** Set by electron-vite in development; `app://renderer/index.html` is loaded otherwise. */
  devServerUrl: string | undefined
  savedState: SavedWindowState | undefined
  saveState(state: SavedWindowState): void
  /** Where http(s) links the page tries to open go: the default browser. */
  openExternal(url: string): void
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
      spellcheck: false,
      // Middle-click navigation is one more way around the navigation guards; nothing needs it.
      disableBlinkFeatures: 'Auxclick'
    }
  })
  if (options.savedState?.maximized) window.maximize()

  hardenWebContents(window.webContents, options.openExternal)
  denyAllPermissions(window.webContents.session)

  window.once('ready-to-show', () => window.show())
  const save = () =>
    options.saveState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  window.on('close', save)

  void window.loadURL(options.devServerUrl ?? APP_PAGE_URL)
  return window
}
