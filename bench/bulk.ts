/**
 * Where a bulk share's time goes, link by link: the parts of `bulkLinksPerSecond` measured
 * apart, then the whole job, on one core.
 *
 *   node bench/bulk.ts [--objects 10000] [--runs 5] [--job-only] [--profile]
 *
 * `--profile` records a CPU profile of the whole-job runs (written to the temp folder) and
 * prints the functions that took the most time themselves. Each line gives wall-clock time and
 * this process's CPU time (user + system), and the whole job the time it waited for a CPU held by
 * other processes (Linux): on a busy machine wall-clock time grows with the others' load, CPU
 * time much less, so compare changes by CPU time, and within one run.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareBench } from './harness.ts'

const pinnedCpu = prepareBench(import.meta.url)
const objects = numberOption('--objects', 10_000)
const runs = numberOption('--runs', 5)
const profile = process.argv.includes('--profile')
const jobOnly = process.argv.includes('--job-only')

const { BUCKET, PROFILE, bulkShare, keyOf, median, openBenchServices } =
  await import('./signing.ts')
const { attachmentContentDisposition } = await import('../src/shared/content-disposition.ts')
const { downloadFilenameFor } = await import('../src/main/services/signing.ts')
const { BULK_CHUNK_SIZE } = await import('../src/main/services/bulk-links.ts')

console.log(
  `Node ${process.version}, ${pinnedCpu === null ? 'not pinned' : `pinned to CPU ${pinnedCpu}`}, ${objects.toLocaleString('en-US')} objects, median of ${runs} runs\n`
)

const services = openBenchServices()
try {
  const keys = Array.from({ length: objects }, (_, i) => keyOf(i))
  const signer = await services.signing.prepareDownloadLinks({
    profileId: PROFILE,
    bucket: BUCKET,
    expiresInSeconds: 3600,
    label: 'bench'
  })
  const presign = await services.gateway.presignerFor(
    { profileId: PROFILE, region: signer.region },
    BUCKET
  )
  const signingDate = new Date(signer.signedAt)
  const names = keys.map((key) => downloadFilenameFor(key, 'object-name'))
  const dispositions = names.map((name) =>
    name === null ? undefined : attachmentContentDisposition(name)
  )

  const parts: [string, () => Promise<void> | void][] = [
    [
      'download name + Content-Disposition',
      () => {
        for (const key of keys) {
          const name = downloadFilenameFor(key, 'object-name')
          if (name !== null) attachmentContentDisposition(name)
        }
      }
    ],
    [
      'presign alone (gateway.presignerFor)',
      async () => {
        for (let i = 0; i < objects; i += 1) {
          await presign({
            key: keys[i]!,
            expiresInSeconds: 3600,
            signingDate,
            ...(dispositions[i] === undefined
              ? {}
              : { responseContentDisposition: dispositions[i] })
          })
        }
      }
    ],
    [
      'signer.sign (name + presign + draft)',
      async () => {
        for (const key of keys) await signer.sign(key, downloadFilenameFor(key, 'object-name'))
      }
    ]
  ]
  const drafts = await Promise.all(keys.map((key, i) => signer.sign(key, names[i]!)))
  parts.push([
    `links.recordMany, ${BULK_CHUNK_SIZE} per call`,
    () => {
      for (let start = 0; start < objects; start += BULK_CHUNK_SIZE) {
        services.links.recordMany(drafts.slice(start, start + BULK_CHUNK_SIZE))
      }
    }
  ])

  for (const [name, part] of jobOnly ? [] : parts) {
    await part()
    const wall: number[] = []
    const cpu: number[] = []
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now()
      const cpuStarted = cpuMs()
      await part()
      wall.push(performance.now() - started)
      cpu.push(cpuMs() - cpuStarted)
    }
    console.log(`${name.padEnd(40)} ${perLink(wall)} µs/link, CPU ${perLink(cpu)}`)
  }

  const session = new Session()
  if (profile) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 100 })
    await session.post('Profiler.start')
  }
  await bulkShare(services.bulk, services.jobs, 5_000)
  const wall: number[] = []
  const cpu: number[] = []
  const waits: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now()
    const cpuStarted = cpuMs()
    const waitStarted = runQueueMs()
    const final = await bulkShare(services.bulk, services.jobs, objects)
    wall.push(performance.now() - started)
    cpu.push(cpuMs() - cpuStarted)
    waits.push(runQueueMs() - waitStarted)
    if (final.state !== 'done' || final.done !== objects) throw new Error(`ended ${final.state}`)
  }
  const rate = (ms: number) => Math.round((objects * 1000) / ms).toLocaleString('en-US')
  console.log(
    `${'whole bulk job'.padEnd(40)} ${perLink(wall)} µs/link, CPU ${perLink(cpu)}  (${rate(median(wall))} links/s; by CPU time ${rate(median(cpu))})`
  )
  if (waits.every((ms) => !Number.isNaN(ms))) {
    console.log(`${'  of which waiting for a CPU'.padEnd(40)} ${perLink(waits)} µs/link`)
  }
  if (profile) {
    const { profile: recorded } = await session.post('Profiler.stop')
    session.disconnect()
    const file = join(tmpdir(), `s3sm-bulk-${Date.now()}.cpuprofile`)
    writeFileSync(file, JSON.stringify(recorded))
    console.log(`\nCPU profile of the whole-job runs: ${file}\nself time, top 25:`)
    printTopSelfTime(recorded, 25)
  }
} finally {
  services.close()
}

/** This process's CPU time so far (user + system), in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * How long the main thread has waited for a CPU while ready to run (Linux), in milliseconds:
 * the part of wall-clock time that other processes took. NaN where it cannot be read.
 */
function runQueueMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6
  } catch {
    return Number.NaN
  }
}

/** The median of per-run milliseconds, as microseconds per link. */
function perLink(runMs: number[]): string {
  return ((median(runMs) * 1000) / objects).toFixed(2).padStart(7)
}

function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(name)
  if (index < 0) return fallback
  const value = Number(process.argv[index + 1])
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a whole number`)
  return value
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples?: number[]
  timeDeltas?: number[]
}

function printTopSelfTime(recorded: CpuProfile, top: number): void {
  const byId = new Map(recorded.nodes.map((node) => [node.id, node]))
  const samples = recorded.samples ?? []
  const deltas = recorded.timeDeltas ?? []
  const self = new Map<string, number>()
  let total = 0
  samples.forEach((id, index) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    const where = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`
    const micros = deltas[index] ?? 0
    self.set(where, (self.get(where) ?? 0) + micros)
    total += micros
  })
  for (const [where, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${where}`
    )
  }
}
