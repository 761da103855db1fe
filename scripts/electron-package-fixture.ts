import { copyFile, mkdir, symlink } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'

const require = createRequire(import.meta.url)

/** The real `node_modules/electron` folder. */
export const realElectronPackage = dirname(require.resolve('electron/package.json'))

/**
 * A scratch copy of the `electron` npm package, with its real installer, under `root`.
 *
 * `install.js` resolves its helpers (@electron/get, @electron-internal/extract-zip) from the copy,
 * so both scopes are linked in. Whatever the installer writes lands in the copy, never in the
 * project's node_modules.
 */
export async function scratchElectronPackage(root: string): Promise<string> {
  const packageDir = join(root, 'node_modules', 'electron')
  await mkdir(packageDir, { recursive: true })
  for (const file of ['package.json', 'install.js', 'checksums.json']) {
    await copyFile(join(realElectronPackage, file), join(packageDir, file))
  }
  const fromInstaller = createRequire(join(realElectronPackage, 'install.js'))
  for (const scope of ['@electron/get', '@electron-internal/extract-zip']) {
    const entry = fromInstaller.resolve(scope)
    const scopeName = scope.split('/')[0] ?? scope
    const marker = `${sep}${scope.replace('/', sep)}${sep}`
    const scopeDir = entry.slice(0, entry.lastIndexOf(marker) + sep.length + scopeName.length)
    // A junction needs no privilege on Windows; elsewhere the type is ignored.
    await symlink(scopeDir, join(root, 'node_modules', scopeName), 'junction')
  }
  return packageDir
}

/** `process.env` without anything that steers Electron's installer (mirror, cache, override). */
export function envWithoutElectronSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/electron/i.test(name) && !/^npm_config_(platform|arch)$/i.test(name)
    )
  )
}
