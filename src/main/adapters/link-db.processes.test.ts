import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sampleDraft, sampleLink } from '../../../test-support/link-fixtures'
import type { LinksChangedEvent } from '../../shared/models'
import { createLinkService, type PollTimer } from '../services/links'
import type { LinkRepository } from '../services/registry-ports'
import { openLinkDatabase } from './link-db'

const WRITER = resolve(import.meta.dirname, '../../../test-support/registry-writer.ts')

interface Writer {
  /** Resolves once the other process has the registry open. */
  ready: Promise<void>
  go(): void
  /** The ids it recorded, once it exited cleanly. */
  done: Promise<string[]>
}

/** Starts another Node process that records links in the same registry. */
function startWriter(dir: string, count: number, tag: string): Writer {
  const child = spawn(process.execPath, [WRITER, dir, String(count), tag, '50'], {
    stdio: ['pipe', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
  const lines = createInterface({ input: child.stdout })
  let markReady: () => void = () => {}
  let ids: string[] = []
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  lines.on('line', (line) => {
    if (line === 'ready') markReady()
    if (line.startsWith('done ')) ids = JSON.parse(line.slice(5)) as string[]
  })
  const done = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code === 0) resolve(ids)
      else reject(new Error(`The writer exited with ${code}: ${stderr}`))
    })
  })
  // Surfaces a crash before "ready" instead of waiting forever.
  void done.catch(() => markReady())
  return { ready, go: () => child.stdin.end('go\n'), done }
}

function manualTimer(): PollTimer & { tick(): void } {
  let callback: (() => void) | null = null
  return {
    setInterval(next) {
      callback = next
      return 1
    },
    clearInterval() {
      callback = null
    },
    tick() {
      callback?.()
    }
  }
}

let dir: string
let repository: LinkRepository | undefined

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3sm-two-processes-'))
})

afterEach(async () => {
  repository?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the registry shared by two processes', { timeout: 120_000 }, () => {
  it('keeps all 10,000 links when the app and the command line each add 5,000 at once', async () => {
    // Both processes start on a folder an older version left a links.json in.
    await writeFile(
      join(dir, 'links.json'),
      JSON.stringify({ links: [1, 2, 3].map((n) => sampleLink(n, { key: `old/${n}.txt` })) })
    )
    const commandLine = startWriter(dir, 5_000, 'cli')
    repository = openLinkDatabase({ dir })
    const timer = manualTimer()
    const links = createLinkService({ repository, timer })
    const events: LinksChangedEvent[] = []
    links.onChange((event) => events.push(event))

    await commandLine.ready
    commandLine.go()
    const mine: string[] = []
    for (let start = 0; start < 5_000; start += 50) {
      const drafts = Array.from({ length: 50 }, (_, n) =>
        sampleDraft(start + n, { key: `app/file-${start + n}.txt` })
      )
      mine.push(...links.recordMany(drafts).map((link) => link.id))
      timer.tick()
      // Lets the other process's output in while this one writes.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const theirs = await commandLine.done
    timer.tick()

    expect(links.status().total).toBe(10_003)
    expect(new Set([...mine, ...theirs]).size).toBe(10_000)
    const query = (text: string) => links.query({ text, offset: 0, limit: 1 }).total
    expect([query('app/file-'), query('cli/file-'), query('old/')]).toEqual([5_000, 5_000, 3])
    // The old file was imported once, by whichever process came first.
    expect(links.status().imported).toMatchObject({ count: 3, skipped: 0 })
    expect((await readdir(dir)).filter((name) => name.startsWith('links.json'))).toHaveLength(1)
    // The window's last event is as new as the registry: its next page shows everything.
    expect(events.at(-1)?.version).toBe(links.query({ offset: 0, limit: 1 }).version)
  })

  it('shows the app a link the command line made, at the next poll', async () => {
    repository = openLinkDatabase({ dir })
    const timer = manualTimer()
    const links = createLinkService({ repository, timer })
    const events: LinksChangedEvent[] = []
    links.onChange((event) => events.push(event))

    const commandLine = startWriter(dir, 1, 'cli')
    await commandLine.ready
    commandLine.go()
    const [id] = await commandLine.done
    expect(events).toEqual([])
    timer.tick()
    expect(events).toEqual([{ version: expect.any(Number), reason: 'external', count: 0 }])
    expect(links.get(id!)).toMatchObject({ key: 'cli/file-0.txt' })
  })
})
