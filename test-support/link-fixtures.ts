import type { LinkDraft } from '../src/main/services/registry-ports'
import type { IssuedLink, LinkBatch } from '../src/shared/models'

/** The moment the registry tests start at: 2026-03-01 12:00 UTC. */
export const T0 = Date.parse('2026-03-01T12:00:00.000Z')

const HOUR_MS = 3_600_000

/** A realistic issued link, made `n` ms after T0 and lasting an hour; override what matters. */
export function sampleLink(n: number, overrides: Partial<IssuedLink> = {}): IssuedLink {
  const createdAt = overrides.createdAt ?? new Date(T0 + n).toISOString()
  const expiresAt = overrides.expiresAt ?? new Date(Date.parse(createdAt) + HOUR_MS).toISOString()
  return {
    id: `link-${n}`,
    createdAt,
    profileId: 'default',
    bucket: 'reports',
    key: `2026/report ${n} ✓.pdf`,
    region: 'eu-west-2',
    endpoint: null,
    method: 'GET',
    requestedExpiresInSeconds: 3600,
    requestedExpiresAt: expiresAt,
    expiresAt,
    cappedBy: null,
    url: `https://reports.s3.eu-west-2.amazonaws.com/2026/report%20${n}%20%E2%9C%93.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260301%2Feu-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260301T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`,
    label: '',
    downloadFilename: `report ${n} ✓.pdf`,
    batchId: null,
    ...overrides
  }
}

/** The same link before the registry gives it an id. */
export function sampleDraft(n: number, overrides: Partial<IssuedLink> = {}): LinkDraft {
  const { id: _id, ...draft } = sampleLink(n, overrides)
  return draft
}

/** A finished bulk share of a folder; override what matters. */
export function sampleBatch(id: string, overrides: Partial<LinkBatch> = {}): LinkBatch {
  return {
    id,
    createdAt: new Date(T0).toISOString(),
    profileId: 'default',
    bucket: 'reports',
    label: 'Q1 for the auditors',
    source: { kind: 'prefix', prefix: '2026/q1/' },
    requestedExpiresInSeconds: 3600,
    expiresAt: new Date(T0 + HOUR_MS).toISOString(),
    cappedBy: null,
    linkCount: 0,
    failedCount: 0,
    state: 'done',
    ...overrides
  }
}
