import { readFile as readFileFromDisk } from 'node:fs/promises'
import nodePath from 'node:path'

/**
 * The `app://` scheme the built renderer is served from.
 *
 * `file://` pages share one opaque origin with every file on the disk; a standard, secure custom
 * scheme gives the page a real origin of its own (`app://renderer`), so the CSP's `'self'` means
 * the app's files only, module scripts load, and the IPC sender check has an exact URL to trust.
 * The handler serves only files inside `out/renderer`: the rules are here, without Electron,
 * and `window.ts` hands them to `protocol.handle`.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * What `protocol.registerSchemesAsPrivileged` gets, before the app is ready.
 *
 * Standard: relative URLs and a real origin; secure: a secure context, like https; fetch API:
 * the page may fetch its own files. Deliberately not `corsEnabled` (other origins could read the
 * files) nor `bypassCSP` (the page's policy must apply).
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true
} as const

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm'
}

/** The Content-Type a file is served with; module scripts need a JavaScript one, strictly. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[nodePath.extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

export type AppPathResolution =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string }

type PathApi = Pick<typeof nodePath, 'join' | 'relative' | 'isAbsolute' | 'sep'>

// Separators, NUL and other control characters, and `:` (Windows drive letters and
// alternate data streams) never appear in a built asset's name.
const FORBIDDEN_IN_SEGMENT = /[/\\:\p{Cc}]/u

/**
 * Maps an `app://renderer/...` URL to a file inside `rootDir`, or says why not.
 *
 * The URL parser has already folded plain `.`/`..` segments; what is left is refused here:
 * encoded separators (`%2f`, `%5c`), backslashes, NUL, `..` hidden behind encoding, empty
 * segments (`//etc/passwd`), drive letters, other hosts. The last check, that the joined path
 * is still inside `rootDir`, holds even if a rule above were missing. `pathApi` lets tests check
 * the Windows rules on any machine.
 */
export function resolveAppUrl(
  url: string,
  rootDir: string,
  pathApi: PathApi = nodePath
): AppPathResolution {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' }
  }
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.host !== APP_HOST ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return { ok: false, status: 404, reason: 'not the app origin' }
  }
  const rawPath = parsed.pathname
  if (rawPath.includes('\\')) return { ok: false, status: 403, reason: 'backslash in path' }
  // No index page, no listing: the bare origin and folders are not files.
  if (!rawPath.startsWith('/') || rawPath.endsWith('/')) {
    return { ok: false, status: 404, reason: 'not a file' }
  }

  const segments: string[] = []
  for (const rawSegment of rawPath.slice(1).split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(rawSegment)
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' }
    }
    if (segment === '' || segment === '.' || segment === '..') {
      return { ok: false, status: 403, reason: 'empty or dot segment' }
    }
    if (FORBIDDEN_IN_SEGMENT.test(segment)) {
      return { ok: false, status: 403, reason: 'separator or control character in a name' }
    }
    segments.push(segment)
  }

  const filePath = pathApi.join(rootDir, ...segments)
  const relative = pathApi.relative(rootDir, filePath)
  if (
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${pathApi.sep}`) ||
    pathApi.isAbsolute(relative)
  ) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' }
  }
  return { ok: true, filePath, contentType: contentTypeFor(filePath) }
}

export interface AppProtocolHandlerOptions {
  /** The built renderer folder (`out/renderer`). */
  rootDir: string
  /** Reads a file; Node's by default (Electron's fs also reads inside app.asar). */
  readFile?: (filePath: string) => Promise<Uint8Array>
}

const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR'])

/**
 * The `protocol.handle('app', ...)` handler: a `Request` in, a `Response` out.
 *
 * Only GET is served (the page only ever loads files). Responses carry `nosniff`, so a file is
 * used only as what its extension says.
 */
export function createAppProtocolHandler(
  options: AppProtocolHandlerOptions
): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? readFileFromDisk
  return async (request) => {
    if (request.method !== 'GET') {
      return new Response(null, { status: 405, headers: { Allow: 'GET' } })
    }
    const resolution = resolveAppUrl(request.url, options.rootDir)
    if (!resolution.ok) return new Response(null, { status: resolution.status })
    let body: Uint8Array
    try {
      body = await readFile(resolution.filePath)
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      const status = typeof code === 'string' && NOT_FOUND_CODES.has(code) ? 404 : 500
      return new Response(null, { status })
    }
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'Content-Type': resolution.contentType,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache'
      }
    })
  }
}

/**
 * Whether a frame shows the app's own page: the dev server in development, `app://renderer/index.html`
 * otherwise (query and fragment ignored).
 *
 * `URL.origin` is `null` for schemes Node does not know, so scheme, host and path are compared.
 */
export function isAppPageUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url)
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === '' &&
      parsed.pathname === '/index.html'
    )
  } catch {
    return false
  }
}
