import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_PAGE_URL,
  contentTypeFor,
  createAppProtocolHandler,
  isAppPageUrl,
  resolveAppUrl
} from './app-protocol'

let base: string
let rootDir: string
let serve: (request: Request) => Promise<Response>

beforeAll(() => {
  // out/ as electron-vite writes it, with a secret next to the renderer folder.
  base = mkdtempSync(path.join(tmpdir(), 's3sm-app-protocol-'))
  rootDir = path.join(base, 'renderer')
  mkdirSync(path.join(rootDir, 'assets'), { recursive: true })
  writeFileSync(path.join(rootDir, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(path.join(rootDir, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(path.join(rootDir, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(path.join(rootDir, 'assets', 'file name é.svg'), '<svg/>')
  mkdirSync(path.join(base, 'main'))
  writeFileSync(path.join(base, 'main', 'index.js'), 'secret main code')
  writeFileSync(path.join(base, 'secret.txt'), 'secret')
  serve = createAppProtocolHandler({ rootDir })
})

afterAll(() => rmSync(base, { recursive: true, force: true }))

async function get(url: string) {
  const response = await serve(new Request(url))
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text()
  }
}

describe('the app:// scheme', () => {
  it('serves the page and its assets with the types the browser needs', async () => {
    expect(await get(APP_PAGE_URL)).toEqual({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>app</title>'
    })
    const script = await get('app://renderer/assets/index-abc.js?v=1#x')
    expect(script).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' })
    expect(script.body).toBe('console.log(1)')
    expect(await get('app://renderer/assets/index-abc.css')).toMatchObject({
      status: 200,
      type: 'text/css; charset=utf-8'
    })
    expect(await get('app://renderer/assets/file%20name%20%C3%A9.svg')).toMatchObject({
      status: 200,
      type: 'image/svg+xml'
    })
  })

  it('tells the browser not to guess a file type', async () => {
    const response = await serve(new Request(APP_PAGE_URL))
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers 404 for files that do not exist, folders and the bare origin', async () => {
    for (const url of [
      'app://renderer/missing.js',
      'app://renderer/assets',
      'app://renderer/assets/',
      'app://renderer/',
      'app://renderer'
    ]) {
      expect((await get(url)).status, url).toBe(404)
    }
  })

  it('never serves a file from outside the renderer folder', async () => {
    const attempts = [
      'app://renderer/../secret.txt',
      'app://renderer/assets/../../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/%2E%2E/main/index.js',
      'app://renderer/.%2e/secret.txt',
      'app://renderer/..%2fsecret.txt',
      'app://renderer/assets%2f..%2f..%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/..\\secret.txt',
      'app://renderer/assets\\..\\..\\secret.txt',
      `app://renderer/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      `app://renderer/${path.join(base, 'secret.txt')}`,
      'app://renderer//etc/passwd',
      'app://renderer/C:%5CWindows%5Cwin.ini',
      'app://renderer/index.html%00.png',
      'app://renderer/index.html%00',
      'app://renderer/%252e%252e/secret.txt',
      'app://main/index.js',
      'app://renderer.evil/index.html',
      'app://renderer:8080/index.html',
      'file:///etc/passwd'
    ]
    for (const url of attempts) {
      const answer = await get(url)
      expect(answer.status, url).toBeGreaterThanOrEqual(400)
      expect(answer.body, url).not.toContain('secret')
    }
  })

  it('refuses encoded separators, NUL and dot segments as forbidden, not as missing', () => {
    for (const url of [
      'app://renderer/..%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/assets\\x.js',
      'app://renderer/index.html%00',
      'app://renderer/a/%2e%2e%2fb',
      'app://renderer//etc/passwd',
      'app://renderer/C:%5Cx',
      'app://renderer/C:/x'
    ]) {
      expect(resolveAppUrl(url, '/srv/out/renderer'), url).toMatchObject({ ok: false, status: 403 })
    }
    expect(resolveAppUrl('app://renderer/%E0%A4%A', '/srv/out/renderer')).toMatchObject({
      ok: false,
      status: 400
    })
    // fetch's Request refuses such a URL, but the resolver does not rely on that.
    expect(resolveAppUrl('app://user:pass@renderer/index.html', '/srv/out/renderer')).toMatchObject(
      { ok: false, status: 404 }
    )
  })

  it('keeps Windows paths inside the renderer folder too', () => {
    const root = 'C:\\Program Files\\S3 Share Manager\\resources\\app.asar\\out\\renderer'
    expect(resolveAppUrl('app://renderer/assets/index.js', root, path.win32)).toEqual({
      ok: true,
      filePath: `${root}\\assets\\index.js`,
      contentType: 'text/javascript; charset=utf-8'
    })
    for (const url of [
      'app://renderer/..%5C..%5Cwindows%5Cwin.ini',
      'app://renderer/C:%5Cwindows%5Cwin.ini',
      'app://renderer/%5C%5Cserver%5Cshare%5Cx',
      'app://renderer/index.html::$DATA'
    ]) {
      expect(resolveAppUrl(url, root, path.win32), url).toMatchObject({ ok: false, status: 403 })
    }
  })

  it('only answers GET requests', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH']) {
      const response = await serve(new Request(APP_PAGE_URL, { method }))
      expect(response.status, method).toBe(405)
      expect(response.headers.get('allow')).toBe('GET')
    }
  })

  it('reports a read failure as a server error, not as the file', async () => {
    const failing = createAppProtocolHandler({
      rootDir,
      readFile: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }))
    })
    expect((await failing(new Request(APP_PAGE_URL))).status).toBe(500)
  })

  it('serves unknown file types as opaque bytes', () => {
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream')
    expect(contentTypeFor('X.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('font.woff2')).toBe('font/woff2')
  })
})

describe('the app page URL the IPC sender check trusts', () => {
  it('is the built index.html on app://, with any query or fragment', () => {
    expect(isAppPageUrl(APP_PAGE_URL, undefined)).toBe(true)
    expect(isAppPageUrl(`${APP_PAGE_URL}?x=1#/links`, undefined)).toBe(true)
  })

  it('is nothing else when packaged', () => {
    for (const url of [
      'app://renderer/other.html',
      'app://renderer/assets/index.js',
      'app://renderer/',
      'app://evil/index.html',
      'app://renderer:1/index.html',
      'app://a@renderer/index.html',
      'file:///opt/app/out/renderer/index.html',
      'https://renderer/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      ''
    ]) {
      expect(isAppPageUrl(url, undefined), url).toBe(false)
    }
  })

  it('is the dev server origin in development, and only that', () => {
    const dev = 'http://localhost:5173'
    expect(isAppPageUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppPageUrl('http://localhost:5173/index.html?x#y', dev)).toBe(true)
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppPageUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppPageUrl(APP_PAGE_URL, dev)).toBe(false)
  })
})
