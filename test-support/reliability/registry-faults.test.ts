import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LINK_DB_FILE, openLinkDatabase } from '../../src/main/adapters/link-db'
import { createCoreServices } from '../../src/main/core-services'
import { createLinkService } from '../../src/main/services/links'
import { AppError, isAppError } from '../../src/shared/errors'
import { sampleDraft } from '../link-fixtures'

/**
 * The link registry (SQLite, shared by the app and the command line) under the faults that
 * happen on real machines: a process killed mid-write, two writers at once, a full disk, a
 * read-only data folder.
 */

const WRITER = resolve(import.meta.dirname, 'registry-burst-writer.ts')
const KILLS = 20
/** Acks to wait for before each kill, from a fixed sequence so that a run reproduces. */
const ACKS_BEFORE_KILL = Array.from({ length: KILLS }, (_, index) => 1 + ((index * 37) % 150))

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3sm-registry-faults-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface BurstWriter {
  acked: string[]
  ready: Promise<void>
  go(): void
  /** Resolves after `count` acks have been seen (or the process ended). */
  acks(count: number): Promise<void>
  kill(): Promise<void>
  exited: Promise<number | null>
  stderr(): string
}

function startBurstWriter(directory: string, tag: string, count = 0): BurstWriter {
  const child = spawn(process.execPath, [WRITER, directory, tag, String(count)], {
    stdio: ['pipe', 'pipe', 'pipe']
  })
  let errors = ''
  child.stderr.on('data', (data: Buffer) => (errors += data.toString()))
  const acked: string[] = []
  const waiters: Array<{ count: number; resolve: () => void }> = []
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  const lines = createInterface({ input: child.stdout })
  const closed = new Promise<void>((resolve) => lines.once('close', () => resolve()))
  lines.on('line', (line) => {
    if (line === 'ready') markReady()
    if (line.startsWith('ack ')) acked.push(line.slice(4))
    for (const waiter of waiters.filter((w) => acked.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  })
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      markReady()
      for (const waiter of waiters.splice(0)) waiter.resolve()
      resolve(code)
    })
  })
  return {
    acked,
    ready,
    go: () => child.stdin.write('go\n'),
    acks: (wanted) =>
      acked.length >= wanted
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count: wanted, resolve })),
    async kill() {
      child.kill('SIGKILL')
      await exited
      // Acks still in the pipe were committed too; read them before checking.
      await closed
    },
    exited,
    stderr: () => errors
  }
}

function integrity(path: string): string {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    return String(
      (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check
    )
  } finally {
    db.close()
  }
}

function missingIds(directory: string, ids: readonly string[]): string[] {
  const repository = openLinkDatabase({ dir: directory })
  try {
    return ids.filter((id) => repository.get(id) === null)
  } finally {
    repository.close()
  }
}

/** Root may mount; a CI runner without the privilege skips the mount-based cases. */
function canMount(): boolean {
  const probe = join(tmpdir(), `s3sm-mount-probe-${process.pid}`)
  mkdirSync(probe, { recursive: true })
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0
  if (mounted) spawnSync('umount', [probe])
  rmSync(probe, { recursive: true, force: true })
  return mounted
}
const MOUNTS = process.platform === 'linux' && canMount()

function mountTmpfs(path: string, options: string): void {
  mkdirSync(path, { recursive: true })
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path])
}

describe('the link registry under faults', () => {
  it(`keeps every acknowledged link when its writer is killed mid-burst (${KILLS} kills)`, async () => {
    const acked: string[] = []
    for (const [round, wanted] of ACKS_BEFORE_KILL.entries()) {
      const writer = startBurstWriter(dir, `kill-${round}`)
      await writer.ready
      writer.go()
      await writer.acks(wanted)
      await writer.kill()
      expect(writer.acked.length, writer.stderr()).toBeGreaterThanOrEqual(wanted)
      acked.push(...writer.acked)
      // The next opener (here the test, then the next writer) finds a sound database.
      expect(integrity(join(dir, LINK_DB_FILE))).toBe('ok')
      expect(missingIds(dir, acked)).toEqual([])
    }
    expect(acked.length).toBeGreaterThan(KILLS)
  }, 180_000)

  it('loses nothing when two processes write at once', async () => {
    const writers = [startBurstWriter(dir, 'left', 300), startBurstWriter(dir, 'right', 300)]
    await Promise.all(writers.map((writer) => writer.ready))
    for (const writer of writers) writer.go()
    const codes = await Promise.all(writers.map((writer) => writer.exited))
    expect(codes, writers.map((writer) => writer.stderr()).join('\n')).toEqual([0, 0])
    const ids = writers.flatMap((writer) => writer.acked)
    expect(ids).toHaveLength(600)
    expect(new Set(ids).size).toBe(600)
    expect(missingIds(dir, ids)).toEqual([])
  }, 60_000)

  describe.skipIf(!MOUNTS)('on a small tmpfs', () => {
    let mountPoint: string

    beforeEach(() => {
      mountPoint = join(dir, 'mnt')
    })

    afterEach(() => {
      spawnSync('umount', [mountPoint])
    })

    it('says the disk is full and keeps the links already stored', () => {
      mountTmpfs(mountPoint, 'size=1m')
      const repository = openLinkDatabase({ dir: mountPoint })
      const links = createLinkService({ repository })
      const stored = links.recordMany(Array.from({ length: 50 }, (_, n) => sampleDraft(n)))
      // Fill the rest of the disk with another file, as another program would.
      const filler = openSync(join(mountPoint, 'filler.bin'), 'w')
      const block = Buffer.alloc(16 * 1024, 1)
      try {
        for (;;) writeSync(filler, block)
      } catch {
        // ENOSPC: the disk is full.
      }
      for (;;) {
        try {
          writeSync(filler, Buffer.alloc(512, 1))
        } catch {
          break
        }
      }
      closeSync(filler)

      let failure: unknown = null
      try {
        for (let n = 0; n < 2_000; n += 1)
          links.recordMany([sampleDraft(1_000 + n, { label: 'x'.repeat(2_000) })])
      } catch (error) {
        failure = error
      }
      expect(isAppError(failure), String(failure)).toBe(true)
      const appError = failure as AppError
      expect(appError.code).toBe('registry-unavailable')
      expect(appError.message).toMatch(/full|disk/i)
      expect(appError.message.length).toBeLessThan(500)

      rmSync(join(mountPoint, 'filler.bin'))
      repository.close()
      expect(integrity(join(mountPoint, LINK_DB_FILE))).toBe('ok')
      expect(
        missingIds(
          mountPoint,
          stored.map((link) => link.id)
        )
      ).toEqual([])
    })

    it('says the data folder is read-only at start-up instead of crashing', () => {
      mountTmpfs(mountPoint, 'size=1m,ro')
      let failure: unknown = null
      try {
        createCoreServices({
          env: {
            HOME: dir,
            AWS_CONFIG_FILE: join(dir, 'none'),
            AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none')
          },
          userDataDir: mountPoint
        }).close()
      } catch (error) {
        failure = error
      }
      expect(isAppError(failure), String(failure)).toBe(true)
      expect((failure as AppError).code).toBe('registry-unavailable')
      expect((failure as AppError).message).toMatch(/read-only|cannot be (saved|opened)|write/i)
    })

    it('opens an existing registry in a folder made read-only, or says why not', () => {
      mountTmpfs(mountPoint, 'size=1m')
      const repository = openLinkDatabase({ dir: mountPoint })
      const stored = createLinkService({ repository }).record(sampleDraft(1))
      repository.close()
      execFileSync('mount', ['-o', 'remount,ro', mountPoint])
      let reopened: ReturnType<typeof openLinkDatabase> | null = null
      try {
        reopened = openLinkDatabase({ dir: mountPoint })
        // Opened: reading works and writing fails with a clear error.
        expect(reopened.get(stored.id)?.id).toBe(stored.id)
        expect(() => reopened?.add({ ...sampleDraft(2), id: 'new-one' })).toThrow(AppError)
      } catch (error) {
        expect(isAppError(error), String(error)).toBe(true)
        expect((error as AppError).code).toBe('registry-unavailable')
      } finally {
        reopened?.close()
      }
    })
  })

  it('says so when the data folder cannot be created at all', () => {
    const blocked = join(dir, 'a-file')
    writeFileSync(blocked, '')
    expect(() => openLinkDatabase({ dir: join(blocked, 'data') })).toThrow(AppError)
  })
})
