// @ts-check
/**
 * `prestart`/`predev`: makes sure Electron's binary is on disk before electron-vite starts it.
 *
 * Electron 42 and later download the binary lazily, and electron-vite only reads `path.txt`, so
 * without this step the first `npm start` ends in "Electron uninstall". Fast and silent when the
 * binary is there; offline it fails in seconds with one paragraph saying what to do.
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectron, findElectronPackage } from './electron-binary.mjs'

const projectDir = dirname(dirname(fileURLToPath(import.meta.url)))
const result = await ensureElectron({
  packageDir: findElectronPackage(projectDir, process.env),
  env: process.env,
  log: (line) => console.log(line)
})
if (!result.ok) {
  console.error(`\n${result.message}\n`)
  process.exitCode = 1
}
