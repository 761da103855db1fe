/**
 * The app's speed figures, in one run on one core.
 *
 *   npm run bench               a table
 *   npm run bench -- --json     the table on stderr, then one JSON object as stdout's last line
 *
 * Node 24 runs the TypeScript as it is. On Linux the run pins itself to CPU 0 with `taskset`
 * (when installed), so the figures do not depend on how busy the other cores are.
 */
import { prepareBench } from './harness.ts'

const json = process.argv.includes('--json')
const pinnedCpu = prepareBench(import.meta.url)

const log = (line: string): void => {
  if (json) process.stderr.write(`${line}\n`)
  else console.log(line)
}

log(
  `Node ${process.version}, ${pinnedCpu === null ? 'not pinned to a core (taskset not available)' : `pinned to CPU ${pinnedCpu}`}\n`
)

const { benchSigning } = await import('./signing.ts')
const signing = await benchSigning({ links: 2_000, bulkObjects: 10_000, bulkRuns: 3, log })

log('\nregistry with 100,000 links stored (bench/registry.ts)…')
const { benchRegistry } = await import('./registry.ts')
const registry = await benchRegistry()

const result = {
  node: process.version,
  pinnedCpu,
  ...signing,
  ...registry
}

log('')
log(`${'bulkLinksPerSecond (goal >= 20,000)'.padEnd(40)} ${fmt(result.bulkLinksPerSecond)}`)
log(`${'sdkDefaultLinksPerSecond'.padEnd(40)} ${fmt(result.sdkDefaultLinksPerSecond)}`)
log(
  `${'bulk / SDK default'.padEnd(40)} ${(result.bulkLinksPerSecond / result.sdkDefaultLinksPerSecond).toFixed(1)}x`
)
for (const [name, goal] of [
  ['addOneAt100kMs', '< 1'],
  ['firstPageAt100kMs', '< 20'],
  ['eventBytesAt100k', '< 4,096'],
  ['countsWithRevokedAt100kMs', '< 20']
] as const) {
  log(`${`${name} (goal ${goal})`.padEnd(40)} ${fmt(registry[name])}`)
}
if (json) console.log(JSON.stringify(result))

function fmt(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 })
}
