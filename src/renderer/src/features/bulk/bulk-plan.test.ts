import { describe, expect, it } from 'vitest'
import type { JobState, ObjectPage } from '../../../../shared/models'
import { page } from '../../lib/test-utils'
import { expandFolders, planBulkShare, scopeTotal } from './bulk-plan'
import { jobTally, newerJobState } from './job-state'

const base = { profileId: 'dev', bucket: 'photos' }

describe('what a bulk share sends to main', () => {
  it('sends picked objects as keys and a lone folder as its prefix', () => {
    expect(
      planBulkShare({
        ...base,
        objects: [
          { key: 'a.jpg', size: 1 },
          { key: 'b.jpg', size: 2 }
        ],
        folders: []
      })
    ).toEqual({ kind: 'ready', selection: { kind: 'keys', keys: ['a.jpg', 'b.jpg'] } })
    expect(planBulkShare({ ...base, objects: [], folders: ['2024/'] })).toEqual({
      kind: 'ready',
      selection: { kind: 'prefix', prefix: '2024/' }
    })
  })

  it('lists the folders first when they are mixed with objects or with each other', () => {
    expect(
      planBulkShare({ ...base, objects: [{ key: 'a.jpg', size: 1 }], folders: ['2024/'] })
    ).toEqual({ kind: 'expand', keys: ['a.jpg'], folders: ['2024/'] })
    expect(planBulkShare({ ...base, objects: [], folders: ['a/', 'b/'] })).toMatchObject({
      kind: 'expand'
    })
  })
})

describe('listing folders for a mixed selection', () => {
  const tree: Record<string, ObjectPage[]> = {
    'a/': [
      { ...page('a/', ['deep'], [['1.txt', 1]], 'next') },
      { ...page('a/', [], [['2.txt', 1]]) }
    ],
    'a/deep/': [
      page(
        'a/deep/',
        [],
        [
          ['3.txt', 1],
          ['', 0]
        ]
      )
    ],
    'b/': [page('b/', [], [])]
  }
  const list = async (prefix: string, token: string | null) => {
    const pages = tree[prefix] ?? []
    const result = token === null ? pages[0] : pages[1]
    if (!result) throw new Error(`no page ${prefix} ${token}`)
    return result
  }

  it('collects every key under every folder, sub-folders and pages included, once', async () => {
    const seen: number[] = []
    const keys = await expandFolders(list, ['top.txt', 'a/1.txt'], ['a/', 'b/'], {
      onProgress: (found) => seen.push(found)
    })
    // The folder marker `a/deep/` (an empty name) is not a file in the folder.
    expect(keys).toEqual(['top.txt', 'a/1.txt', 'a/2.txt', 'a/deep/3.txt'])
    expect(seen.at(-1)).toBe(4)
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(expandFolders(list, [], ['a/'], { signal: controller.signal })).rejects.toThrow()
  })
})

describe('counting what will be shared', () => {
  const target = {
    ...base,
    objects: [
      { key: 'a.jpg', size: 100 },
      { key: 'b.jpg', size: 200 }
    ],
    folders: ['x/', 'y/']
  }

  it('adds the picked objects and every folder once all are counted', () => {
    expect(
      scopeTotal(target, [
        { state: 'counted', count: { objects: 1_000, bytes: 5_000, truncated: false } },
        { state: 'counted', count: { objects: 234, bytes: 700, truncated: false } }
      ])
    ).toEqual({ objects: 1_236, bytes: 6_000, tooMany: false, counting: false })
  })

  it('knows no total while a folder is counting or could not be counted', () => {
    expect(
      scopeTotal(target, [
        { state: 'counting' },
        { state: 'counted', count: { objects: 1, bytes: 1, truncated: false } }
      ])
    ).toMatchObject({ objects: null, counting: true })
    expect(scopeTotal(target, [{ state: 'failed', error: new Error('x') }])).toMatchObject({
      objects: null,
      counting: false
    })
  })

  it('says when a folder holds more than one bulk share takes', () => {
    expect(
      scopeTotal(target, [
        { state: 'counted', count: { objects: 100_000, bytes: 1, truncated: true } }
      ]).tooMany
    ).toBe(true)
  })
})

describe("following a job's progress", () => {
  const running = (done: number): JobState => ({
    id: 'job-1',
    kind: 'bulk-links',
    state: 'running',
    phase: 'signing',
    done,
    total: 100,
    failed: 0,
    ratePerSecond: 10,
    errors: [],
    batchId: 'batch-1',
    error: null,
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: null
  })

  it('keeps the latest report whatever order they arrive in', () => {
    const ended: JobState = { ...running(60), state: 'cancelled', phase: 'finished' }
    expect(newerJobState(running(40), running(50)).done).toBe(50)
    expect(newerJobState(running(50), running(40)).done).toBe(50)
    expect(newerJobState(ended, running(70))).toBe(ended)
    expect(newerJobState(running(70), ended)).toBe(ended)
  })

  it('counts what was made, what failed and what a cancel left undone', () => {
    const cancelled: JobState = { ...running(60), state: 'cancelled', failed: 2 }
    expect(jobTally(cancelled)).toEqual({ made: 58, failed: 2, skipped: 40 })
    expect(jobTally({ ...running(100), state: 'done' })).toEqual({
      made: 100,
      failed: 0,
      skipped: 0
    })
  })
})
