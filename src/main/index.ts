import { app, BrowserWindow, ipcMain } from 'electron'
import { errorMessage } from '../shared/errors'
import { desktop } from './adapters/desktop'
import { createElectronLinkRepository } from './adapters/electron-link-store'
import { createWindowStateStore } from './adapters/window-state-store'
import { createAppServices, type AppServices } from './app-services'
import { createSenderCheck, registerIpc } from './ipc/register'
import { createMainWindow, isAppPageUrl } from './window'

// Only a development run loads the renderer from the dev server; a packaged app never does,
// whatever the environment says, since the sender check trusts that origin.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
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
    const windowState = createWindowStateStore()
    const services: AppServices = createAppServices({
      env: process.env,
      linkRepository: createElectronLinkRepository(),
      clipboard: desktop.clipboard,
      openExternal: desktop.openExternal,
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
      window.on('closed', () => {
        stopEvents()
        if (mainWindow === window) mainWindow = null
      })
    }
    openWindow()

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
  }
}
