import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

export interface ElectronegativityIssue {
  id: string
  /** Relative to the scanned folder. */
  file: string
  location: { line: number; column: number }
  severity: { name: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' }
  confidence: { name: string }
  description: string
  manualReview: boolean
}

interface RunnerResult {
  issues: ElectronegativityIssue[]
  errors: unknown[]
}

type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<RunnerResult>

/**
 * Runs Electronegativity over `input` without the network.
 *
 * Offline it would still reach out twice: for translations (a 1 s timeout, then the bundled
 * English) and for Electron's release list, which its AVAILABLE_SECURITY_FIXES check downloads
 * from GitHub and which hangs or fails here. So its HTTP client (`got`) is replaced in the
 * require cache by one that fails at once, and that check is excluded: it compares versions
 * with GitHub's list, which `npm outdated` and Dependabot cover. The Electron version comes from
 * the installed package, since the loader cannot read it from `src` and would assume 0.1.0
 * (whose unsafe defaults turn every window into a finding).
 */
export async function runElectronegativity(input: string): Promise<ElectronegativityIssue[]> {
  const root = dirname(require.resolve('@doyensec/electronegativity/package.json'))
  const gotPath = require.resolve('got', { paths: [join(root, 'dist', 'locales')] })
  const offline = Object.assign(
    () => Promise.reject(Object.assign(new Error('offline'), { code: 'ENOTFOUND' })),
    {}
  )
  const stub = Object.assign(offline, { head: offline, get: offline, default: offline })
  const cache = require.cache as Record<string, unknown>
  const previous = cache[gotPath]
  cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: stub }
  try {
    const runner = require(join(root, 'dist', 'runner.js')) as Runner | { default: Runner }
    const run = typeof runner === 'function' ? runner : runner.default
    const electronVersion = (require('electron/package.json') as { version: string }).version
    const result = await run(
      {
        input,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion,
        parserPlugins: []
      },
      false
    )
    if (result.errors.length > 0) {
      throw new Error(
        `Electronegativity could not parse: ${JSON.stringify(result.errors).slice(0, 500)}`
      )
    }
    return result.issues
  } finally {
    if (previous === undefined) delete cache[gotPath]
    else cache[gotPath] = previous
  }
}
