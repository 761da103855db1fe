import { describe, expect, it } from 'vitest'
import { eventMethods, invokeMethods } from '../shared/ipc-contract'
import { createBridgeApi, type IpcRendererLike } from './bridge'

function recordingIpcRenderer() {
  const invoked: Array<[string, unknown]> = []
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>()
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args[0]])
      return { ok: true, value: channel }
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener)
  }
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'main' }, payload)
  }
  return { ipc, invoked, listeners, emit }
}

describe('preload bridge', () => {
  it('exposes exactly one method per contract channel and event, and nothing else', () => {
    const api = createBridgeApi(recordingIpcRenderer().ipc)
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(invokeMethods), ...Object.keys(eventMethods)].sort()
    )
    expect(Object.isFrozen(api)).toBe(true)
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('env')
  })

  it('sends each method to its own channel with its argument', async () => {
    const { ipc, invoked } = recordingIpcRenderer()
    const api = createBridgeApi(ipc) as unknown as Record<
      string,
      (args: unknown) => Promise<unknown>
    >
    for (const [method, channel] of Object.entries(invokeMethods)) {
      await expect(api[method]!({ probe: method })).resolves.toEqual({ ok: true, value: channel })
    }
    expect(invoked).toEqual(
      Object.entries(invokeMethods).map(([method, channel]) => [channel, { probe: method }])
    )
  })

  it('passes event payloads without the IPC event, and stops after unsubscribe', () => {
    const { ipc, emit, listeners } = recordingIpcRenderer()
    const api = createBridgeApi(ipc)
    const received: unknown[] = []
    const unsubscribe = api.onLinksChanged((payload) => received.push(payload))
    emit('links:changed', { links: [], recoveredFrom: null })
    unsubscribe()
    emit('links:changed', { links: ['late'], recoveredFrom: null })
    expect(received).toEqual([{ links: [], recoveredFrom: null }])
    expect(listeners.get('links:changed')?.size).toBe(0)
  })
})
