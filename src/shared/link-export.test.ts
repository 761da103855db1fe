import { describe, expect, it } from 'vitest'
import { parseCsv, toCsv } from './csv'
import { EXPORT_COLUMNS, exportRow, formatLinks } from './link-export'
import type { IssuedLink } from './models'

const T0 = Date.parse('2026-03-01T12:00:00.000Z')

function link(n: number, overrides: Partial<IssuedLink> = {}): IssuedLink {
  return {
    id: `link-${n}`,
    createdAt: new Date(T0 + n).toISOString(),
    profileId: 'default',
    bucket: 'reports',
    key: `report ${n}.pdf`,
    region: 'eu-west-2',
    endpoint: null,
    method: 'GET',
    requestedExpiresInSeconds: 3600,
    requestedExpiresAt: new Date(T0 + n + 3_600_000).toISOString(),
    expiresAt: new Date(T0 + n + 3_600_000).toISOString(),
    cappedBy: null,
    url: `https://reports.s3.eu-west-2.amazonaws.com/report%20${n}.pdf?X-Amz-Signature=${n}`,
    label: '',
    downloadFilename: `report ${n}.pdf`,
    batchId: null,
    ...overrides
  }
}

/** Keys S3 accepts that break naive CSV: separators, quotes, line breaks, non-Latin text. */
const awkward = [
  link(1, { key: 'plain.txt' }),
  link(2, { key: 'a,b,c.csv', label: 'for Ana, Bo' }),
  link(3, { key: 'say "hi".txt', downloadFilename: '"quoted".txt' }),
  link(4, { key: 'two\nlines.txt', label: 'carriage\r\nreturn' }),
  link(5, { key: 'Zoë/東京 🎉.pdf', cappedBy: 'credentials', profileId: 'sso-dev' }),
  link(6, { key: ' leading and trailing spaces ', label: '""' }),
  link(7, { key: '=SUM(A1)', endpoint: 'http://127.0.0.1:8080' })
]

describe('link export', () => {
  it('writes CSV that parses back to the very same rows, whatever the keys hold', () => {
    const csv = formatLinks(awkward, 'csv')
    const [header, ...rows] = parseCsv(csv)
    expect(header).toEqual([...EXPORT_COLUMNS])
    expect(rows).toHaveLength(awkward.length)
    rows.forEach((row, index) => {
      const expected = exportRow(awkward[index]!)
      expect(Object.fromEntries(header!.map((column, at) => [column, row[at]]))).toEqual(
        Object.fromEntries(Object.entries(expected).map(([column, value]) => [column, value ?? '']))
      )
    })
  })

  it('ends every CSV record with CRLF and quotes only the fields that need it', () => {
    expect(
      toCsv([
        ['a', 'b,c', 'say "hi"'],
        ['line\nbreak', 'cr\rhere', '']
      ])
    ).toBe('a,"b,c","say ""hi"""\r\n"line\nbreak","cr\rhere",\r\n')
  })

  it('reads back exactly what it writes, and refuses what RFC 4180 does not allow', () => {
    const records = [
      ['a', ''],
      ['"', ',', '\r\n', '\n'],
      ['東京 🎉', ' x ']
    ]
    expect(parseCsv(toCsv(records))).toEqual(records)
    expect(parseCsv('')).toEqual([])
    for (const bad of ['a,b', 'a"b\r\n', '"open\r\n', 'a\nb\r\n', '"a"b\r\n']) {
      expect(() => parseCsv(bad)).toThrow()
    }
  })

  it('writes the header alone for no links', () => {
    expect(formatLinks([], 'csv')).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`)
    expect(JSON.parse(formatLinks([], 'json'))).toEqual([])
    expect(formatLinks([], 'text')).toBe('')
  })

  it('writes JSON with the same columns, keeping empty values as null', () => {
    const parsed = JSON.parse(formatLinks(awkward, 'json')) as Array<Record<string, unknown>>
    expect(parsed).toEqual(awkward.map(exportRow))
    expect(Object.keys(parsed[0]!)).toEqual([...EXPORT_COLUMNS])
    expect(parsed[0]).toMatchObject({
      key: 'plain.txt',
      expires_at: '2026-03-01T13:00:00.001Z',
      download_filename: 'report 1.pdf',
      capped_by: null,
      profile: 'default'
    })
    expect(parsed[4]).toMatchObject({ key: 'Zoë/東京 🎉.pdf', capped_by: 'credentials' })
  })

  it('writes plain text as one URL per line, in order', () => {
    const text = formatLinks(awkward, 'text')
    expect(text.split('\n')).toEqual([...awkward.map((entry) => entry.url), ''])
  })

  it('says what each link does: a download, or which kind of upload', () => {
    const upload = (kind: 'put' | 'post' | 'page') =>
      link(10, {
        method: kind === 'page' ? 'GET' : kind === 'put' ? 'PUT' : 'POST',
        downloadFilename: null,
        upload: {
          kind,
          uploadMethod: kind === 'post' ? 'POST' : 'PUT',
          destination: { kind: 'key', key: 'inbox/a.bin' },
          contentType: null,
          minBytes: null,
          maxBytes: null,
          fields: null,
          headers: {},
          uploadUrl: 'https://example.test/upload',
          command: 'curl',
          pageKey: kind === 'page' ? '.s3-share/a.html' : null
        }
      })
    const links = [
      link(9),
      link(11, { upload: null }),
      upload('put'),
      upload('post'),
      upload('page')
    ]
    const [header, ...rows] = parseCsv(formatLinks(links, 'csv'))
    const kind = header!.indexOf('kind')
    expect(rows.map((row) => row[kind])).toEqual([
      'download',
      'download',
      'upload-put',
      'upload-post',
      'upload-page'
    ])
  })

  it('exports the real expiry of a link that credentials cut short', () => {
    const capped = link(9, {
      requestedExpiresAt: '2026-03-08T12:00:00.000Z',
      expiresAt: '2026-03-01T12:30:00.000Z',
      cappedBy: 'credentials'
    })
    const [, row] = parseCsv(formatLinks([capped], 'csv'))
    expect(row!.slice(3, 6)).toEqual([
      '2026-03-01T12:30:00.000Z',
      '2026-03-08T12:00:00.000Z',
      'credentials'
    ])
  })

  it('exports the pinned version, the last test and when a link was revoked', () => {
    const pinned = link(10, {
      versionId: 'v-3f9a',
      selfTest: {
        outcome: 'signature-mismatch',
        httpStatus: 403,
        s3Code: 'SignatureDoesNotMatch',
        message: 'The secret key is wrong.',
        testedAt: '2026-03-01T12:00:01.000Z'
      },
      revoked: { at: '2026-03-01T13:00:00.000Z', how: 'object-deleted' }
    })
    const row = exportRow(pinned)
    expect([row.version_id, row.self_test, row.revoked_at]).toEqual([
      'v-3f9a',
      'signature-mismatch',
      '2026-03-01T13:00:00.000Z'
    ])
    const plain = exportRow(link(11))
    expect([plain.version_id, plain.self_test, plain.revoked_at]).toEqual([null, null, null])
  })
})
