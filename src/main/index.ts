import { app, BrowserWindow, ipcMain, Notification } from 'electron'
import Store from 'electron-store'
import { homedir } from 'node:os'
import { resolve } from 'node:path'
import { errorMessage } from '../shared/errors'
import { desktop } from './adapters/desktop'
import {
  PREFERENCES_STORE_NAME,
  preferencesBackend,
  type ConfLike
} from './adapters/preferences-store'
import { createWindowStateStore } from './adapters/window-state-store'
import { createAppServices, type AppServices } from './app-services'
import { createSenderCheck, registerIpc } from './ipc/register'
import { createMainWindow, registerAppScheme, serveRenderer } from './window'
import { isAppPageUrl } from './window/app-protocol'
import { PRODUCT_NAME, resolveUserDataDir } from './services/user-data-path'

// Only a development run loads the renderer from the dev server; a packaged app never does,
// whatever the environment says, since the sender check trusts that origin.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

// The same rule as the `s3-share` command line, so both open the same registry. Set before the
// single-instance lock, which belongs to the user-data folder.
const userData = resolveUserDataDir({
  platform: process.platform,
  env: process.env,
  homedir: homedir(),
  productName: PRODUCT_NAME,
  override: app.commandLine.getSwitchValue('user-data-dir')
})
if (userData.source !== 'default') app.setPath('userData', resolve(userData.dir))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Without this the app would keep running with no window and no word why.
      desktop.showStartupError(errorMessage(error))
      app.quit()
    })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  function start(): void {
    serveRenderer()
    const windowState = createWindowStateStore()
    const userDataDir = app.getPath('userData')
    const services: AppServices = createAppServices({
      env: process.env,
      userDataDir,
      preferences: preferencesBackend(
        new Store({ name: PREFERENCES_STORE_NAME, clearInvalidConfig: true }) as unknown as ConfLike
      ),
      clipboard: desktop.clipboard,
      openExternal: desktop.openExternal,
      saveTextFile: desktop.saveTextFile,
      // Logged without arguments: they can hold bucket names and keys, never credentials.
      onUnexpectedError: (channel, error) =>
        console.error(`IPC ${channel} failed:`, error instanceof Error ? error.name : 'error')
    })

    registerIpc(
      ipcMain,
      services.router,
      createSenderCheck(
        () => new Set(mainWindow ? [mainWindow.webContents.id] : []),
        (url) => isAppPageUrl(url, devServerUrl)
      )
    )

    const openWindow = (): void => {
      const window = createMainWindow({
        devServerUrl,
        savedState: windowState.load(),
        saveState: (state) => windowState.save(state),
        openExternal: (url) => void desktop.openExternal(url)
      })
      mainWindow = window
      const stopEvents = services.subscribe((channel, payload) => {
        if (!window.isDestroyed()) window.webContents.send(channel, payload)
      })
      // A crashed page answers nothing: its MFA and sign-in questions end now, not at timeout.
      window.webContents.on('render-process-gone', () => services.prompts.dismissAll())
      window.on('closed', () => {
        stopEvents()
        if (mainWindow === window) mainWindow = null
      })
    }
    openWindow()

    // Only the OS call is here; which notice to show, and when, is `services/link-watch.ts`.
    // Shown notifications are kept referenced: a collected one no longer reports its click.
    const shown = new Set<Notification>()
    const stopNotifications = services.startNotifications(({ title, body }) => {
      if (!Notification.isSupported()) return
      const notification = new Notification({ title, body })
      shown.add(notification)
      notification.on('close', () => shown.delete(notification))
      notification.on('click', () => {
        shown.delete(notification)
        if (!mainWindow) openWindow()
        else if (mainWindow.isMinimized()) mainWindow.restore()
        mainWindow?.show()
        mainWindow?.focus()
      })
      notification.show()
    })

    app.on('will-quit', () => {
      stopNotifications()
      services.close()
    })

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
  }
}
