import { describe, expect, it } from 'vitest'
import { AppError, type AppErrorPayload, type IpcResult } from '../../shared/errors'
import type { InvokeChannel } from '../../shared/ipc-contract'
import { createIpcRouter, type IpcHandlers } from './router'
import { ipcSchemas } from './schemas'

/** Handlers that record what reached them; none should be reached by a refused call. */
function recordingHandlers(calls: string[]): IpcHandlers {
  const channels = Object.keys(ipcSchemas) as InvokeChannel[]
  return Object.fromEntries(
    channels.map((channel) => [channel, () => void calls.push(channel)])
  ) as unknown as IpcHandlers
}

function setup() {
  const calls: string[] = []
  const router = createIpcRouter(ipcSchemas, recordingHandlers(calls))
  return { calls, router }
}

function errorOf(result: IpcResult<unknown>): AppErrorPayload {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

/** What a message must never carry: control characters, lone surrogates, bidi overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u

describe('messages about refused requests', () => {
  it('stay short and clean for an 11 MB argument', async () => {
    const { router, calls } = setup()
    const huge = 'x'.repeat(11 * 1024 * 1024)
    const attempts: Array<[string, unknown]> = [
      ['objects:head', { profileId: 'dev', bucket: 'b', key: huge }],
      ['objects:list', { profileId: 'dev', bucket: huge, prefix: '' }],
      ['buckets:list', { profileId: 'dev', [huge]: true }],
      ['buckets:list', { profileId: huge }],
      ['clipboard:write-text', { text: huge }]
    ]
    for (const [channel, args] of attempts) {
      const error = errorOf(await router.dispatch(channel, args))
      expect(error.code, channel).toBe('invalid-argument')
      expect(error.message.length, channel).toBeLessThanOrEqual(600)
    }
    expect(calls).toEqual([])
  })

  it('show control characters, bidi overrides and lone surrogates in keys as escapes', async () => {
    const { router } = setup()
    const nasty = '\u0000\u001b[2J\u202e\r\n\ud800'.repeat(100_000)
    const results = [
      await router.dispatch('objects:head', { profileId: 'dev', bucket: 'b', key: nasty }),
      await router.dispatch('buckets:list', { profileId: 'dev', [nasty]: 1 }),
      await router.dispatch(nasty, {})
    ]
    for (const result of results) {
      const { message } = errorOf(result)
      expect(message.length).toBeLessThanOrEqual(600)
      expect(message).not.toMatch(HIDDEN)
    }
    expect(errorOf(results[2]!).code).toBe('unknown-channel')
    expect(errorOf(results[2]!).message).toMatch(/^There is no IPC channel named `\\u0000\\u001b/)
  })

  it('cap even an AppError message a handler built from input', async () => {
    const handlers = recordingHandlers([])
    handlers['buckets:list'] = () => {
      throw new AppError('no-such-bucket', `Bucket \`${'b\u202e'.repeat(1_000_000)}\` is gone.`)
    }
    const router = createIpcRouter(ipcSchemas, handlers)
    const { code, message } = errorOf(await router.dispatch('buckets:list', { profileId: 'dev' }))
    expect(code).toBe('no-such-bucket')
    expect(message.length).toBeLessThanOrEqual(2_000)
    expect(message).not.toMatch(HIDDEN)
  })
})

describe('names no S3 store can accept', () => {
  it.each([
    ['buckets:region', { profileId: 'dev', bucket: '..' }, /bucket: is `\.` or `\.\.`/],
    ['buckets:region', { profileId: 'dev', bucket: '.' }, /bucket: is `\.` or `\.\.`/],
    ['buckets:region', { profileId: 'dev', bucket: '' }, /bucket: is empty/],
    ['objects:list', { profileId: 'dev', bucket: 'a/b', prefix: '' }, /contains `\/`/],
    ['objects:list', { profileId: 'dev', bucket: 'a\u0000', prefix: '' }, /U\+0000/],
    ['objects:list', { profileId: 'dev', bucket: 'b', prefix: 'x\u0000/' }, /prefix: .*NUL/],
    ['objects:list', { profileId: 'dev', bucket: 'b', prefix: '\ud800/' }, /surrogate/],
    ['objects:head', { profileId: 'dev', bucket: 'b', key: 'a\u0000b' }, /key: .*NUL/],
    ['objects:head', { profileId: 'dev', bucket: 'b', key: 'a\udc00' }, /surrogate/],
    [
      'links:create-download',
      { profileId: 'dev', bucket: 'b', key: 'k\u0000', expiresInSeconds: 60 },
      /NUL/
    ]
  ])('refuses %s %j before any handler runs, saying why', async (channel, args, why) => {
    const { router, calls } = setup()
    const error = errorOf(await router.dispatch(channel, args))
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toMatch(why)
    expect(calls).toEqual([])
  })

  it('lets names through that AWS refuses but other S3 stores accept', async () => {
    const { router, calls } = setup()
    for (const bucket of ['Legacy_Bucket', 'ab', 'a'.repeat(100)]) {
      const result = await router.dispatch('objects:list', { profileId: 'dev', bucket, prefix: '' })
      expect(result.ok, bucket).toBe(true)
    }
    const head = await router.dispatch('objects:head', {
      profileId: 'dev',
      bucket: 'b',
      key: 'line\nbreak/../ü.txt'
    })
    expect(head.ok).toBe(true)
    expect(calls).toEqual(['objects:list', 'objects:list', 'objects:list', 'objects:head'])
  })
})
