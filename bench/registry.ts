/**
 * What the link registry costs with 100,000 links stored:
 *
 * - addOneAt100kMs: recording one link (the share dialog's path: one transaction, one event);
 * - firstPageAt100kMs: the Links view's opening query (batches grouped, newest first, a page of
 *   100, counts per status), as `links:query` runs it in main;
 * - eventBytesAt100k: the `links:changed` payload the window gets when one link is added;
 * - countsWithRevokedAt100kMs: the status counts alone (a page of none) once 100 links are
 *   revoked, which count only as revoked and are taken away from the others.
 *
 *   node bench/registry.ts      (Node 24 runs the TypeScript as it is; prints one JSON line)
 *
 * Medians of repeated runs, on a real `links.db` in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { LinkDraft } from '../src/main/services/registry-ports.ts'
import type { LinksChangedEvent } from '../src/shared/models.ts'

// The sources import each other without extensions (bundler style); let Node find the `.ts`.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context)
    } catch (error) {
      if (!specifier.startsWith('.')) throw error
      return nextResolve(`${specifier}.ts`, context)
    }
  }
})

export interface RegistryBench {
  addOneAt100kMs: number
  firstPageAt100kMs: number
  eventBytesAt100k: number
  countsWithRevokedAt100kMs: number
}

const STORED = 100_000
const BATCHES = 4
const BATCH_SIZE = 5_000
const LIFETIMES_S = [3_600, 7 * 86_400, 600, 86_400]

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}

export async function benchRegistry(): Promise<RegistryBench> {
  const { openLinkDatabase } = await import('../src/main/adapters/link-db.ts')
  const { createLinkService } = await import('../src/main/services/links.ts')

  const folder = mkdtempSync(join(tmpdir(), 's3sm-bench-registry-'))
  const repository = openLinkDatabase({ dir: folder })
  try {
    const links = createLinkService({ repository })
    const now = Date.now()
    // One link a second over the last 28 hours, with lifetimes that leave every status in use.
    const draft = (n: number, batchId: string | null = null): LinkDraft => {
      const created = now - STORED * 1000 + n * 1000
      const lifetime = LIFETIMES_S[n % LIFETIMES_S.length]!
      const expiresAt = new Date(created + lifetime * 1000).toISOString()
      const key = `projects/${n % 50}/report ${n}${n % 10 === 0 ? ' Zoë' : ''}.pdf`
      return {
        createdAt: new Date(created).toISOString(),
        profileId: `profile-${n % 3}`,
        bucket: `bucket-${n % 7}`,
        key,
        region: 'eu-west-2',
        endpoint: null,
        method: 'GET',
        requestedExpiresInSeconds: lifetime,
        requestedExpiresAt: expiresAt,
        expiresAt,
        cappedBy: null,
        url: `https://bucket-${n % 7}.s3.eu-west-2.amazonaws.com/${encodeURIComponent(key)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260301%2Feu-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260301T120000Z&X-Amz-Expires=${lifetime}&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`,
        label: n % 5 === 0 ? 'for the auditors' : '',
        downloadFilename: `report ${n}.pdf`,
        batchId
      }
    }

    // 80,000 links on their own, then 4 batches of 5,000 (the newest).
    const singles = STORED - BATCHES * BATCH_SIZE
    for (let start = 0; start < singles; start += 10_000) {
      links.recordMany(Array.from({ length: 10_000 }, (_, n) => draft(start + n)))
    }
    for (let b = 0; b < BATCHES; b += 1) {
      const first = singles + b * BATCH_SIZE
      const batch = links.createBatch({
        createdAt: draft(first).createdAt,
        profileId: 'profile-0',
        bucket: 'bucket-0',
        label: `batch ${b}`,
        source: { kind: 'prefix', prefix: `projects/${b}/` },
        requestedExpiresInSeconds: 86_400,
        expiresAt: new Date(now + 86_400_000).toISOString(),
        cappedBy: null
      })
      links.recordMany(Array.from({ length: BATCH_SIZE }, (_, n) => draft(first + n, batch.id)))
    }

    // The query the Links view opens with.
    const firstPage = () =>
      links.query({
        groupBatches: true,
        sort: { field: 'created', direction: 'desc' },
        offset: 0,
        limit: 100
      })
    const pageTimes: number[] = []
    for (let run = 0; run < 60; run += 1) {
      const started = performance.now()
      const page = firstPage()
      const elapsed = performance.now() - started
      if (page.rows.length !== 100) throw new Error('The first page is not full.')
      if (run >= 10) pageTimes.push(elapsed)
    }

    // A window is listening, as when the app runs: each add sends one event.
    const events: LinksChangedEvent[] = []
    const stop = links.onChange((event) => events.push(event))
    const addTimes: number[] = []
    for (let run = 0; run < 220; run += 1) {
      const one = draft(STORED + run)
      const started = performance.now()
      links.record(one)
      const elapsed = performance.now() - started
      if (run >= 20) addTimes.push(elapsed)
    }
    stop()
    const event = events.at(-1)
    if (event === undefined || events.length !== 220) throw new Error('Missing change events.')

    // A few revoked links, spread over every hour and status.
    const all = links.query({
      offset: 0,
      limit: 1000,
      sort: { field: 'created', direction: 'asc' }
    })
    const revokedIds = all.rows.flatMap((row, n) =>
      row.kind === 'link' && n % 10 === 0 ? [row.link.id] : []
    )
    links.updateMany(revokedIds, { revoked: { at: new Date(now).toISOString(), how: 'marked' } })
    const countTimes: number[] = []
    for (let run = 0; run < 60; run += 1) {
      const started = performance.now()
      const page = links.query({ offset: 0, limit: 0 })
      const elapsed = performance.now() - started
      if (page.counts.revoked !== revokedIds.length) throw new Error('Revoked links miscounted.')
      if (run >= 10) countTimes.push(elapsed)
    }

    return {
      addOneAt100kMs: round(median(addTimes)),
      firstPageAt100kMs: round(median(pageTimes)),
      eventBytesAt100k: Buffer.byteLength(JSON.stringify(event)),
      countsWithRevokedAt100kMs: round(median(countTimes))
    }
  } finally {
    repository.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await benchRegistry()))
}
