/**
 * What every bench entry point does first: pin itself to one core, and let Node find the
 * sources' `.ts` files. Import nothing from `src/` before `prepareBench()` has run.
 */
import { spawnSync } from 'node:child_process'
import { registerHooks } from 'node:module'
import { fileURLToPath } from 'node:url'

const PINNED_ENV = 'S3SM_BENCH_PINNED_CPU'

/**
 * On Linux, runs the calling script again under `taskset -c 0` (when installed) and exits with
 * its status, so that figures do not depend on how busy the other cores are. Returns the CPU the
 * process is pinned to, or null when it could not be pinned.
 */
export function prepareBench(scriptUrl: string): number | null {
  if (process.env[PINNED_ENV] === undefined && process.platform === 'linux' && hasTaskset()) {
    const child = spawnSync(
      'taskset',
      [
        '-c',
        '0',
        process.execPath,
        ...process.execArgv,
        fileURLToPath(scriptUrl),
        ...process.argv.slice(2)
      ],
      { stdio: 'inherit', env: { ...process.env, [PINNED_ENV]: '0' } }
    )
    process.exit(child.status ?? 1)
  }
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
  return process.env[PINNED_ENV] === undefined ? null : Number(process.env[PINNED_ENV])
}

function hasTaskset(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0
}
