import { createServer as createHttpServer } from 'node:http'
import { createServer, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { freePorts } from '../../../test-support/free-ports'
import { profileDirectory } from '../../../test-support/swift-profiles'
import { AppError } from '../../shared/errors'
import type { ProfileSummary } from '../../shared/models'
import type { CredentialSource } from '../services/ports'
import { createS3Gateway, regionFromLocationConstraint, usesPathStyle } from './s3-gateway'

function profile(overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id: 'dev',
    name: 'dev',
    kind: 'static',
    sources: [],
    region: 'eu-west-2',
    endpointUrl: null,
    addressingStyle: 'auto',
    detail: null,
    ...overrides
  }
}

/** Counts how often the SDK asks for credentials, which it does once per client. */
function countingCredentials(): CredentialSource & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    async getCredentials(profileId) {
      calls.push(profileId)
      return {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
      }
    },
    invalidate() {}
  }
}

describe('addressing style', () => {
  it('uses path style for custom endpoints unless the profile asks for virtual hosts', () => {
    expect(usesPathStyle({ addressingStyle: 'auto', endpointUrl: 'http://127.0.0.1:9000' })).toBe(
      true
    )
    expect(usesPathStyle({ addressingStyle: 'auto', endpointUrl: null })).toBe(false)
    expect(usesPathStyle({ addressingStyle: 'path', endpointUrl: null })).toBe(true)
    expect(usesPathStyle({ addressingStyle: 'virtual', endpointUrl: 'https://minio.lan' })).toBe(
      false
    )
  })
})

describe('regionFromLocationConstraint', () => {
  it("reads an empty answer as us-east-1 and 'EU' as eu-west-1", () => {
    expect(regionFromLocationConstraint(undefined)).toBe('us-east-1')
    expect(regionFromLocationConstraint(null)).toBe('us-east-1')
    expect(regionFromLocationConstraint('')).toBe('us-east-1')
    expect(regionFromLocationConstraint('EU')).toBe('eu-west-1')
    expect(regionFromLocationConstraint('ap-south-1')).toBe('ap-south-1')
  })
})

describe('clients', () => {
  it('reuses one client per profile and region, and builds a new one after invalidate', async () => {
    const port = (await freePorts(1))[0]!
    const credentials = countingCredentials()
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile({ endpointUrl: `http://127.0.0.1:${port}` })]),
      credentials
    })

    await expect(gateway.listBuckets('dev')).rejects.toMatchObject({ code: 'endpoint-unreachable' })
    await expect(gateway.listBuckets('dev')).rejects.toMatchObject({ code: 'endpoint-unreachable' })
    expect(credentials.calls).toEqual(['dev'])

    gateway.invalidate('dev')
    await expect(gateway.listBuckets('dev')).rejects.toMatchObject({ code: 'endpoint-unreachable' })
    expect(credentials.calls).toEqual(['dev', 'dev'])
  })

  it('gives up on a server that accepts connections but never answers', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile({ endpointUrl: `http://127.0.0.1:${address.port}` })]),
      credentials: countingCredentials(),
      network: { requestTimeoutMs: 200, maxAttempts: 2 }
    })

    try {
      await expect(
        gateway.listObjects(
          { profileId: 'dev', region: 'eu-west-2' },
          { bucket: 'b', prefix: '', token: null }
        )
      ).rejects.toMatchObject({
        code: 'endpoint-unreachable',
        message: expect.stringContaining('timed out')
      })
      expect(sockets.length).toBe(2)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('passes on what the credential source says when it cannot give credentials', async () => {
    const refusal = new AppError(
      'credentials-expired',
      'The SSO session for profile `dev` has expired. Run `aws sso login --profile dev`.'
    )
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile()]),
      credentials: {
        getCredentials: () => Promise.reject(refusal),
        invalidate() {}
      }
    })

    await expect(gateway.listBuckets('dev')).rejects.toBe(refusal)
    await expect(
      gateway.presignGet(
        { profileId: 'dev', region: 'eu-west-2' },
        { bucket: 'b', key: 'k', expiresInSeconds: 60 }
      )
    ).rejects.toBe(refusal)
  })

  it('says so when the profile does not exist', async () => {
    const gateway = createS3Gateway({
      profiles: profileDirectory([]),
      credentials: countingCredentials()
    })

    await expect(gateway.listBuckets('ghost')).rejects.toMatchObject({ code: 'profile-not-found' })
  })
})

/** A TCP server on loopback that accepts every connection and never says a word. */
async function silentServer() {
  const sockets: Socket[] = []
  const closed: Promise<void>[] = []
  const connected: (() => void)[] = []
  const server = createServer((socket) => {
    sockets.push(socket)
    // Reads (and ignores) the request, so the client closing the connection is noticed.
    socket.resume()
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())))
    for (const listener of connected) listener()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    sockets,
    onConnection: (listener: () => void) => connected.push(listener),
    /** Resolves once every connection made so far was closed by the client. */
    allClosed: () => Promise.all(closed),
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}

describe('a server that accepts the connection and then says nothing', () => {
  const target = { profileId: 'dev', region: 'eu-west-2' }
  const request = { bucket: 'b', prefix: '', token: null }

  async function stalled(network = { deadlineMs: 1_500 }) {
    const server = await silentServer()
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile({ endpointUrl: server.endpoint })]),
      credentials: countingCredentials(),
      network
    })
    return { server, gateway }
  }

  it('fails the listing at the deadline with endpoint-unreachable, naming the endpoint', async () => {
    const { server, gateway } = await stalled()
    try {
      await expect(gateway.listObjects(target, request)).rejects.toMatchObject({
        code: 'endpoint-unreachable',
        message: `Could not reach ${server.endpoint} to list bucket \`b\`: no answer within 1.5 s. Is the endpoint_url of profile \`dev\` right and the server running?`
      })
      // The request is stopped, not left hanging: its connection is closed.
      await server.allClosed()
      expect(server.sockets.length).toBeGreaterThan(0)
    } finally {
      await server.close()
    }
  })

  it('gives one deadline to finding the region, however many questions it asks', async () => {
    const { server, gateway } = await stalled()
    try {
      await expect(gateway.locateBucket('dev', 'b')).rejects.toMatchObject({
        code: 'endpoint-unreachable',
        message: expect.stringContaining('to find the region of bucket `b`: no answer within 1.5 s')
      })
      await expect(gateway.listBuckets('dev')).rejects.toMatchObject({
        code: 'endpoint-unreachable',
        message: expect.stringContaining('to list buckets: no answer within 1.5 s')
      })
    } finally {
      await server.close()
    }
  })

  it('stops waiting for a listing when its signal aborts, and says it was cancelled', async () => {
    const { server, gateway } = await stalled({ deadlineMs: 60_000 })
    const controller = new AbortController()
    server.onConnection(() => controller.abort())
    try {
      await expect(gateway.listObjects(target, request, controller.signal)).rejects.toMatchObject({
        code: 'cancelled',
        message: `Stopped waiting for ${server.endpoint} to list bucket \`b\`.`
      })
      await server.allClosed()
    } finally {
      await server.close()
    }
  })

  it('does not even connect for a listing cancelled before it started', async () => {
    const { server, gateway } = await stalled()
    try {
      await expect(gateway.listObjects(target, request, AbortSignal.abort())).rejects.toMatchObject(
        { code: 'cancelled' }
      )
      expect(server.sockets).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe('names no S3 store accepts', () => {
  it('are refused with invalid-argument before any connection is made', async () => {
    const server = await silentServer()
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile({ endpointUrl: server.endpoint })]),
      credentials: countingCredentials(),
      network: { deadlineMs: 1_500 }
    })
    const target = { profileId: 'dev', region: 'eu-west-2' }
    try {
      const attempts = [
        gateway.locateBucket('dev', '..'),
        gateway.locateBucket('dev', '.'),
        gateway.locateBucket('dev', ''),
        gateway.listObjects(target, { bucket: 'a/b', prefix: '', token: null }),
        gateway.listObjects(target, { bucket: 'b\u0000', prefix: '', token: null }),
        gateway.listObjects(target, { bucket: 'b', prefix: 'x\u0000', token: null }),
        gateway.headObject(target, { bucket: 'b', key: 'a\u0000b' }),
        gateway.headObject(target, { bucket: 'b', key: 'x\ud800' }),
        gateway.presignGet(target, { bucket: '..', key: 'k', expiresInSeconds: 60 }),
        gateway.presignGet(target, { bucket: 'b', key: 'k\u0000', expiresInSeconds: 60 })
      ]
      for (const attempt of attempts) {
        await expect(attempt).rejects.toMatchObject({ code: 'invalid-argument' })
      }
      expect(server.sockets).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe('presignGet', () => {
  it('signs a path-style GET for a custom endpoint, with the download name and no checksum mode', async () => {
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile({ endpointUrl: 'http://127.0.0.1:8080' })]),
      credentials: countingCredentials()
    })

    const url = new URL(
      await gateway.presignGet(
        { profileId: 'dev', region: 'eu-west-2' },
        {
          bucket: 'photos',
          key: 'a b/ü+😀.jpg',
          expiresInSeconds: 900,
          responseContentDisposition: 'attachment; filename="x.jpg"'
        }
      )
    )

    expect(url.origin).toBe('http://127.0.0.1:8080')
    expect(url.pathname).toBe(`/photos/${['a b', 'ü+😀.jpg'].map(encodeURIComponent).join('/')}`)
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900')
    expect(url.searchParams.get('X-Amz-Credential')).toContain('/eu-west-2/s3/aws4_request')
    expect(url.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="x.jpg"'
    )
    expect(url.searchParams.has('x-amz-checksum-mode')).toBe(false)
  })

  it('uses the virtual-host AWS endpoint of the region when there is no custom endpoint', async () => {
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile()]),
      credentials: countingCredentials()
    })

    const url = new URL(
      await gateway.presignGet(
        { profileId: 'dev', region: 'ap-south-1' },
        { bucket: 'photos', key: 'a.jpg', expiresInSeconds: 60 }
      )
    )

    expect(url.host).toBe('photos.s3.ap-south-1.amazonaws.com')
  })

  it("never takes an endpoint from the SDK's own environment or config lookups", async () => {
    // The profile service already applied AWS_ENDPOINT_URL*; the SDK must not apply another
    // profile's (AWS_PROFILE's or [default]'s) endpoint_url to this one.
    const saved = process.env['AWS_ENDPOINT_URL']
    process.env['AWS_ENDPOINT_URL'] = 'http://127.0.0.1:9'
    try {
      const gateway = createS3Gateway({
        profiles: profileDirectory([profile()]),
        credentials: countingCredentials()
      })
      const url = new URL(
        await gateway.presignGet(
          { profileId: 'dev', region: 'eu-west-2' },
          { bucket: 'photos', key: 'a.jpg', expiresInSeconds: 60 }
        )
      )
      expect(url.host).toBe('photos.s3.eu-west-2.amazonaws.com')
    } finally {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL']
      else process.env['AWS_ENDPOINT_URL'] = saved
    }
  })

  it('refuses lifetimes SigV4 cannot express', async () => {
    const gateway = createS3Gateway({
      profiles: profileDirectory([profile()]),
      credentials: countingCredentials()
    })
    const target = { profileId: 'dev', region: 'eu-west-2' }

    for (const expiresInSeconds of [0, 1.5, 604_801]) {
      await expect(
        gateway.presignGet(target, { bucket: 'b', key: 'k', expiresInSeconds })
      ).rejects.toMatchObject({ code: 'invalid-expiry' })
    }
  })
})

describe('listObjectVersions', () => {
  const version = (key: string, id: string, day: number, latest = false) =>
    `<Version><Key>${key}</Key><VersionId>${id}</VersionId><IsLatest>${latest}</IsLatest><LastModified>2026-01-0${day}T00:00:00.000Z</LastModified><ETag>"e${id}"</ETag><Size>${day}</Size></Version>`
  const marker = (key: string, id: string, day: number, latest = false) =>
    `<DeleteMarker><Key>${key}</Key><VersionId>${id}</VersionId><IsLatest>${latest}</IsLatest><LastModified>2026-01-0${day}T00:00:00.000Z</LastModified></DeleteMarker>`
  const page = (body: string, next: { key: string; version: string } | null) =>
    `<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>k.txt</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>${next !== null}</IsTruncated>${next === null ? '' : `<NextKeyMarker>${next.key}</NextKeyMarker><NextVersionIdMarker>${next.version}</NextVersionIdMarker>`}${body}</ListVersionsResult>`

  it('follows the pages of exactly one key, newest first, and stops once past it', async () => {
    const asked: string[] = []
    const pages = [
      page(marker('k.txt', 'd5', 5, true) + version('k.txt', 'v4', 4), {
        key: 'k.txt',
        version: 'v4'
      }),
      // Another key under the same prefix comes after it: the listing ends here.
      page(version('k.txt', 'v3', 3) + version('k.txt.bak', 'b1', 6, true), {
        key: 'k.txt.bak',
        version: 'b1'
      }),
      page(version('k.txt.bak2', 'x', 7, true), null)
    ]
    const server = createHttpServer((request, response) => {
      asked.push(request.url ?? '')
      response.setHeader('content-type', 'application/xml')
      response.end(pages[asked.length - 1] ?? page('', null))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    try {
      const gateway = createS3Gateway({
        profiles: profileDirectory([
          profile({ endpointUrl: `http://127.0.0.1:${port}`, addressingStyle: 'path' })
        ]),
        credentials: countingCredentials()
      })
      const versions = await gateway.listObjectVersions(
        { profileId: 'dev', region: 'eu-west-2' },
        { bucket: 'b', key: 'k.txt' }
      )
      expect(versions).toEqual([
        {
          versionId: 'd5',
          isLatest: true,
          isDeleteMarker: true,
          size: 0,
          lastModified: '2026-01-05T00:00:00.000Z',
          etag: null
        },
        {
          versionId: 'v4',
          isLatest: false,
          isDeleteMarker: false,
          size: 4,
          lastModified: '2026-01-04T00:00:00.000Z',
          etag: '"ev4"'
        },
        expect.objectContaining({ versionId: 'v3', isDeleteMarker: false })
      ])
      expect(asked).toHaveLength(2)
      expect(asked[0]).toContain('versions')
      expect(asked[0]).toContain('prefix=k.txt')
      expect(asked[1]).toContain('key-marker=k.txt')
      expect(asked[1]).toContain('version-id-marker=v4')
    } finally {
      server.close()
    }
  })
})
