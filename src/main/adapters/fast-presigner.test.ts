import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { afterAll, describe, expect, it } from 'vitest'
import { profileDirectory, swiftProfile } from '../../../test-support/swift-profiles'
import { DOT_SEGMENT_KEYS, TRICKY_KEYS } from '../../../test-support/tricky-keys'
import { checkPresignedUrl } from '../../../test-support/verify-signature'
import { attachmentContentDisposition } from '../../shared/content-disposition'
import type { CredentialSource } from '../services/ports'
import { bucketGetLinkSigner, encodeKeyPath, signersFor } from './fast-presigner'
import { createS3Gateway } from './s3-gateway'

const secret = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
const signingDate = new Date('2026-03-01T12:34:56.000Z')

const allPrintableAscii = Array.from({ length: 0x7f - 0x20 }, (_, i) =>
  String.fromCharCode(0x20 + i)
).join('')

/** Every key the integration suites fetch from Swift, and the edges of what S3 allows. */
const keys = [
  // signing.integration.test.ts
  ...TRICKY_KEYS,
  ...DOT_SEGMENT_KEYS,
  'eu/report.bin',
  // s3-gateway.integration.test.ts
  'with space.txt',
  'ünïcödé 文件.txt',
  '😀 emoji.txt',
  `plus+hash#question?amp&equals=percent%20quote'double".txt`,
  // every printable ASCII character, in one key and one per segment
  allPrintableAscii,
  allPrintableAscii.split('').join('/'),
  // the longest keys S3 takes (1,024 bytes of UTF-8)
  'k'.repeat(1024),
  'é'.repeat(512),
  `${'deep/'.repeat(200)}${'x'.repeat(24)}`,
  // slashes at the edges, and segments that are only dots
  '/leading-slash.txt',
  '//two-leading-slashes.txt',
  'trailing-slash/',
  'a/b/',
  '.',
  '..',
  '../../etc/passwd',
  '...',
  "!'()*~-_.",
  'tab\tand\nnewline.txt',
  'Ω≈ç√∫˜µ≤≥÷/Ⓣⓗⓔ 𝓺𝓾𝓲𝓬𝓴/ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ'
]

interface ClientCase {
  name: string
  region: string
  endpoint?: string
  forcePathStyle: boolean
  bucket: string
  sessionToken?: string
}

const clientCases: ClientCase[] = [
  {
    name: 'a custom endpoint with a port, path style (Swift, MinIO)',
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:8080',
    forcePathStyle: true,
    bucket: 'signing-it-abc123'
  },
  {
    name: 'a custom endpoint with a path, path style',
    region: 'eu-west-2',
    endpoint: 'https://storage.example.test:9443/s3',
    forcePathStyle: true,
    bucket: 'reports'
  },
  {
    name: 'a custom endpoint with a path and a trailing slash, virtual hosted',
    region: 'eu-west-2',
    endpoint: 'https://storage.example.test/base/',
    forcePathStyle: false,
    bucket: 'reports'
  },
  {
    name: 'AWS in us-east-1, virtual hosted',
    region: 'us-east-1',
    forcePathStyle: false,
    bucket: 'my-bucket'
  },
  {
    name: 'AWS in eu-west-2, virtual hosted, temporary credentials',
    region: 'eu-west-2',
    forcePathStyle: false,
    bucket: 'bench-reports',
    sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token/with+plus=='
  },
  {
    name: 'AWS in ap-southeast-2, path style',
    region: 'ap-southeast-2',
    forcePathStyle: true,
    bucket: 'sydney-data'
  },
  {
    name: 'AWS in us-west-2 with a dotted bucket name (the SDK falls back to path style)',
    region: 'us-west-2',
    forcePathStyle: false,
    bucket: 'www.example.com'
  },
  {
    name: 'AWS China (cn-north-1), its own partition',
    region: 'cn-north-1',
    forcePathStyle: false,
    bucket: 'beijing-bucket'
  }
]

const clients: S3Client[] = []

function clientFor(clientCase: ClientCase): S3Client {
  // The options the gateway uses, with a provider like its credential cache's.
  const client = new S3Client({
    region: clientCase.region,
    credentials: async () => ({
      ...secret,
      ...(clientCase.sessionToken === undefined ? {} : { sessionToken: clientCase.sessionToken })
    }),
    ...(clientCase.endpoint === undefined ? {} : { endpoint: clientCase.endpoint }),
    ignoreConfiguredEndpointUrls: true,
    forcePathStyle: clientCase.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
  clients.push(client)
  return client
}

/** What a link may add to its query besides the key. */
interface LinkExtras {
  responseContentDisposition?: string
  responseContentType?: string
  versionId?: string
}

function sdkUrl(
  client: S3Client,
  bucket: string,
  key: string,
  expiresIn: number,
  disposition?: string,
  extras: Omit<LinkExtras, 'responseContentDisposition'> = {}
): Promise<string> {
  return getSignedUrl(
    client,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(disposition === undefined ? {} : { ResponseContentDisposition: disposition }),
      ...(extras.responseContentType === undefined
        ? {}
        : { ResponseContentType: extras.responseContentType }),
      ...(extras.versionId === undefined ? {} : { VersionId: extras.versionId })
    }),
    { expiresIn, signingDate }
  )
}

afterAll(() => {
  for (const client of clients) client.destroy()
})

describe.each(clientCases)('a fast link for $name', (clientCase) => {
  const client = clientFor(clientCase)

  it.each(keys)('is the very URL getSignedUrl makes for %j', async (key) => {
    const sign = await bucketGetLinkSigner(client, clientCase.bucket)
    // Our own SigV4 signer alone, without the SDK it falls back to.
    const { own } = await signersFor(client, clientCase.bucket)
    expect(own).not.toBeNull()
    const disposition = attachmentContentDisposition(`Fête "finale" 🎂 ${key.slice(-20)}`)
    for (const [expiresInSeconds, responseContentDisposition] of [
      [3600, undefined],
      [1, disposition],
      [604_800, 'inline']
    ] as const) {
      const fast = await sign({
        key,
        expiresInSeconds,
        signingDate,
        ...(responseContentDisposition === undefined ? {} : { responseContentDisposition })
      })
      const reference = await sdkUrl(
        client,
        clientCase.bucket,
        key,
        expiresInSeconds,
        responseContentDisposition
      )
      expect(fast).toBe(reference)
      expect(
        await own!({
          key,
          expiresInSeconds,
          signingDate,
          ...(responseContentDisposition === undefined ? {} : { responseContentDisposition })
        })
      ).toBe(reference)
      const check = checkPresignedUrl(fast, secret)
      expect(check.expected).toBe(check.actual)
      expect(check.region).toBe(clientCase.region)
    }
    // An inline link with a Content-Type override, pinned to a version.
    const extras = {
      responseContentType: 'text/plain; charset=utf-8',
      versionId: 'Zq3.Lm_9+/x=='
    }
    const fast = await sign({
      key,
      expiresInSeconds: 7200,
      signingDate,
      responseContentDisposition: 'inline',
      ...extras
    })
    expect(fast).toBe(await sdkUrl(client, clientCase.bucket, key, 7200, 'inline', extras))
    const check = checkPresignedUrl(fast, secret)
    expect(check.expected).toBe(check.actual)
  })
})

describe('the fast signer', () => {
  it('encodes keys as the SDK serializer does: per segment, slashes kept', () => {
    expect(encodeKeyPath('a b/c+d/é')).toBe('a%20b/c%2Bd/%C3%A9')
    expect(encodeKeyPath("!'()*")).toBe('%21%27%28%29%2A')
    expect(encodeKeyPath('//x/')).toBe('//x/')
    expect(encodeKeyPath('dots/../x')).toBe('dots/../x')
  })

  it.each([
    'inline; filename="Zoë – 日本語 🎂.pdf"',
    `attachment; filename*=UTF-8''${allPrintableAscii}`,
    'attachment; filename="a+b=c&d?e#f%20g/h\\i"; filename*=UTF-8\'\'a%2Bb.txt',
    ' padded \t value ',
    ''
  ])('gives the URL getSignedUrl makes for the download name %j', async (disposition) => {
    for (const clientCase of [clientCases[0]!, clientCases[4]!]) {
      const client = clientFor(clientCase)
      const sign = (await signersFor(client, clientCase.bucket)).own!
      const key = 'unicode/Résumé – 日本語.txt'
      const fast = await sign({
        key,
        expiresInSeconds: 900,
        signingDate,
        responseContentDisposition: disposition
      })
      expect(fast).toBe(await sdkUrl(client, clientCase.bucket, key, 900, disposition))
      const check = checkPresignedUrl(fast, secret)
      expect(check.expected).toBe(check.actual)
    }
  })

  it.each<LinkExtras>([
    { versionId: 'null' },
    { versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo' },
    { versionId: '1796048028.60121' },
    { responseContentType: 'application/pdf' },
    { responseContentType: 'text/html; charset="utf-8"' },
    { responseContentType: 'image/svg+xml', versionId: 'v~1' },
    {
      responseContentDisposition: attachmentContentDisposition('Zoë.pdf'),
      responseContentType: 'application/octet-stream',
      versionId: 'a/b c'
    },
    { responseContentDisposition: 'inline', versionId: 'v2' },
    // Every character a version id may hold (printable ASCII, as the IPC schema and CLI allow).
    {
      versionId: Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) =>
        String.fromCharCode(0x21 + i)
      ).join('')
    }
  ])('gives the URL getSignedUrl makes with %j', async (extras) => {
    for (const clientCase of [clientCases[0]!, clientCases[4]!, clientCases[5]!]) {
      const client = clientFor(clientCase)
      const { own } = await signersFor(client, clientCase.bucket)
      const sign = await bucketGetLinkSigner(client, clientCase.bucket)
      const key = 'unicode/Résumé – 日本語.txt'
      const { responseContentDisposition, ...rest } = extras
      const reference = await sdkUrl(
        client,
        clientCase.bucket,
        key,
        900,
        responseContentDisposition,
        rest
      )
      const request = { key, expiresInSeconds: 900, signingDate, ...extras }
      expect(await own!(request)).toBe(reference)
      expect(await sign(request)).toBe(reference)
      const check = checkPresignedUrl(reference, secret)
      expect(check.expected).toBe(check.actual)
    }
  })

  it('signs with refreshed credentials from the next link on, as getSignedUrl does', async () => {
    const first = { ...secret, sessionToken: 'first/token+1==' }
    const second = {
      accessKeyId: 'ASIAROTATEDEXAMPLE01',
      secretAccessKey: 'rotated/Secret+Key/EXAMPLEKEY0123456789ab',
      sessionToken: 'second/token+2=='
    }
    let current: typeof first = first
    const client = new S3Client({
      region: 'eu-west-2',
      // Always about to expire: the SDK asks the provider again for every signature.
      credentials: async () => ({ ...current, expiration: new Date(Date.now() + 60_000) }),
      forcePathStyle: false,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED'
    })
    clients.push(client)
    const sign = (await signersFor(client, 'rotating')).own!
    const link = () => sign({ key: 'a b.txt', expiresInSeconds: 600, signingDate })
    const before = await link()
    expect(before).toBe(await sdkUrl(client, 'rotating', 'a b.txt', 600))
    current = second
    const after = await link()
    expect(after).toBe(await sdkUrl(client, 'rotating', 'a b.txt', 600))
    expect(after).not.toBe(before)
    expect(new URL(after).searchParams.get('X-Amz-Security-Token')).toBe(second.sessionToken)
    const check = checkPresignedUrl(after, second)
    expect(check.expected).toBe(check.actual)
    current = { ...secret, sessionToken: '' }
    const withoutToken = await link()
    expect(withoutToken).not.toContain('X-Amz-Security-Token')
    expect(withoutToken).toBe(await sdkUrl(client, 'rotating', 'a b.txt', 600))
  })

  it('writes X-Amz-Date in whole seconds, as getSignedUrl does, for any date', async () => {
    const client = clientFor(clientCases[3]!)
    const sign = (await signersFor(client, clientCases[3]!.bucket)).own!
    for (const date of ['2026-03-01T23:59:59.999Z', '2030-12-31T00:00:00.001Z']) {
      const fast = await sign({ key: 'k', expiresInSeconds: 60, signingDate: new Date(date) })
      expect(fast).toBe(
        await getSignedUrl(
          client,
          new GetObjectCommand({ Bucket: clientCases[3]!.bucket, Key: 'k' }),
          {
            expiresIn: 60,
            signingDate: new Date(date)
          }
        )
      )
    }
  })

  it('is built once per client and bucket, and signs a batch under one X-Amz-Date', async () => {
    const client = clientFor(clientCases[0]!)
    const first = bucketGetLinkSigner(client, 'one')
    expect(bucketGetLinkSigner(client, 'one')).toBe(first)
    expect(bucketGetLinkSigner(client, 'two')).not.toBe(first)
    const sign = await first
    const urls = await Promise.all(
      ['a', 'b', 'c'].map((key) => sign({ key, expiresInSeconds: 60, signingDate }))
    )
    const dates = urls.map((url) => new URL(url).searchParams.get('X-Amz-Date'))
    expect(new Set(dates)).toEqual(new Set(['20260301T123456Z']))
  })
})

describe('the gateway’s signer for a bucket', () => {
  it('gives the URL getSignedUrl makes with the gateway’s own client settings', async () => {
    const endpoint = 'http://127.0.0.1:8080'
    const credentials: CredentialSource = {
      getCredentials: async () => secret,
      invalidate() {}
    }
    const gateway = createS3Gateway({
      profiles: profileDirectory([swiftProfile('swift', endpoint)]),
      credentials
    })
    const sign = await gateway.presignerFor({ profileId: 'swift', region: 'eu-west-2' }, 'bucket')
    const reference = clientFor({
      name: 'reference',
      region: 'eu-west-2',
      endpoint,
      forcePathStyle: true,
      bucket: 'bucket'
    })
    for (const key of keys) {
      const url = await sign({ key, expiresInSeconds: 300, signingDate })
      expect(url).toBe(await sdkUrl(reference, 'bucket', key, 300))
    }
    gateway.invalidate()
  })

  it('refuses a lifetime SigV4 does not allow, like presignGet', async () => {
    const gateway = createS3Gateway({
      profiles: profileDirectory([swiftProfile('swift', 'http://127.0.0.1:8080')]),
      credentials: { getCredentials: async () => secret, invalidate() {} }
    })
    const sign = await gateway.presignerFor({ profileId: 'swift', region: 'us-east-1' }, 'b')
    await expect(sign({ key: 'k', expiresInSeconds: 604_801, signingDate })).rejects.toMatchObject({
      code: 'invalid-expiry'
    })
  })

  it('says which profile lacks credentials, as every other S3 call does', async () => {
    const gateway = createS3Gateway({
      profiles: profileDirectory([swiftProfile('swift', 'http://127.0.0.1:8080')]),
      credentials: {
        getCredentials: async () => {
          const { AppError } = await import('../../shared/errors')
          throw new AppError('credentials-missing', 'No credentials for profile `swift`.')
        },
        invalidate() {}
      }
    })
    await expect(
      gateway.presignerFor({ profileId: 'swift', region: 'us-east-1' }, 'b')
    ).rejects.toMatchObject({ code: 'credentials-missing' })
  })
})
