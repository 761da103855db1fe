import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createLinkTester, fetchLinkOnce } from './link-tester'

const SIGNED_QUERY =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261130%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261130T140000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=' +
  'a'.repeat(64)

let server: Server | null = null

afterEach(async () => {
  const closing = server
  server = null
  if (closing !== null) {
    closing.closeAllConnections()
    await new Promise((resolve) => closing.close(resolve))
  }
})

/** A plain HTTP server on loopback that answers with `handler`; resolves to its base URL. */
async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void
): Promise<string> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`
}

describe('fetching a link once to test it', () => {
  it('asks for one byte and sends the path exactly as signed, dot segments included', async () => {
    const seen: Array<{
      url: string | undefined
      range: string | undefined
      method: string | undefined
    }> = []
    const base = await serve((request, response) => {
      seen.push({ url: request.url, range: request.headers.range, method: request.method })
      response.writeHead(206, { 'content-range': 'bytes 0-0/10' }).end('x')
    })
    const path = '/bucket/a/./b/../r%C3%A9sum%C3%A9%20%2B.pdf'
    const result = await createLinkTester()(`${base}${path}?${SIGNED_QUERY}`)
    expect(result).toMatchObject({ outcome: 'works', httpStatus: 206 })
    expect(seen).toEqual([{ url: `${path}?${SIGNED_QUERY}`, range: 'bytes=0-0', method: 'GET' }])
  })

  it('does not download the object when the server ignores the range', async () => {
    let finished: boolean | null = null
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': String(200 * 1024 * 1024) })
      const chunk = Buffer.alloc(64 * 1024)
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump)
      }
      response.on('close', () => (finished = response.writableFinished))
      pump()
    })
    const result = await createLinkTester()(`${base}/bucket/big.iso?${SIGNED_QUERY}`)
    expect(result).toMatchObject({ outcome: 'works', httpStatus: 200 })
    // The tester hung up: the 200 MB never went out.
    await expect.poll(() => finished).toBe(false)
  })

  it('reads at most 16 KB of an error answer and still finds its code', async () => {
    let finished: boolean | null = null
    const base = await serve((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/xml' })
      response.write(s3Error('AccessDenied', 'Access Denied'))
      response.write(`<!-- ${'padding '.repeat(32 * 1024)} -->`)
      response.on('close', () => (finished = response.writableFinished))
    })
    const answer = await fetchLinkOnce(`${base}/bucket/key?${SIGNED_QUERY}`)
    expect(answer.kind).toBe('response')
    if (answer.kind === 'response') expect(answer.body.length).toBeLessThanOrEqual(16 * 1024)
    const result = await createLinkTester()(`${base}/bucket/key?${SIGNED_QUERY}`)
    expect(result).toMatchObject({ outcome: 'access-denied', s3Code: 'AccessDenied' })
    await expect.poll(() => finished).toBe(false)
  })

  it('judges by what came when an error answer stalls after its status', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/xml' })
      response.write(s3Error('NoSuchKey', 'The specified key does not exist.'))
      // ...and never ends.
    })
    const result = await createLinkTester({ timeoutMs: 300 })(`${base}/bucket/key?${SIGNED_QUERY}`)
    expect(result).toMatchObject({ outcome: 'object-missing', s3Code: 'NoSuchKey' })
  })

  it('answers a URL it cannot use with a result instead of throwing', async () => {
    const result = await createLinkTester()('ftp://example.com/file')
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: null })
  })

  it('reports a connection dropped before any answer as unreachable', async () => {
    const base = await serve((request) => request.socket.destroy())
    const result = await createLinkTester()(`${base}/bucket/key?${SIGNED_QUERY}`)
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: null })
    expect(result.message).toMatch(/closed the connection/)
  })
})
