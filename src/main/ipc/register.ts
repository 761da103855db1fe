import { AppError, type IpcResult } from '../../shared/errors'
import type { IpcRouter } from './router'

/** The slice of Electron's `IpcMainInvokeEvent` the glue reads. */
export interface InvokeEventLike {
  sender: { id: number }
  senderFrame: { url: string } | null
}

/** The slice of Electron's `ipcMain` the glue uses, so tests can pass their own. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/**
 * Registers one `ipcMain.handle` per contract channel.
 *
 * Only the app's own window may call: any other webContents (a devtools extension,
 * a window something else opened) is refused before its arguments are looked at.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  router: IpcRouter,
  isTrustedSender: (event: InvokeEventLike) => boolean
): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: new AppError(
            'untrusted-sender',
            'This request did not come from the app window.'
          ).toPayload()
        }
      }
      return router.dispatch(channel, args[0])
    })
  }
  return () => {
    for (const channel of router.channels) ipcMain.removeHandler(channel)
  }
}

/**
 * Accepts only the given window's webContents showing the app's own page.
 *
 * `isAppUrl` accepts the dev server origin in development and `app://renderer/index.html`
 * otherwise (`isAppPageUrl` in `window/app-protocol.ts`).
 */
export function createSenderCheck(
  trustedWebContentsIds: () => ReadonlySet<number>,
  isAppUrl: (url: string) => boolean
): (event: InvokeEventLike) => boolean {
  return (event) =>
    trustedWebContentsIds().has(event.sender.id) &&
    event.senderFrame !== null &&
    isAppUrl(event.senderFrame.url)
}
