import { describe, expect, it } from 'vitest'
import { UsageError } from './args'
import { parseLinksArgs } from './registry-commands'
import { parseUrlArgs, selfTestWarning } from './url-command'

function usageError(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as UsageError).message
  }
  throw new Error('expected a usage error')
}

describe('s3-share url arguments', () => {
  it('reads one object with the lifetime, profile, label and download name', () => {
    expect(
      parseUrlArgs([
        's3://reports/2026/Q3 summary.pdf',
        '--expires',
        '7d',
        '--profile',
        'prod',
        '--label',
        'for Zoë',
        '--name',
        'q3.pdf',
        '--json'
      ])
    ).toEqual({
      kind: 'object',
      bucket: 'reports',
      key: '2026/Q3 summary.pdf',
      expiresInSeconds: 604_800,
      profile: 'prod',
      label: 'for Zoë',
      downloadFilename: 'q3.pdf',
      until: null,
      disposition: 'attachment',
      contentType: null,
      versionId: null,
      selfTest: true,
      json: true,
      userDataDir: undefined
    })
  })

  it('reads an end date, inline display, a content type, a version and no self-test', () => {
    expect(
      parseUrlArgs([
        's3://reports/q3.pdf',
        '--until',
        '2026-12-24T18:00:30+01:00',
        '--inline',
        '--content-type',
        'text/plain; charset=utf-8',
        '--version-id',
        '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
        '--no-test'
      ])
    ).toMatchObject({
      kind: 'object',
      until: '2026-12-24T17:00:30.000Z',
      disposition: 'inline',
      contentType: 'text/plain; charset=utf-8',
      versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
      selfTest: false
    })
  })

  it('reads --until without a zone as local time, in the spellings people type', () => {
    const local = new Date('2026-12-24T18:00:00').toISOString()
    for (const text of ['2026-12-24T18:00', '2026-12-24 18:00', '2026-12-24T18:00:00.000']) {
      expect(parseUrlArgs(['s3://b/k', '--until', text])).toMatchObject({ until: local })
    }
    expect(parseUrlArgs(['s3://b/k', '--until', '2026-12-24T18:00Z'])).toMatchObject({
      until: '2026-12-24T18:00:00.000Z'
    })
    expect(parseUrlArgs(['s3://b/k', '--until', '2026-12-24T18:00-0530'])).toMatchObject({
      until: '2026-12-24T23:30:00.000Z'
    })
  })

  it('refuses an end date, content type or version it cannot use, saying how to write it', () => {
    for (const text of ['tomorrow', '2026-12-24', '24/12/2026 18:00', '2026-02-30T10:00']) {
      expect(usageError(() => parseUrlArgs(['s3://b/k', '--until', text]))).toMatch(
        /--until: .* is not a date and time\. Write it as 2026-12-24T18:00/
      )
    }
    expect(
      usageError(() => parseUrlArgs(['s3://b/k', '--until', '2026-12-24T18:00', '-e', '1h']))
    ).toMatch(/not both/)
    expect(
      usageError(() => parseUrlArgs(['s3://b/k', '--content-type', 'text/a, text/b']))
    ).toMatch(/--content-type .* contains a comma/)
    expect(usageError(() => parseUrlArgs(['s3://b/k', '--version-id', 'a b']))).toMatch(
      /is not a version id/
    )
    for (const flag of [['--inline'], ['--no-test'], ['--until', '2026-12-24T18:00']]) {
      expect(usageError(() => parseUrlArgs(['s3://b/p/', '-r', ...flag]))).toMatch(
        new RegExp(`${flag[0]} works for one object only`)
      )
    }
  })

  it('gives a link the app’s default hour, and the object’s own name unless told otherwise', () => {
    expect(parseUrlArgs(['s3://b/k.txt'])).toMatchObject({
      expiresInSeconds: 3_600,
      downloadFilename: undefined,
      json: false
    })
    expect(parseUrlArgs(['s3://b/k.txt', '--no-name'])).toMatchObject({ downloadFilename: null })
    expect(parseUrlArgs(['s3://b/k.txt', '-e', '90m'])).toMatchObject({ expiresInSeconds: 5_400 })
    expect(parseUrlArgs(['s3://b/k.txt', '--expires=3600'])).toMatchObject({
      expiresInSeconds: 3_600
    })
  })

  it('keeps every character of a key as typed, never decoding it', () => {
    for (const key of ['a%20b.txt', 'x?y#z&=+.bin', 'emoji/🎉.bin', 'line\nbreak', 'dots/../x']) {
      expect(parseUrlArgs([`s3://b/${key}`])).toMatchObject({ bucket: 'b', key })
    }
  })

  it('shares a folder recursively, as the folder even without a trailing slash', () => {
    expect(parseUrlArgs(['s3://media/brand', '--recursive'])).toMatchObject({
      kind: 'prefix',
      bucket: 'media',
      prefix: 'brand/',
      format: 'text',
      downloadNameRule: 'object-name',
      output: undefined
    })
    expect(parseUrlArgs(['s3://media/', '-r', '--format', 'CSV', '-o', 'out.csv'])).toMatchObject({
      prefix: '',
      format: 'csv',
      output: 'out.csv'
    })
    expect(parseUrlArgs(['s3://media', '-r', '--json', '--no-name'])).toMatchObject({
      prefix: '',
      format: 'json',
      downloadNameRule: 'none'
    })
  })

  it('refuses a lifetime outside 1 second to 7 days, saying the limit', () => {
    expect(usageError(() => parseUrlArgs(['s3://b/k', '--expires', '8d']))).toMatch(
      /--expires: A link can work for at most 7 days/
    )
    expect(usageError(() => parseUrlArgs(['s3://b/k', '--expires', 'soon']))).toMatch(
      /is not a lifetime/
    )
  })

  it('says what is wrong with the address', () => {
    expect(usageError(() => parseUrlArgs([]))).toMatch(/Give the object to share/)
    expect(usageError(() => parseUrlArgs(['https://b.s3.amazonaws.com/k']))).toMatch(
      /is not an S3 address/
    )
    expect(usageError(() => parseUrlArgs(['s3:///k']))).toMatch(/has no bucket/)
    expect(usageError(() => parseUrlArgs(['s3://b/folder/']))).toMatch(
      /is a folder, not an object. Add --recursive/
    )
    expect(usageError(() => parseUrlArgs(['s3://b']))).toMatch(/is a bucket, not an object/)
    expect(usageError(() => parseUrlArgs(['s3://b/a', 's3://b/c']))).toMatch(/one s3:\/\/ address/)
    expect(usageError(() => parseUrlArgs(['s3://b/nul\u0000.txt']))).toMatch(/NUL/)
  })

  it('refuses options that contradict each other or do not apply', () => {
    expect(usageError(() => parseUrlArgs(['s3://b/k', '--name', 'x', '--no-name']))).toMatch(
      /not both/
    )
    expect(usageError(() => parseUrlArgs(['s3://b/p/', '-r', '--name', 'x']))).toMatch(
      /one object only/
    )
    expect(usageError(() => parseUrlArgs(['s3://b/k', '--format', 'csv']))).toMatch(/for batches/)
    expect(usageError(() => parseUrlArgs(['s3://b/p/', '-r', '--format', 'xml']))).toMatch(
      /csv, json or text/
    )
    expect(
      usageError(() => parseUrlArgs(['s3://b/p/', '-r', '--json', '--format', 'csv']))
    ).toMatch(/different formats/)
    expect(usageError(() => parseUrlArgs(['s3://b/k', '--expire', '1h']))).toMatch(
      /Unknown option '--expire'/
    )
  })

  it('answers --help before looking at anything else', () => {
    expect(parseUrlArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseUrlArgs(['s3://b/k', '-h'])).toEqual({ kind: 'help' })
  })
})

describe('s3-share links arguments', () => {
  it('turns the filters into a registry query, newest first', () => {
    expect(
      parseLinksArgs([
        '--status',
        'expiring',
        '--bucket',
        'media',
        '--profile',
        'prod',
        '--search',
        'zoe',
        '--limit',
        '20',
        '--json'
      ])
    ).toEqual({
      kind: 'list',
      filter: {
        status: 'expiring',
        bucket: 'media',
        profileId: 'prod',
        text: 'zoe',
        sort: { field: 'created', direction: 'desc' }
      },
      limit: 20,
      json: true,
      userDataDir: undefined
    })
    expect(parseLinksArgs([])).toMatchObject({ filter: { status: 'all' }, limit: undefined })
  })

  it('refuses an unknown status or a limit that is not a whole number', () => {
    expect(usageError(() => parseLinksArgs(['--status', 'dead']))).toMatch(
      /active, expiring, expired, revoked or all/
    )
    for (const limit of ['0', '-3', '2.5', 'ten']) {
      expect(usageError(() => parseLinksArgs([`--limit=${limit}`]))).toMatch(/whole number/)
    }
    expect(usageError(() => parseLinksArgs(['extra']))).toMatch(/Unexpected argument 'extra'/)
  })
})

describe('s3-share url after the self-test', () => {
  const result = (outcome: 'works' | 'not-tested' | 'access-denied') => ({
    outcome,
    httpStatus: outcome === 'access-denied' ? 403 : null,
    s3Code: outcome === 'access-denied' ? 'AccessDenied' : null,
    message: 'S3 refused the link: the profile may not read this object. (S3: AccessDenied)',
    testedAt: '2026-11-30T12:00:00.000Z'
  })

  it('warns on stderr, with S3’s reason, only when the link did not work', () => {
    expect(selfTestWarning(result('access-denied'))).toBe(
      'Warning: this link did not work when tested just now. S3 refused the link: the profile may not read this object. (S3: AccessDenied)'
    )
    expect(selfTestWarning(result('works'))).toBeNull()
    expect(selfTestWarning(result('not-tested'))).toBeNull()
    expect(selfTestWarning(null)).toBeNull()
  })
})
