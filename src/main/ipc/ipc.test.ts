import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { invokeMethods, type InvokeChannel } from '../../shared/ipc-contract'
import { createIpcRouter, type IpcHandlers } from './router'
import { createSenderCheck, registerIpc, type InvokeEventLike, type IpcMainLike } from './register'
import { ipcSchemas } from './schemas'

/** An ipcMain stand-in that records handlers so a test can call them like Electron would. */
function recordingIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>()
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler: (channel) => handlers.delete(channel)
  }
  return { ipcMain, handlers }
}

const APP_URL = 'file:///app/out/renderer/index.html'
const appWindow: InvokeEventLike = { sender: { id: 1 }, senderFrame: { url: APP_URL } }

function handlersReturning(calls: string[]): IpcHandlers {
  const channels = Object.keys(ipcSchemas) as InvokeChannel[]
  return Object.fromEntries(
    channels.map((channel) => [
      channel,
      (args: unknown) => {
        calls.push(`${channel} ${JSON.stringify(args)}`)
        return channel === 'buckets:list' ? [{ name: 'photos', createdAt: null }] : undefined
      }
    ])
  ) as unknown as IpcHandlers
}

function setup() {
  const calls: string[] = []
  const router = createIpcRouter(ipcSchemas, handlersReturning(calls))
  const { ipcMain, handlers } = recordingIpcMain()
  const isTrusted = createSenderCheck(
    () => new Set([1]),
    (url) => url === APP_URL
  )
  const unregister = registerIpc(ipcMain, router, isTrusted)
  const invoke = (channel: string, args: unknown, event = appWindow) =>
    handlers.get(channel)!(event, args)
  return { calls, handlers, invoke, unregister }
}

describe('IPC glue', () => {
  it('registers a handler for every contract channel', () => {
    const { handlers } = setup()
    const contractChannels = Object.values(invokeMethods).sort()
    expect([...handlers.keys()].sort()).toEqual(contractChannels)
  })

  it('runs the handler for a valid call from the app window and wraps the value', async () => {
    const { invoke, calls } = setup()
    await expect(invoke('buckets:list', { profileId: 'dev' })).resolves.toEqual({
      ok: true,
      value: [{ name: 'photos', createdAt: null }]
    })
    expect(calls).toEqual(['buckets:list {"profileId":"dev"}'])
  })

  it('refuses bad arguments with a typed error and never calls the handler', async () => {
    const { invoke, calls } = setup()
    const bad: Array<[string, unknown]> = [
      ['buckets:list', undefined],
      ['buckets:list', { profileId: '' }],
      ['buckets:list', { profileId: 'dev', extra: true }],
      ['objects:list', { profileId: 'dev', bucket: 'b', prefix: 7 }],
      ['objects:head', { profileId: 'dev', bucket: 'b', key: 'x'.repeat(1025) }],
      ['links:create-download', { profileId: 'dev', bucket: 'b', key: 'k', expiresInSeconds: 0 }],
      [
        'links:create-download',
        { profileId: 'dev', bucket: 'b', key: 'k', expiresInSeconds: 604_801 }
      ],
      ['links:create-download', { profileId: 'dev', bucket: 'b', key: 'k', expiresInSeconds: 1.5 }],
      ['links:forget', 'id-as-a-string']
    ]
    for (const [channel, args] of bad) {
      const result = (await invoke(channel, args)) as { ok: boolean; error: { code: string } }
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
    expect(calls).toEqual([])
  })

  it('says what was wrong with an out-of-range expiry', async () => {
    const { invoke } = setup()
    const result = await invoke('links:create-download', {
      profileId: 'dev',
      bucket: 'b',
      key: 'k',
      expiresInSeconds: 604_801
    })
    expect(result).toMatchObject({ ok: false })
    expect(JSON.stringify(result)).toContain('at most 7 days')
  })

  it('refuses calls from another webContents or from a page that is not the app', async () => {
    const { invoke, calls } = setup()
    const otherWindow = { sender: { id: 2 }, senderFrame: { url: APP_URL } }
    const otherPage = { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }
    const noFrame = { sender: { id: 1 }, senderFrame: null }
    for (const event of [otherWindow, otherPage, noFrame]) {
      await expect(invoke('buckets:list', { profileId: 'dev' }, event)).resolves.toMatchObject({
        ok: false,
        error: { code: 'untrusted-sender' }
      })
    }
    expect(calls).toEqual([])
  })

  it('removes every handler when unregistered', () => {
    const { handlers, unregister } = setup()
    unregister()
    expect(handlers.size).toBe(0)
  })
})

describe('IPC router', () => {
  it('passes an AppError through as its code and message', async () => {
    const handlers = handlersReturning([])
    handlers['buckets:list'] = () => {
      throw new AppError('access-denied', 'Profile `dev` may not list buckets.')
    }
    const router = createIpcRouter(ipcSchemas, handlers)
    await expect(router.dispatch('buckets:list', { profileId: 'dev' })).resolves.toEqual({
      ok: false,
      error: { code: 'access-denied', message: 'Profile `dev` may not list buckets.' }
    })
  })

  it('hides unexpected errors behind a generic message, with no stack trace', async () => {
    const seen: unknown[] = []
    const handlers = handlersReturning([])
    handlers['buckets:list'] = () => {
      throw new Error('secret detail at /home/user/.aws/credentials line 3')
    }
    const router = createIpcRouter(ipcSchemas, handlers, {
      onUnexpectedError: (_channel, error) => seen.push(error)
    })
    const result = await router.dispatch('buckets:list', { profileId: 'dev' })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret detail')
    expect(JSON.stringify(result)).not.toContain('at ')
    expect(seen).toHaveLength(1)
  })

  it('refuses a channel that is not in the contract', async () => {
    const router = createIpcRouter(ipcSchemas, handlersReturning([]))
    await expect(router.dispatch('shell:exec', { command: 'rm -rf /' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' }
    })
    await expect(router.dispatch('__proto__', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' }
    })
  })
})
