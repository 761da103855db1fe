import { app, BrowserWindow, clipboard, ipcMain, shell } from 'electron'
import Store from 'electron-store'
import { createElectronLinkRepository } from './adapters/electron-link-store'
import { createAppServices } from './app-services'
import { createSenderCheck, registerIpc } from './ipc/register'
import { createMainWindow, isAppPageUrl } from './window'
import type { SavedWindowState } from './window/bounds'

const devServerUrl = process.env['ELECTRON_RENDERER_URL']

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(() => {
    const windowState = new Store<{ window?: SavedWindowState }>({ name: 'window-state' })
    const services = createAppServices({
      env: process.env,
      linkRepository: createElectronLinkRepository(),
      clipboard,
      openExternal: (url) => shell.openExternal(url),
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

    const openWindow = () => {
      mainWindow = createMainWindow({
        devServerUrl,
        savedState: windowState.get('window'),
        saveState: (state) => windowState.set('window', state)
      })
      const window = mainWindow
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
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
