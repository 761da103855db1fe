import { normalizeWebUrl } from '../../shared/web-url'

/**
 * Security rules for the app window, written against small interfaces so they can be tested
 * without Electron (the shapes match `WebContents` and `Session`).
 */

export interface WindowOpenDetails {
  url: string
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void
  on(
    event: 'will-navigate',
    listener: (event: { preventDefault(): void }, url: string) => void
  ): void
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void
    ) => void
  ): void
  setPermissionCheckHandler(handler: () => boolean): void
}

/**
 * Denies every new window and navigation away from the app.
 *
 * http(s) links the page tries to open go to the default browser instead, normalized; anything
 * else (file:, javascript:, custom schemes, credentials, control characters) is dropped.
 */
export function hardenWebContents(
  contents: WebContentsLike,
  openExternal: (url: string) => void
): void {
  contents.setWindowOpenHandler(({ url }) => {
    const href = normalizeWebUrl(url)
    if (href !== null) openExternal(href)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => {
    event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}

/** The app needs no camera, notifications, geolocation or anything else: refuse them all. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
