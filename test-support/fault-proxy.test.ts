import { createServer, request, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy, type FaultProxy } from './fault-proxy'

const BODY = '<ListBucketResult>' + 'x'.repeat(400) + '</ListBucketResult>'

interface Answer {
  status: number
  body: string
}

/** One GET on a fresh connection, so each call sees the fault set just before it. */
function get(url: string, timeoutMs = 5_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        if (!res.complete) reject(new Error('incomplete response'))
        else resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() })
      })
      res.on('error', reject)
      res.on('aborted', () => reject(new Error('aborted')))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end()
  })
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message
}

describe('fault proxy', () => {
  let target: Server
  let proxy: FaultProxy
  let requestsSeen = 0

  beforeAll(async () => {
    target = createServer((_req, res) => {
      requestsSeen += 1
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': BODY.length })
      res.end(BODY)
    })
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
    const address = target.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    proxy = await startFaultProxy({ host: '127.0.0.1', port: address.port })
  })

  afterAll(async () => {
    await proxy.close()
    await new Promise((resolve) => target.close(resolve))
  })

  it('passes traffic through unchanged when there is no fault', async () => {
    proxy.setFault({ kind: 'none' })
    expect(await get(proxy.url)).toEqual({ status: 200, body: BODY })
  })

  it('refuses connections, then listens on the same port again', async () => {
    proxy.setFault({ kind: 'refuse' })
    await expect(get(proxy.url).catch(errorCode)).resolves.toBe('ECONNREFUSED')
    proxy.setFault({ kind: 'none' })
    expect((await get(proxy.url)).status).toBe(200)
  })

  it('answers an S3 error itself without contacting the target', async () => {
    const before = requestsSeen
    proxy.setFault({ kind: 'status', status: 503, code: 'SlowDown', message: 'Reduce your rate' })
    const answer = await get(`${proxy.url}/bucket?list-type=2`)
    expect(answer.status).toBe(503)
    expect(answer.body).toContain('<Code>SlowDown</Code>')
    expect(answer.body).toContain('<Message>Reduce your rate</Message>')
    expect(requestsSeen).toBe(before)
  })

  it('accepts and then never answers when stalled', async () => {
    proxy.setFault({ kind: 'stall' })
    await expect(get(proxy.url, 300).catch(errorCode)).resolves.toBe('timeout')
  })

  it('resets the connection after the response has started', async () => {
    proxy.setFault({ kind: 'reset-mid-response' })
    await expect(get(proxy.url).catch(errorCode)).resolves.toMatch(/ECONNRESET|aborted/)
  })

  it('cuts the body after the given number of bytes', async () => {
    proxy.setFault({ kind: 'truncate', afterBytes: 25 })
    const received: string[] = []
    const outcome = await new Promise<string>((resolve) => {
      const req = request(proxy.url, { agent: false }, (res) => {
        res.on('data', (chunk: Buffer) => received.push(chunk.toString()))
        res.on('end', () => resolve(res.complete ? 'complete' : 'incomplete'))
        res.on('error', () => resolve('incomplete'))
        res.on('aborted', () => resolve('incomplete'))
      })
      req.on('error', () => resolve('incomplete'))
      req.end()
    })
    expect(outcome).toBe('incomplete')
    expect(received.join('')).toBe(BODY.slice(0, 25))
  })

  it('delivers the whole answer slowly, a few bytes at a time', async () => {
    proxy.setFault({ kind: 'slow', bytesPerSecond: 20_000 })
    let chunks = 0
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(proxy.url, { agent: false }, (res) => {
        const parts: Buffer[] = []
        res.on('data', (chunk: Buffer) => {
          chunks += 1
          parts.push(chunk)
        })
        res.on('end', () => resolve(Buffer.concat(parts).toString()))
      })
      req.on('error', reject)
      req.end()
    })
    expect(body).toBe(BODY)
    expect(chunks).toBeGreaterThan(1)
  })

  it('drops open connections when the fault changes', async () => {
    proxy.setFault({ kind: 'stall' })
    const pending = get(proxy.url, 10_000).catch(errorCode)
    await new Promise((resolve) => setTimeout(resolve, 100))
    proxy.setFault({ kind: 'none' })
    await expect(pending).resolves.toMatch(/ECONNRESET|socket hang up/)
  })
})
