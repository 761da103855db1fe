import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * s3rver (a fake S3 in Node) behind a recording proxy: for the MECHANICS of form uploads only.
 *
 * s3rver accepts POST Object, which Swift does not implement, but it checks neither the policy
 * nor the signature (nor, in fact, a tampered signature on any request). A test against it shows
 * what a browser or curl sends and how the page handles the answer, never that a link is valid.
 *
 * The proxy records every form POST (its parts in order, the answer's status) and does the one
 * thing S3 does that s3rver does not: it replaces `${filename}` in the `key` field with the file
 * part's file name, so the stored key is the one S3 would store. Everything else passes as is.
 */

export interface FormPart {
  name: string
  /** The file name of a file part; null for a plain field. */
  filename: string | null
  contentType: string | null
  data: Buffer
}

export interface RecordedPost {
  path: string
  parts: FormPart[]
  status: number
}

export interface S3rverServer {
  /** The proxy's `http://127.0.0.1:PORT`: use it as the S3 endpoint (path-style). */
  endpoint: string
  /** s3rver's fixed keys. */
  accessKeyId: string
  secretAccessKey: string
  /** Form POSTs received so far, oldest first. */
  posts: RecordedPost[]
  stop(): Promise<void>
}

interface S3rverInstance {
  run(): Promise<{ port: number }>
  close(): Promise<void>
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor

export async function startS3rver(buckets: string[]): Promise<S3rverServer> {
  const directory = await mkdtemp(join(tmpdir(), 's3sm-s3rver-'))
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name }))
  })
  const { port: backendPort } = await s3rver.run()
  const posts: RecordedPost[] = []

  const proxy = createServer((incoming, outgoing) => {
    void (async () => {
      const boundary = multipartBoundary(incoming)
      let body: Buffer | null = null
      let recorded: RecordedPost | null = null
      if (incoming.method === 'POST' && boundary !== null) {
        const parts = parseMultipart(await readAll(incoming), boundary)
        recorded = { path: incoming.url ?? '', parts, status: 0 }
        posts.push(recorded)
        body = buildMultipart(withFilenameSubstituted(parts), boundary)
      }
      const headers = { ...incoming.headers }
      if (body !== null) headers['content-length'] = String(body.length)
      const forwarded = httpRequest(
        {
          host: '127.0.0.1',
          port: backendPort,
          method: incoming.method,
          path: incoming.url,
          headers
        },
        (answer) => {
          if (recorded !== null) recorded.status = answer.statusCode ?? 0
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(outgoing)
        }
      )
      forwarded.on('error', () => outgoing.destroy())
      if (body !== null) forwarded.end(body)
      else incoming.pipe(forwarded)
    })().catch(() => outgoing.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const address = proxy.address()
  if (address === null || typeof address === 'string') throw new Error('proxy has no port')

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    posts,
    async stop() {
      proxy.closeAllConnections()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
      await s3rver.close()
      await rm(directory, { recursive: true, force: true })
    }
  }
}

function multipartBoundary(message: IncomingMessage): string | null {
  const type = message.headers['content-type'] ?? ''
  if (!/^multipart\/form-data/i.test(type)) return null
  return /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type)?.slice(1).find(Boolean) ?? null
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

/** The parts of a multipart/form-data body, in the order sent. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const parts: FormPart[] = []
  const first = Buffer.from(`--${boundary}`)
  const next = Buffer.from(`\r\n--${boundary}`)
  let position = body.indexOf(first)
  if (position < 0) return parts
  position += first.length
  while (body.subarray(position, position + 2).toString() !== '--') {
    position += 2 // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', position)
    const end = body.indexOf(next, headerEnd + 4)
    if (headerEnd < 0 || end < 0) throw new Error('truncated multipart body')
    const headers = body.subarray(position, headerEnd).toString('utf8')
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? ''
    parts.push({
      name: /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? '',
      filename: /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? null,
      data: body.subarray(headerEnd + 4, end)
    })
    position = end + next.length
  }
  return parts
}

function buildMultipart(parts: FormPart[], boundary: string): Buffer {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const disposition =
      `Content-Disposition: form-data; name="${part.name}"` +
      (part.filename === null ? '' : `; filename="${part.filename}"`)
    const type = part.contentType === null ? '' : `\r\nContent-Type: ${part.contentType}`
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}${type}\r\n\r\n`), part.data)
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

/** What S3 does with a key field holding `${filename}`: the file part's name goes there. */
function withFilenameSubstituted(parts: FormPart[]): FormPart[] {
  const file = parts.find((part) => part.name === 'file' && part.filename !== null)
  if (file === undefined) return parts
  return parts.map((part) =>
    part.name === 'key'
      ? {
          ...part,
          data: Buffer.from(part.data.toString('utf8').replaceAll('${filename}', file.filename!))
        }
      : part
  )
}
