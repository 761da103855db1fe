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
      const started = Date.now()
      await expect(
        gateway.listObjects(
          { profileId: 'dev', region: 'eu-west-2' },
          { bucket: 'b', prefix: '', token: null }
        )
      ).rejects.toMatchObject({
        code: 'endpoint-unreachable',
        message: expect.stringContaining('timed out')
      })
      expect(Date.now() - started).toBeLessThan(3_000)
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
