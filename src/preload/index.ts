import { contextBridge, ipcRenderer } from 'electron'
import { createBridgeApi } from './bridge'

export const api = createBridgeApi(ipcRenderer)

contextBridge.exposeInMainWorld('api', api)
