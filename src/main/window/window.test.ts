import { describe, expect, it } from 'vitest'
import { boundsToRestore, DEFAULT_WINDOW_SIZE, isSavedWindowState, MIN_WINDOW_SIZE } from './bounds'
import { isWebUrl } from '../../shared/web-url'
import { denyAllPermissions, hardenWebContents, type WebContentsLike } from './hardening'

function fakeWebContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const contents: WebContentsLike = {
    setWindowOpenHandler: (handler) => {
      openHandler = handler
    },
    on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
      listeners.set(event, listener)
    }
  } as WebContentsLike
  return { contents, listeners, open: (url: string) => openHandler!({ url }) }
}

describe('window hardening', () => {
  it('denies every new window and opens only http(s) links in the default browser', () => {
    const opened: string[] = []
    const { contents, open } = fakeWebContents()
    hardenWebContents(contents, (url) => opened.push(url))
    for (const url of [
      'https://example.com/a',
      'http://127.0.0.1:8080/b',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'not a url'
    ]) {
      expect(open(url)).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://example.com/a', 'http://127.0.0.1:8080/b'])
  })

  it('prevents navigation away from the app and webview attachment', () => {
    const { contents, listeners } = fakeWebContents()
    hardenWebContents(contents, () => {})
    for (const event of ['will-navigate', 'will-attach-webview']) {
      let prevented = false
      listeners.get(event)!({ preventDefault: () => (prevented = true) }, 'https://example.com')
      expect(prevented, event).toBe(true)
    }
  })

  it('refuses every permission request', () => {
    let requestHandler:
      ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined
    let checkHandler: (() => boolean) | undefined
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler) => (checkHandler = handler)
    })
    const answers: boolean[] = []
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      requestHandler!(null, permission, (granted) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false])
    expect(checkHandler!()).toBe(false)
  })

  it('treats only http and https as external web links', () => {
    expect(isWebUrl('https://a.example')).toBe(true)
    expect(isWebUrl('ftp://a.example')).toBe(false)
  })
})

describe('window bounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 }

  it('opens at the default size the first time', () => {
    expect(boundsToRestore(undefined, [screen])).toEqual(DEFAULT_WINDOW_SIZE)
  })

  it('reopens where the user left it', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: false }
    expect(boundsToRestore(saved, [screen])).toEqual(saved.bounds)
  })

  it('does not reopen on a monitor that is gone', () => {
    const saved = { bounds: { x: 2500, y: 100, width: 1000, height: 700 }, maximized: false }
    expect(boundsToRestore(saved, [screen])).toEqual({ width: 1000, height: 700 })
  })

  it('never restores a window smaller than the minimum', () => {
    const saved = { bounds: { x: 0, y: 0, width: 200, height: 100 }, maximized: false }
    expect(boundsToRestore(saved, [screen])).toMatchObject(MIN_WINDOW_SIZE)
  })

  it('ignores a saved state of the wrong shape', () => {
    expect(
      isSavedWindowState({ bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: false })
    ).toBe(true)
    for (const bad of [
      null,
      'x',
      {},
      { bounds: null, maximized: false },
      { bounds: { x: 1 }, maximized: true },
      { bounds: { x: 1, y: 2, width: 'wide', height: 3 }, maximized: false }
    ]) {
      expect(isSavedWindowState(bad), JSON.stringify(bad)).toBe(false)
    }
  })
})
