import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { eventMethods, invokeMethods } from '../../src/shared/ipc-contract'
import type { IpcResult } from '../../src/shared/errors'

const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer')

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

/** What the page's `window.api` reaches: the same router and events the Electron glue wires. */
export interface MainSide {
  dispatch(channel: string, args: unknown): Promise<IpcResult<unknown>>
  subscribe(emit: (channel: string, payload: unknown) => void): () => void
}

export interface RendererHost {
  page: Page
  /** Every IPC response and event payload the renderer received, as JSON. */
  traffic: string[]
  close(): Promise<void>
}

/**
 * Runs the built renderer in Debian's Chromium with `window.api` backed by real main services.
 *
 * The renderer is served over loopback (module scripts do not load from file:// outside
 * Electron); its CSP stays on. Only the Electron glue (ipcMain, contextBridge) is left out,
 * and it is generic over the contract.
 */
export async function launchRenderer(
  main: MainSide,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}
): Promise<RendererHost> {
  const server = await serveRenderer()
  const address = server.address()
  if (address === null || typeof address === 'string')
    throw new Error('renderer server has no port')

  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: 1
  })
  const page = await context.newPage()
  const traffic: string[] = []
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.exposeBinding('__s3smInvoke', async (_source, channel: string, args: unknown) => {
    const result = await main.dispatch(channel, args)
    traffic.push(JSON.stringify(result))
    return result
  })
  await page.addInitScript(
    ({ invoke, events }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>()
      const bridge = globalThis as unknown as {
        __s3smInvoke(channel: string, args: unknown): Promise<unknown>
        __s3smEmit(channel: string, payload: unknown): void
        api: Record<string, unknown>
      }
      const api: Record<string, unknown> = {}
      for (const [method, channel] of Object.entries(invoke)) {
        api[method] = (args: unknown) => bridge.__s3smInvoke(channel, args)
      }
      for (const [method, channel] of Object.entries(events)) {
        api[method] = (listener: (payload: unknown) => void) => {
          const set = listeners.get(channel) ?? new Set()
          listeners.set(channel, set)
          set.add(listener)
          return () => set.delete(listener)
        }
      }
      bridge.__s3smEmit = (channel, payload) => {
        for (const listener of listeners.get(channel) ?? []) listener(payload)
      }
      bridge.api = Object.freeze(api)
    },
    { invoke: invokeMethods, events: eventMethods }
  )
  const unsubscribe = main.subscribe((channel, payload) => {
    traffic.push(JSON.stringify(payload))
    void page
      .evaluate(
        ([channel, payload]) =>
          (globalThis as unknown as { __s3smEmit(c: string, p: unknown): void }).__s3smEmit(
            channel as string,
            payload
          ),
        [channel, payload] as const
      )
      .catch(() => {})
  })
  await page.goto(`http://127.0.0.1:${address.port}/index.html`)

  return {
    page,
    traffic,
    async close() {
      unsubscribe()
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
      if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('\n')}`)
    }
  }
}

async function serveRenderer(): Promise<Server> {
  await stat(join(RENDERER_DIR, 'index.html')).catch(() => {
    throw new Error('out/renderer is missing: run `electron-vite build` before the e2e tests')
  })
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname))
    const file = join(RENDERER_DIR, path)
    if (!file.startsWith(RENDERER_DIR)) {
      response.writeHead(403).end()
      return
    }
    stat(file)
      .then((info) => {
        if (!info.isFile()) throw new Error('not a file')
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
        })
        createReadStream(file).pipe(response)
      })
      .catch(() => response.writeHead(404).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}
