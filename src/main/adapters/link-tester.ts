import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { classifyLinkTest, type LinkTestAnswer } from '../../shared/link-test'
import type { LinkSelfTest } from '../../shared/models'
import { systemClock, type Clock } from '../services/ports'

export interface LinkTesterOptions {
  /** Connecting and the answer's headers together must take at most this long. */
  timeoutMs?: number
  /** The most body bytes read (an S3 error document is well under 2 KB). */
  maxBodyBytes?: number
  clock?: Clock
}

/** Long enough for a slow link across the world, short enough for someone waiting at a dialog. */
export const LINK_TEST_TIMEOUT_MS = 10_000

export const LINK_TEST_MAX_BODY_BYTES = 16 * 1024

export type LinkTester = (url: string) => Promise<LinkSelfTest>

/** Tests pre-signed URLs: one `GET` of each, classified (see `fetchLinkOnce`). */
export function createLinkTester(options: LinkTesterOptions = {}): LinkTester {
  const clock = options.clock ?? systemClock
  return async (url) => classifyLinkTest(await fetchLinkOnce(url, options), clock.now())
}

interface Target {
  secure: boolean
  host: string
  port: number | undefined
  path: string
}

/**
 * The parts of a URL as written: the path goes out exactly as signed, since `new URL()` would
 * collapse `.` and `..` segments and the server would then check another request.
 */
function targetOf(url: string): Target | null {
  const match = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[^/:?#[\]@]+)(?::(\d{1,5}))?([/?][^#]*)?$/i.exec(
    url
  )
  if (match === null) return null
  const [, scheme, host, port, rest] = match
  const path = rest === undefined ? '/' : rest.startsWith('?') ? `/${rest}` : rest
  return {
    secure: scheme!.toLowerCase() === 'https',
    // Node wants an IPv6 address without its brackets (and adds them back in `Host`).
    host: host!.replace(/^\[(.*)\]$/, '$1'),
    port: port === undefined ? undefined : Number(port),
    path
  }
}

/**
 * One `GET` of a pre-signed URL with `Range: bytes=0-0`, so that a working link costs one byte.
 *
 * Never throws: a refused connection, a DNS failure, a TLS error or no answer within
 * `timeoutMs` is a `network-failure`. Reads at most `maxBodyBytes` of an error document and none
 * of a success (a server that ignores `Range` would otherwise send the whole object). TLS uses
 * Node's defaults, as the S3 gateway does: the system's trusted CAs plus `NODE_EXTRA_CA_CERTS`.
 * A fresh connection each time (no agent), so a test sees the server as a recipient would.
 */
export function fetchLinkOnce(
  url: string,
  {
    timeoutMs = LINK_TEST_TIMEOUT_MS,
    maxBodyBytes = LINK_TEST_MAX_BODY_BYTES
  }: Pick<LinkTesterOptions, 'timeoutMs' | 'maxBodyBytes'> = {}
): Promise<LinkTestAnswer> {
  const target = targetOf(url)
  if (target === null) {
    return Promise.resolve({ kind: 'network-failure', code: 'ERR_INVALID_URL', timedOut: false })
  }
  return new Promise((resolve) => {
    let settled = false
    const settle = (answer: LinkTestAnswer): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      outgoing.destroy()
      resolve(answer)
    }
    let onTimeout = (): void => {
      settle({ kind: 'network-failure', code: 'ETIMEDOUT', timedOut: true })
    }
    const onResponse = (response: IncomingMessage): void => {
      const status = response.statusCode ?? 0
      const answer = (body: string): void =>
        settle({ kind: 'response', status, headers: response.headers, body })
      if (status >= 200 && status < 300) {
        answer('')
        return
      }
      const chunks: Buffer[] = []
      // The status came in time: a body that stalls after it still says what the status says.
      onTimeout = () => answer(Buffer.concat(chunks).toString('utf8'))
      let size = 0
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        size += chunk.length
        if (size >= maxBodyBytes) {
          answer(Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8'))
        }
      })
      response.on('end', () => answer(Buffer.concat(chunks).toString('utf8')))
      // The headers came: a body cut short still says what the status says.
      response.on('error', () => answer(Buffer.concat(chunks).toString('utf8')))
      response.on('aborted', () => answer(Buffer.concat(chunks).toString('utf8')))
    }
    const request = target.secure ? httpsRequest : httpRequest
    const outgoing = request(
      {
        host: target.host,
        ...(target.port === undefined ? {} : { port: target.port }),
        path: target.path,
        method: 'GET',
        headers: { range: 'bytes=0-0', 'user-agent': 's3-share-manager link self-test' },
        agent: false
      },
      onResponse
    )
    const timer = setTimeout(() => onTimeout(), timeoutMs)
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      settle({ kind: 'network-failure', code: error.code ?? null, timedOut: false })
    })
    outgoing.end()
  })
}
