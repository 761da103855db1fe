import { readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import vm from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { eventMethods, invokeMethods } from '../../src/shared/ipc-contract'
import { builtFile } from './built-output'

/**
 * Smoke tests of `out/preload/index.cjs` as a sandboxed preload runs: CommonJS in a context of
 * its own, with a `require` that knows only `electron`, and no `process`. The stand-ins record
 * what the preload hands to the page and what each method sends.
 */

interface Loaded {
  exposed: Map<string, unknown>
  required: string[]
  ipc: { method: string; channel: string; args: unknown[] }[]
  listeners: Map<string, Set<unknown>>
}

function loadPreload(): Loaded {
  const file = builtFile('preload/index.cjs')
  const loaded: Loaded = { exposed: new Map(), required: [], ipc: [], listeners: new Map() }
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (loaded.exposed.has(key)) throw new Error(`${key} exposed twice`)
        loaded.exposed.set(key, api)
      }
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        loaded.ipc.push({ method: 'invoke', channel, args })
        return Promise.resolve({ ok: true, value: channel })
      },
      on(channel: string, listener: unknown) {
        loaded.ipc.push({ method: 'on', channel, args: [] })
        const set = loaded.listeners.get(channel) ?? new Set()
        loaded.listeners.set(channel, set.add(listener))
      },
      removeListener(channel: string, listener: unknown) {
        loaded.ipc.push({ method: 'removeListener', channel, args: [] })
        loaded.listeners.get(channel)?.delete(listener)
      }
    }
  }
  const sandboxedRequire = (id: string): unknown => {
    loaded.required.push(id)
    if (id === 'electron') return electron
    throw new Error(`module not found: ${id} (a sandboxed preload can require only electron)`)
  }
  const context = vm.createContext({})
  const wrapper = vm.runInContext(
    `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`,
    context,
    { filename: file }
  ) as (...args: unknown[]) => void
  const module = { exports: {} }
  wrapper(module.exports, sandboxedRequire, module, basename(file), dirname(file))
  return loaded
}

describe('the built preload, run as a sandboxed preload', () => {
  let loaded: Loaded
  let api: Record<string, (arg: unknown) => unknown>
  beforeAll(() => {
    loaded = loadPreload()
    api = loaded.exposed.get('api') as typeof api
  })

  it('loads with nothing but electron, as CommonJS', () => {
    expect(loaded.required).toEqual(['electron'])
  })

  it("gives the page window.api with exactly the contract's methods, frozen", () => {
    expect([...loaded.exposed.keys()]).toEqual(['api'])
    const expected = [...Object.keys(invokeMethods), ...Object.keys(eventMethods)].sort()
    expect(Object.getOwnPropertyNames(api).sort()).toEqual(expected)
    for (const name of expected) expect(typeof api[name], name).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('sends each request on its own channel with its argument', async () => {
    for (const [method, channel] of Object.entries(invokeMethods)) {
      loaded.ipc.length = 0
      const argument = { probe: method }
      await expect(api[method]!(argument), method).resolves.toEqual({ ok: true, value: channel })
      expect(loaded.ipc, method).toEqual([{ method: 'invoke', channel, args: [argument] }])
    }
  })

  it('listens to each event on its own channel, and stops when unsubscribed', () => {
    for (const [method, channel] of Object.entries(eventMethods)) {
      const received: unknown[] = []
      const unsubscribe = api[method]!((payload: unknown) => received.push(payload)) as () => void
      const listeners = [...(loaded.listeners.get(channel) ?? [])] as ((
        event: unknown,
        payload: unknown
      ) => void)[]
      expect(listeners, method).toHaveLength(1)
      // The page gets the payload only, never Electron's event object (it holds the sender).
      listeners[0]!({ sender: 'ipc event' }, { changed: channel })
      expect(received, method).toEqual([{ changed: channel }])
      unsubscribe()
      expect(loaded.listeners.get(channel)?.size ?? 0, method).toBe(0)
    }
  })
})
