import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** What `electron-vite build` writes, and what `npm start` runs. */
export const OUT_DIR = resolve(import.meta.dirname, '../../out')

/**
 * The absolute path of a built file, or an error saying how to build it.
 *
 * The bundle smoke tests fail rather than skip without `out/`: a skipped check of the real
 * bundle would look like a passed one.
 */
export function builtFile(relativePath: string): string {
  const file = join(OUT_DIR, relativePath)
  if (!existsSync(file)) {
    throw new Error(
      `out/${relativePath} does not exist: run \`npx electron-vite build\` first ` +
        '(`npm test` builds before it runs the tests).'
    )
  }
  return file
}
