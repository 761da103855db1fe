import { eventMethods, invokeMethods, type BridgeApi } from '../shared/ipc-contract'

/** The slice of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

/**
 * `window.api`: one method per contract channel and nothing else.
 *
 * No raw `ipcRenderer`, no `process.env`: the page can reach exactly the channels main handles.
 * Subscriptions return their unsubscribe function.
 */
export function createBridgeApi(ipcRenderer: IpcRendererLike): BridgeApi {
  const invokers = Object.entries(invokeMethods).map(([method, channel]) => [
    method,
    (args: unknown) => ipcRenderer.invoke(channel, args)
  ])
  const subscribers = Object.entries(eventMethods).map(([method, channel]) => [
    method,
    (listener: (payload: unknown) => void) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload)
      ipcRenderer.on(channel, wrapped)
      return () => {
        ipcRenderer.removeListener(channel, wrapped)
      }
    }
  ])
  return Object.freeze(Object.fromEntries([...invokers, ...subscribers])) as BridgeApi
}
