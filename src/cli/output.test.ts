import { describe, expect, it } from 'vitest'
import type { AppErrorCode } from '../shared/errors'
import type { IssuedLink, JobState } from '../shared/models'
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from './exit-codes'
import {
  expiryWarning,
  formatLinkTable,
  formatLocalTime,
  formatProgress,
  linkJson,
  overwriteLine
} from './output'

const NOW = Date.parse('2026-05-01T12:00:00Z')
const HOUR = 3_600_000

function link(overrides: Partial<IssuedLink> = {}): IssuedLink {
  return {
    id: 'a1b2c3',
    createdAt: new Date(NOW - HOUR).toISOString(),
    profileId: 'prod',
    bucket: 'media',
    key: 'brand/logo.svg',
    region: 'eu-west-1',
    endpoint: null,
    method: 'GET',
    requestedExpiresInSeconds: 7_200,
    requestedExpiresAt: new Date(NOW + HOUR).toISOString(),
    expiresAt: new Date(NOW + HOUR).toISOString(),
    cappedBy: null,
    url: 'https://media.s3.eu-west-1.amazonaws.com/brand/logo.svg?X-Amz-Signature=abc',
    label: '',
    downloadFilename: 'logo.svg',
    batchId: null,
    ...overrides
  }
}

function job(overrides: Partial<JobState> = {}): JobState {
  return {
    id: 'job-1',
    kind: 'bulk-links',
    state: 'running',
    phase: 'signing',
    done: 0,
    total: null,
    failed: 0,
    ratePerSecond: 0,
    errors: [],
    batchId: null,
    error: null,
    startedAt: new Date(NOW).toISOString(),
    finishedAt: null,
    ...overrides
  }
}

describe('what s3-share prints', () => {
  it('writes times as local date, time and offset, which sort and read without a locale', () => {
    const text = formatLocalTime(NOW)
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/)
    const [date = '', time = '', zone = ''] = text.split(' ')
    const sign = zone.startsWith('-') ? -1 : 1
    const [hours = 0, minutes = 0] = zone.slice(1).split(':').map(Number)
    // Read back with its offset, it is the same instant.
    const offsetMs = sign * (hours * 60 + minutes) * 60_000
    expect(Date.parse(`${date}T${time}Z`) - offsetMs).toBe(NOW)
    expect(formatLocalTime(Number.NaN)).toBe('—')
  })

  it('lists links in aligned columns with their status, escaping what a key may hide', () => {
    const table = formatLinkTable(
      [
        link({ id: 'first', label: 'for the agency' }),
        link({
          id: 'second-and-longer',
          key: 'evil\nline.txt',
          expiresAt: new Date(NOW - 1).toISOString()
        }),
        link({ id: 'third', expiresAt: new Date(NOW + 60_000).toISOString() })
      ],
      NOW
    )
    const lines = table.split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+EXPIRES\s+OBJECT\s+LABEL$/)
    expect(lines[1]).toMatch(/^first\s+active\s+.*s3:\/\/media\/brand\/logo\.svg\s+for the agency$/)
    expect(lines[2]).toContain('expired')
    expect(lines[2]).toContain('s3://media/evil\\nline.txt')
    expect(lines[3]).toContain('expiring')
    const statusColumn = lines.map((line) => line.indexOf(line.split(/\s+/)[1] ?? ''))
    expect(new Set(statusColumn).size).toBe(1)
  })

  it('adds the status to a link printed as JSON', () => {
    expect(linkJson(link(), NOW)).toMatchObject({ id: 'a1b2c3', status: 'active' })
    expect(linkJson(link({ expiresAt: new Date(NOW).toISOString() }), NOW).status).toBe('expired')
  })

  it('shows a revoked link as revoked, not as the active link its times would make it', () => {
    const revoked = link({ revoked: { at: new Date(NOW - 1000).toISOString(), how: 'marked' } })
    expect(linkJson(revoked, NOW).status).toBe('revoked')
    expect(formatLinkTable([revoked], NOW).split('\n')[1]).toMatch(/^a1b2c3\s+revoked\s/)
  })

  it('warns when temporary credentials end the link before the lifetime asked for', () => {
    const capped = link({
      cappedBy: 'credentials',
      expiresAt: new Date(NOW + 40 * 60_000).toISOString(),
      requestedExpiresAt: new Date(NOW + 7 * 24 * HOUR).toISOString()
    })
    const warning = expiryWarning(capped, false, NOW) ?? ''
    expect(warning).toContain(
      `stops working at ${formatLocalTime(NOW + 40 * 60_000)} (in 40 min 00 s)`
    )
    expect(warning).toContain('temporary credentials of profile `prod` expire')
    expect(warning).toContain(`not at ${formatLocalTime(NOW + 7 * 24 * HOUR)} as asked`)
  })

  it('warns that a session token of unknown lifetime may end the link early, and is quiet otherwise', () => {
    expect(expiryWarning(link(), true, NOW)).toMatch(
      /profile `prod` signs with temporary credentials \(a session token\) whose end is not known/
    )
    expect(expiryWarning(link(), false, NOW)).toBeNull()
  })

  it('draws progress as a bar with counts and rate, and a count while listing', () => {
    expect(formatProgress(job({ phase: 'listing', total: null, done: 0 }))).toBe(
      'Listing objects… 0 found'
    )
    const half = formatProgress(job({ total: 2_000, done: 1_000, ratePerSecond: 812.4, failed: 3 }))
    expect(half).toBe(`[${'█'.repeat(12)}${'░'.repeat(12)}] 1,000/2,000 objects  812/s  3 failed`)
    expect(formatProgress(job({ total: 0, done: 0 }))).toContain(`[${'█'.repeat(24)}] 0/0`)
    expect(overwriteLine('x')).toBe('\rx\u001b[K')
  })
})

describe('exit codes', () => {
  it('gives scripts one documented code per kind of failure', () => {
    const cases: [AppErrorCode, number][] = [
      ['invalid-expiry', 2],
      ['invalid-argument', 2],
      ['credentials-missing', 3],
      ['credentials-expired', 3],
      ['profile-not-found', 4],
      ['no-such-bucket', 4],
      ['no-such-key', 4],
      ['link-not-found', 4],
      ['access-denied', 5],
      ['endpoint-unreachable', 6],
      ['throttled', 6],
      ['registry-busy', 7],
      ['registry-unavailable', 7],
      ['internal', 1]
    ]
    for (const [code, exit] of cases) expect(exitCodeFor(code), code).toBe(exit)
    expect(exitCodeFor('something-new')).toBe(EXIT.unexpected)
  })

  it('documents every exit code in the help', () => {
    for (const code of new Set(Object.values(EXIT))) {
      expect(EXIT_CODES_HELP).toMatch(new RegExp(`^  ${code} +\\S`, 'm'))
    }
  })
})
