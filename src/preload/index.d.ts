import type { createBridgeApi } from './bridge'

declare global {
  interface Window {
    /** Built by the preload from the IPC contract (see bridge.ts). */
    api: ReturnType<typeof createBridgeApi>
  }
}
