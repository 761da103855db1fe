import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { eventMethods, invokeMethods, type BridgeApi } from '../shared/ipc-contract'

// Built from the contract's method maps only: the renderer can reach exactly these channels
// and nothing else (no raw ipcRenderer, no process.env).
const invokers = Object.fromEntries(
  Object.entries(invokeMethods).map(([method, channel]) => [
    method,
    (args: unknown) => ipcRenderer.invoke(channel, args)
  ])
)

const subscribers = Object.fromEntries(
  Object.entries(eventMethods).map(([method, channel]) => [
    method,
    (listener: (payload: unknown) => void) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
      ipcRenderer.on(channel, wrapped)
      return () => {
        ipcRenderer.removeListener(channel, wrapped)
      }
    }
  ])
)

export const api = { ...invokers, ...subscribers } as BridgeApi

contextBridge.exposeInMainWorld('api', api)
