import { request } from 'node:http'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/**
 * GETs a URL with its path sent exactly as written, like `curl --path-as-is`.
 *
 * `fetch()` and browsers resolve `.` and `..` segments first; this does not, so it shows what
 * the server does with the request the URL actually describes. Plain http only (loopback).
 */
export function getAsIs(url: string): Promise<RawResponse> {
  const match = /^http:\/\/([^/:]+)(?::(\d+))?(\/[^#]*)$/.exec(url)
  if (match === null) throw new Error(`getAsIs takes an http:// URL with a path, not ${url}`)
  const [, host, port, path] = match
  return new Promise((resolve, reject) => {
    const outgoing = request({ host, port: port ?? 80, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks)
        })
      )
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}
