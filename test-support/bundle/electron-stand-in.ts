/**
 * A recording stand-in for the `electron` module, for running the built main bundle in Node.
 *
 * The resolve hook in `electron-hooks.ts` points the bare specifier `electron` here, so the
 * bundle (and electron-store, which imports `electron` too) get these objects. They behave like
 * Electron where the app depends on it (the single-instance lock, `whenReady`, the quit sequence,
 * one handler per IPC channel and per scheme) and write down what the app did in `recording`.
 * `control` is the driver's side: make the app ready, reach the registered handlers, close
 * windows. Reading a property that is not implemented is recorded in `recording.missing`, and
 * calling a module that is not implemented at all throws an error naming this file.
 *
 * Configured through the environment, since the driver runs in a fresh process:
 *   S3SM_STAND_IN_USER_DATA  the folder `app.getPath('userData')` returns (required)
 *   S3SM_STAND_IN_PACKAGED   `1` for `app.isPackaged`
 *   S3SM_STAND_IN_LOCK       `refused` when another instance holds the single-instance lock
 *
 * Runs under Node's type stripping: erasable TypeScript only, no enums or parameter properties.
 */
import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface WindowRecord {
  id: number
  webContentsId: number
  /** The constructor options, as JSON. */
  options: Record<string, unknown>
  loads: { method: 'loadURL' | 'loadFile'; target: string }[]
  /** Method calls on the window, in order: `show`, `focus`, `restore`, `close`... */
  calls: string[]
  /** Channels sent to the page with `webContents.send`. */
  sent: string[]
  windowOpenHandler: boolean
  /** Event names with listeners on the window's webContents when the report was written. */
  webContentsEvents: string[]
  destroyed: boolean
}

export interface Recording {
  /** Every method call on a stand-in module, in order (`app.whenReady`, `ipcMain.handle`...). */
  calls: string[]
  /** Properties read that the stand-in does not implement (`app.dock` on Linux is fine). */
  missing: string[]
  singleInstanceLock: { requested: number; granted: boolean }
  privilegedSchemes: { schemes: unknown; beforeReady: boolean }[]
  handledSchemes: { scheme: string; afterReady: boolean }[]
  /** Every `ipcMain.handle` channel, duplicates kept. */
  ipcHandled: string[]
  ipcRemoved: string[]
  windows: WindowRecord[]
  permissionHandlers: { request: boolean; check: boolean }
  dialogs: { method: string; args: unknown[] }[]
  openedExternally: string[]
  applicationMenu: unknown
  /** The events of the quit sequence as they were emitted. */
  quit: { requested: number; events: string[]; completed: boolean }
  /** Errors thrown by the stand-in itself (a second handler, a call too early...). */
  misuse: string[]
}

export const recording: Recording = {
  calls: [],
  missing: [],
  singleInstanceLock: { requested: 0, granted: false },
  privilegedSchemes: [],
  handledSchemes: [],
  ipcHandled: [],
  ipcRemoved: [],
  windows: [],
  permissionHandlers: { request: false, check: false },
  dialogs: [],
  openedExternally: [],
  applicationMenu: undefined,
  quit: { requested: 0, events: [], completed: false },
  misuse: []
}

const THIS_FILE = fileURLToPath(import.meta.url)
const userDataDir = process.env['S3SM_STAND_IN_USER_DATA']
if (!userDataDir) throw new Error(`${THIS_FILE}: set S3SM_STAND_IN_USER_DATA to a temp folder`)
const lockGranted = process.env['S3SM_STAND_IN_LOCK'] !== 'refused'
const packaged = process.env['S3SM_STAND_IN_PACKAGED'] === '1'

/** Keys that code and tools probe on any object; reading them is not a missing feature. */
const PROBED_KEYS = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType'])

/** Records method calls on `target` as `name.method`, and reads of properties it lacks. */
function recorded<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver)
      if (typeof key !== 'string') return value
      if (value === undefined && !(key in object) && !PROBED_KEYS.has(key)) {
        recording.missing.push(`${name}.${key}`)
      }
      if (typeof value !== 'function' || key.startsWith('_') || EVENT_EMITTER_KEYS.has(key)) {
        return value
      }
      return function (this: unknown, ...args: unknown[]) {
        recording.calls.push(`${name}.${key}`)
        return (value as (...a: unknown[]) => unknown).apply(this, args)
      }
    }
  })
}

const EVENT_EMITTER_KEYS = new Set([
  'emit',
  'listeners',
  'rawListeners',
  'listenerCount',
  'eventNames',
  'getMaxListeners',
  'setMaxListeners'
])

/** A module the app is not expected to use: any use says where to add it. */
function notImplemented(name: string): Record<string, unknown> {
  return new Proxy(
    {},
    {
      get(_object, key) {
        if (typeof key !== 'string' || PROBED_KEYS.has(key)) return undefined
        return () => {
          const message = `electron stand-in: ${name}.${key} is not implemented; add it to ${THIS_FILE}`
          recording.misuse.push(message)
          throw new Error(message)
        }
      }
    }
  )
}

function misuse(message: string): Error {
  recording.misuse.push(message)
  return new Error(message)
}

/** An event object whose `preventDefault` is remembered, as Electron passes to `before-quit`. */
function preventable(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    }
  }
  return event
}

let isReady = false
let resolveReady: () => void = () => {}
const ready = new Promise<void>((resolve) => (resolveReady = resolve))
let quitScheduled = false
let quitting = false
const quitListeners: (() => void)[] = []

class StandInApp extends EventEmitter {
  isPackaged = packaged
  paths = new Map<string, string>([
    ['userData', userDataDir!],
    ['sessionData', userDataDir!],
    ['appData', dirname(userDataDir!)],
    ['temp', join(userDataDir!, 'temp')],
    ['logs', join(userDataDir!, 'logs')],
    ['crashDumps', join(userDataDir!, 'crash-dumps')],
    ['home', process.env['HOME'] ?? userDataDir!],
    ['documents', join(userDataDir!, 'documents')],
    ['downloads', join(userDataDir!, 'downloads')]
  ])
  /** No switches are passed: Electron answers '' for a switch that is absent. */
  commandLine = {
    getSwitchValue: (): string => '',
    hasSwitch: (): boolean => false,
    appendSwitch: (): void => {}
  }
  requestSingleInstanceLock(): boolean {
    recording.singleInstanceLock.requested += 1
    recording.singleInstanceLock.granted = lockGranted
    return lockGranted
  }
  hasSingleInstanceLock(): boolean {
    return lockGranted && recording.singleInstanceLock.requested > 0
  }
  releaseSingleInstanceLock(): void {}
  whenReady(): Promise<void> {
    return ready
  }
  isReady(): boolean {
    return isReady
  }
  getPath(name: string): string {
    const path = this.paths.get(name)
    if (path === undefined) throw misuse(`electron stand-in: app.getPath('${name}') is not known`)
    return path
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path)
  }
  getName(): string {
    return 'S3 Share Manager'
  }
  getVersion(): string {
    return '0.0.0-stand-in'
  }
  getLocale(): string {
    return 'en-US'
  }
  setAppUserModelId(): void {}
  focus(): void {}
  /** Electron quits after the current task: before-quit, close every window, will-quit, quit. */
  quit(): void {
    recording.quit.requested += 1
    if (quitScheduled || quitting) return
    quitScheduled = true
    setImmediate(runQuit)
  }
  exit(code = 0): void {
    recording.quit.events.push(`exit ${code}`)
    finishQuit()
  }
}

function runQuit(): void {
  quitScheduled = false
  const beforeQuit = preventable()
  recording.quit.events.push('before-quit')
  app.emit('before-quit', beforeQuit)
  if (beforeQuit.defaultPrevented) {
    recording.quit.events.push('before-quit prevented')
    return
  }
  quitting = true
  for (const window of [...openWindows]) {
    window.close()
    if (!window.isDestroyed()) {
      recording.quit.events.push(`window ${window.id} refused to close`)
      quitting = false
      return
    }
  }
  const willQuit = preventable()
  recording.quit.events.push('will-quit')
  app.emit('will-quit', willQuit)
  if (willQuit.defaultPrevented) {
    recording.quit.events.push('will-quit prevented')
    quitting = false
    return
  }
  recording.quit.events.push('quit')
  app.emit('quit', preventable(), 0)
  finishQuit()
}

function finishQuit(): void {
  recording.quit.completed = true
  for (const listener of quitListeners.splice(0)) listener()
}

export const app = recorded('app', new StandInApp())

const defaultSession = recorded('session.defaultSession', {
  setPermissionRequestHandler(handler: unknown): void {
    permissionRequestHandler = handler as typeof permissionRequestHandler
    recording.permissionHandlers.request = typeof handler === 'function'
  },
  setPermissionCheckHandler(handler: unknown): void {
    permissionCheckHandler = handler as typeof permissionCheckHandler
    recording.permissionHandlers.check = typeof handler === 'function'
  },
  setDevicePermissionHandler(): void {},
  setDisplayMediaRequestHandler(): void {},
  setSpellCheckerEnabled(): void {},
  clearCache: async (): Promise<void> => {},
  clearStorageData: async (): Promise<void> => {},
  webRequest: { onBeforeRequest(): void {}, onHeadersReceived(): void {} },
  get protocol(): typeof protocol {
    return protocol
  }
})
let permissionRequestHandler:
  | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
  | undefined
let permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined

export const session = recorded('session', {
  defaultSession,
  fromPartition(): never {
    throw misuse('electron stand-in: session.fromPartition is not implemented')
  }
})

let nextWebContentsId = 1
type WindowOpenHandler = (details: { url: string }) => unknown
const windowOpenHandlers = new Map<number, WindowOpenHandler>()

class StandInWebContents extends EventEmitter {
  id = nextWebContentsId++
  session = defaultSession
  record: WindowRecord
  constructor(record: WindowRecord) {
    super()
    this.record = record
  }
  send(channel: string): void {
    this.record.sent.push(channel)
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    windowOpenHandlers.set(this.id, handler)
    this.record.windowOpenHandler = true
  }
  isDestroyed(): boolean {
    return this.record.destroyed
  }
  getURL(): string {
    return this.record.loads.at(-1)?.target ?? ''
  }
  openDevTools(): void {}
  closeDevTools(): void {}
  setZoomFactor(): void {}
  focus(): void {}
}

const openWindows: StandInBrowserWindow[] = []
const createdWindows: StandInBrowserWindow[] = []
let nextWindowId = 1
const RECORDED_WINDOW_METHODS = new Set([
  'loadURL',
  'loadFile',
  'show',
  'hide',
  'focus',
  'blur',
  'minimize',
  'restore',
  'maximize',
  'unmaximize',
  'setBounds',
  'center',
  'close',
  'destroy'
])

interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

class StandInBrowserWindow extends EventEmitter {
  static getAllWindows(): StandInBrowserWindow[] {
    return [...openWindows]
  }
  static getFocusedWindow(): StandInBrowserWindow | null {
    return openWindows[0] ?? null
  }
  static fromWebContents(contents: unknown): StandInBrowserWindow | null {
    return openWindows.find((window) => window.webContents === contents) ?? null
  }
  id: number
  webContents: StandInWebContents
  record: WindowRecord
  minimized = false
  maximized = false
  visible = false
  bounds: Bounds
  constructor(options: Record<string, unknown> = {}) {
    super()
    this.id = nextWindowId++
    this.record = {
      id: this.id,
      webContentsId: 0,
      options: JSON.parse(JSON.stringify(options)) as Record<string, unknown>,
      loads: [],
      calls: [],
      sent: [],
      windowOpenHandler: false,
      webContentsEvents: [],
      destroyed: false
    }
    this.webContents = recorded('webContents', new StandInWebContents(this.record))
    this.record.webContentsId = this.webContents.id
    this.bounds = {
      x: typeof options['x'] === 'number' ? options['x'] : 100,
      y: typeof options['y'] === 'number' ? options['y'] : 100,
      width: typeof options['width'] === 'number' ? options['width'] : 800,
      height: typeof options['height'] === 'number' ? options['height'] : 600
    }
    if (options['show'] !== false) this.visible = true
    // The window's own calls are recorded on its record, in order.
    const self = new Proxy(this, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver)
        if (typeof key !== 'string' || !RECORDED_WINDOW_METHODS.has(key)) return value
        return (...args: unknown[]) => {
          target.record.calls.push(key)
          return (value as (...a: unknown[]) => unknown).apply(receiver, args)
        }
      }
    })
    recording.windows.push(this.record)
    createdWindows.push(self)
    openWindows.push(self)
    return self
  }
  loadURL(url: string): Promise<void> {
    this.record.loads.push({ method: 'loadURL', target: url })
    this.pageLoaded()
    return Promise.resolve()
  }
  loadFile(file: string): Promise<void> {
    this.record.loads.push({ method: 'loadFile', target: file })
    this.pageLoaded()
    return Promise.resolve()
  }
  pageLoaded(): void {
    setImmediate(() => {
      if (this.record.destroyed) return
      this.emit('ready-to-show')
      this.webContents.emit('did-finish-load')
    })
  }
  show(): void {
    this.visible = true
  }
  hide(): void {
    this.visible = false
  }
  focus(): void {}
  blur(): void {}
  isVisible(): boolean {
    return this.visible
  }
  minimize(): void {
    this.minimized = true
  }
  restore(): void {
    this.minimized = false
  }
  isMinimized(): boolean {
    return this.minimized
  }
  maximize(): void {
    this.maximized = true
  }
  unmaximize(): void {
    this.maximized = false
  }
  isMaximized(): boolean {
    return this.maximized
  }
  isFullScreen(): boolean {
    return false
  }
  getBounds(): Bounds {
    return { ...this.bounds }
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds }
  }
  setBounds(bounds: Partial<Bounds>): void {
    this.bounds = { ...this.bounds, ...bounds }
  }
  setTitle(): void {}
  setMenu(): void {}
  removeMenu(): void {}
  setMenuBarVisibility(): void {}
  setAutoHideMenuBar(): void {}
  center(): void {}
  isDestroyed(): boolean {
    return this.record.destroyed
  }
  /** As a user closing the window: `close` (preventable), then `closed`, then maybe quit. */
  close(): void {
    if (this.record.destroyed) return
    const event = preventable()
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.destroy()
  }
  destroy(): void {
    if (this.record.destroyed) return
    this.record.destroyed = true
    openWindows.splice(openWindows.indexOf(this), 1)
    this.emit('closed')
    this.webContents.emit('destroyed')
    // Electron emits window-all-closed only when windows close on their own, not while quitting.
    if (openWindows.length === 0 && !quitting) app.emit('window-all-closed')
  }
}

export const BrowserWindow = StandInBrowserWindow

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown
const invokeHandlers = new Map<string, InvokeListener>()

class StandInIpcMain extends EventEmitter {
  handle(channel: string, listener: InvokeListener): void {
    recording.ipcHandled.push(channel)
    // Electron refuses a second handler for a channel; so does the stand-in.
    if (invokeHandlers.has(channel)) {
      throw misuse(`Attempted to register a second handler for '${channel}'`)
    }
    invokeHandlers.set(channel, listener)
  }
  handleOnce(channel: string, listener: InvokeListener): void {
    this.handle(channel, listener)
  }
  removeHandler(channel: string): void {
    recording.ipcRemoved.push(channel)
    invokeHandlers.delete(channel)
  }
}

export const ipcMain = recorded('ipcMain', new StandInIpcMain())

type ProtocolHandler = (request: Request) => Response | Promise<Response>
const protocolHandlers = new Map<string, ProtocolHandler>()

export const protocol = recorded('protocol', {
  registerSchemesAsPrivileged(schemes: unknown): void {
    recording.privilegedSchemes.push({
      schemes: JSON.parse(JSON.stringify(schemes)) as unknown,
      beforeReady: !isReady
    })
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    recording.handledSchemes.push({ scheme, afterReady: isReady })
    if (!isReady) throw misuse(`protocol.handle('${scheme}') called before the app is ready`)
    if (protocolHandlers.has(scheme)) throw misuse(`Failed to register protocol: ${scheme}`)
    protocolHandlers.set(scheme, handler)
  },
  unhandle(scheme: string): void {
    protocolHandlers.delete(scheme)
  },
  isProtocolHandled(scheme: string): boolean {
    return protocolHandlers.has(scheme)
  }
})

export const net = recorded('net', {
  /** Registered schemes and `file:` work; there is no network in a smoke test. */
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const request = typeof input === 'string' ? new Request(input, init) : input
    const url = new URL(request.url)
    const handler = protocolHandlers.get(url.protocol.slice(0, -1))
    if (handler) return handler(request)
    if (url.protocol === 'file:') {
      return new Response(await readFile(fileURLToPath(url)))
    }
    throw new Error(`electron stand-in: net.fetch(${url.protocol}) has no network here`)
  },
  isOnline: (): boolean => false
})

const displays = [
  {
    id: 1,
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1
  }
]

export const screen = recorded('screen', {
  getAllDisplays: () => displays,
  getPrimaryDisplay: () => displays[0],
  getDisplayMatching: () => displays[0],
  getDisplayNearestPoint: () => displays[0],
  getCursorScreenPoint: () => ({ x: 0, y: 0 })
})

let clipboardText = ''
export const clipboard = recorded('clipboard', {
  writeText(text: string): void {
    clipboardText = text
  },
  readText: (): string => clipboardText,
  clear(): void {
    clipboardText = ''
  }
})

export const shell = recorded('shell', {
  async openExternal(url: string): Promise<void> {
    recording.openedExternally.push(url)
  },
  openPath: async (): Promise<string> => '',
  showItemInFolder(): void {},
  beep(): void {}
})

function dialogCall(method: string, result: unknown) {
  return (...args: unknown[]) => {
    const last = args.at(-1)
    recording.dialogs.push({
      method,
      args: [JSON.parse(JSON.stringify(last ?? null)) as unknown]
    })
    return result
  }
}

export const dialog = recorded('dialog', {
  showErrorBox(title: string, content: string): void {
    recording.dialogs.push({ method: 'showErrorBox', args: [title, content] })
  },
  showMessageBox: dialogCall('showMessageBox', Promise.resolve({ response: 0 })),
  showMessageBoxSync: dialogCall('showMessageBoxSync', 0),
  showOpenDialog: dialogCall('showOpenDialog', Promise.resolve({ canceled: true, filePaths: [] })),
  showOpenDialogSync: dialogCall('showOpenDialogSync', undefined),
  showSaveDialog: dialogCall('showSaveDialog', Promise.resolve({ canceled: true })),
  showSaveDialogSync: dialogCall('showSaveDialogSync', undefined)
})

class StandInMenuItem {
  options: Record<string, unknown>
  constructor(options: Record<string, unknown>) {
    this.options = options
  }
}

class StandInMenu {
  static setApplicationMenu(menu: StandInMenu | null): void {
    recording.calls.push('Menu.setApplicationMenu')
    recording.applicationMenu = menu === null ? null : 'menu'
  }
  static getApplicationMenu(): null {
    return null
  }
  static buildFromTemplate(template: unknown[]): StandInMenu {
    recording.calls.push('Menu.buildFromTemplate')
    return new StandInMenu(template)
  }
  items: unknown[]
  constructor(items: unknown[] = []) {
    this.items = items
  }
  append(item: unknown): void {
    this.items.push(item)
  }
  popup(): void {}
}

export const Menu = StandInMenu
export const MenuItem = StandInMenuItem

export const nativeTheme = recorded(
  'nativeTheme',
  Object.assign(new EventEmitter(), {
    shouldUseDarkColors: false,
    themeSource: 'system'
  })
)

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return false
  }
  show(): void {
    recording.calls.push('Notification.show')
  }
  close(): void {}
}

export const autoUpdater = notImplemented('autoUpdater')
export const BaseWindow = notImplemented('BaseWindow')
export const BrowserView = notImplemented('BrowserView')
export const contentTracing = notImplemented('contentTracing')
export const crashReporter = notImplemented('crashReporter')
export const desktopCapturer = notImplemented('desktopCapturer')
export const globalShortcut = notImplemented('globalShortcut')
export const inAppPurchase = notImplemented('inAppPurchase')
export const MessageChannelMain = notImplemented('MessageChannelMain')
export const nativeImage = notImplemented('nativeImage')
export const netLog = notImplemented('netLog')
export const powerMonitor = notImplemented('powerMonitor')
export const powerSaveBlocker = notImplemented('powerSaveBlocker')
export const pushNotifications = notImplemented('pushNotifications')
export const safeStorage = notImplemented('safeStorage')
export const ShareMenu = notImplemented('ShareMenu')
export const systemPreferences = notImplemented('systemPreferences')
export const TouchBar = notImplemented('TouchBar')
export const Tray = notImplemented('Tray')
export const utilityProcess = notImplemented('utilityProcess')
export const View = notImplemented('View')
export const webContents = notImplemented('webContents')
export const WebContentsView = notImplemented('WebContentsView')
export const webFrameMain = notImplemented('webFrameMain')
export const webUtils = notImplemented('webUtils')
// Renderer and preload modules: the main bundle must not use them.
export const contextBridge = notImplemented('contextBridge (renderer only)')
export const ipcRenderer = notImplemented('ipcRenderer (renderer only)')
export const webFrame = notImplemented('webFrame (renderer only)')

/** `import electron from 'electron'` (electron-store) gets the same objects. */
const electron = {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  net,
  screen,
  clipboard,
  shell,
  dialog,
  Menu,
  MenuItem,
  nativeTheme,
  Notification,
  autoUpdater,
  BaseWindow,
  BrowserView,
  contentTracing,
  crashReporter,
  desktopCapturer,
  globalShortcut,
  inAppPurchase,
  MessageChannelMain,
  nativeImage,
  netLog,
  powerMonitor,
  powerSaveBlocker,
  pushNotifications,
  safeStorage,
  ShareMenu,
  systemPreferences,
  TouchBar,
  Tray,
  utilityProcess,
  View,
  webContents,
  WebContentsView,
  webFrameMain,
  webUtils,
  contextBridge,
  ipcRenderer,
  webFrame
}
export default electron

/** The driver's side of the stand-in. */
export const control = {
  /** What Electron does once it has started: `ready`, and `whenReady()` resolves. */
  becomeReady(): void {
    isReady = true
    app.emit('will-finish-launching')
    app.emit('ready', preventable(), {})
    resolveReady()
  },
  protocolHandler(scheme: string): ProtocolHandler | undefined {
    return protocolHandlers.get(scheme)
  },
  invokeHandler(channel: string): InvokeListener | undefined {
    return invokeHandlers.get(channel)
  },
  windowOpenHandler(webContentsId: number): WindowOpenHandler | undefined {
    return windowOpenHandlers.get(webContentsId)
  },
  openWindows(): StandInBrowserWindow[] {
    return [...openWindows]
  },
  permissionRequestHandler: () => permissionRequestHandler,
  permissionCheckHandler: () => permissionCheckHandler,
  /** Resolves once the quit sequence has run to its end (or `app.exit`). */
  quitDone: new Promise<void>((resolve) => quitListeners.push(resolve)),
  /** Fills in what can only be read at the end (listeners on each webContents). */
  finalRecording(): Recording {
    for (const window of createdWindows) {
      window.record.webContentsEvents = window.webContents.eventNames().map(String)
    }
    return recording
  }
}
