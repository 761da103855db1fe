import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IpcResult } from '../src/shared/errors'
import type { IssuedLink, ReceivedFiles } from '../src/shared/models'
import { startAppFixture, type AppFixture } from './support/app-fixture'

/**
 * Upload links through the app's real IPC router (`app-services.ts`: schemas, handlers, the
 * services and adapters behind them) against a fresh Swift server, as the window calls them.
 * The dialog and the Links view are driven in the renderer's own e2e specs; this checks the
 * main side they talk to.
 */

const BUCKET = 'inbox'
let fixture: AppFixture

async function dispatch<T>(channel: string, args: unknown): Promise<IpcResult<T>> {
  return (await fixture.services.router.dispatch(channel, args)) as IpcResult<T>
}

async function value<T>(channel: string, args: unknown): Promise<T> {
  const result = await dispatch<T>(channel, args)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

async function pageExists(key: string): Promise<boolean> {
  try {
    await fixture.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  fixture = await startAppFixture([{ bucket: BUCKET, key: 'readme.txt', body: 'hello' }])
})

afterAll(async () => {
  await fixture?.stop()
})

describe('upload links through the IPC router', () => {
  it('makes a page link, takes an upload through it, reports it, exports and forgets it', async () => {
    const pageKey = '.s3-share/upload-e2e01.html'
    const link = await value<IssuedLink>('links:create-upload', {
      profileId: 'swift-local',
      bucket: BUCKET,
      destination: { kind: 'key', key: 'incoming/report.csv' },
      method: 'PUT',
      expiresInSeconds: 900,
      contentType: { kind: 'exact', contentType: 'text/csv' },
      label: 'report from Bo',
      page: { key: pageKey, title: 'Send the report' }
    })
    expect(link.upload).toMatchObject({ kind: 'page', pageKey, uploadMethod: 'PUT' })

    const page = await fetch(link.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await page.text()).toContain('Send the report')

    expect(await value<ReceivedFiles>('links:received', { id: link.id })).toMatchObject({
      files: 0
    })
    const upload = await fetch(link.upload!.uploadUrl, {
      method: 'PUT',
      body: 'a,b\n1,2\n',
      headers: link.upload!.headers!
    })
    expect(upload.status).toBe(200)
    expect(await value<ReceivedFiles>('links:received', { id: link.id })).toMatchObject({
      files: 1,
      bytes: 8,
      recent: [{ key: 'incoming/report.csv', size: 8 }]
    })

    const exported = await value<{ path: string; count: number }>('links:export', {
      format: 'csv',
      query: { text: 'incoming/report' }
    })
    expect(exported.count).toBe(1)
    expect(fixture.saved.at(-1)!.content).toContain(',upload-page,')

    await value('links:forget', { id: link.id, deletePage: true })
    expect(await pageExists(pageKey)).toBe(false)
    const gone = await dispatch('links:received', { id: link.id })
    expect(gone).toMatchObject({ ok: false, error: { code: 'link-not-found' } })
  })

  it('refuses, naming the problem, a POST link on a store without form uploads and a size above 5 GiB', async () => {
    const post = {
      profileId: 'swift-local',
      bucket: BUCKET,
      destination: { kind: 'prefix', prefix: 'drop/' },
      method: 'POST',
      expiresInSeconds: 900
    }
    expect(await dispatch('links:create-upload', post)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: expect.stringContaining('does not accept form uploads (POST)')
      }
    })
    expect(
      await dispatch('links:create-upload', { ...post, maxBytes: 6 * 1024 ** 3 })
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringContaining('at most 5 GiB') }
    })
  })
})
