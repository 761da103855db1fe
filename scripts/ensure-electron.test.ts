import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { freePorts } from '../test-support/free-ports'
import { envWithoutElectronSettings, scratchElectronPackage } from './electron-package-fixture'

const projectDir = dirname(dirname(fileURLToPath(import.meta.url)))

let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 's3sm-npm-start-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** `npm start` as a user types it, in this project, with `env`. */
function npmStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  // Under `npm test` or `npx vitest`, npm names its own entry point; otherwise take it from PATH.
  const npmCli = process.env.npm_execpath
  const [command, args] =
    npmCli && /^npm-cli\.[cm]?js$/.test(basename(npmCli))
      ? [process.execPath, [npmCli, 'start']]
      : ['npm', ['start']]
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: projectDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32' && command === 'npm'
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, output }))
  })
}

it('npm start without a network or an Electron binary stops at once with one clear paragraph', async () => {
  // Electron's real installer in a scratch copy of its package: nothing it does can reach the
  // project's node_modules/electron, whether or not that one has its binary.
  const packageDir = await scratchElectronPackage(root)
  const [closedPort] = await freePorts(1)
  const mirror = `http://127.0.0.1:${closedPort}/`
  const [userNpmrc, globalNpmrc] = [join(root, 'user-npmrc'), join(root, 'global-npmrc')]
  await writeFile(userNpmrc, '')
  await writeFile(globalNpmrc, '')

  const { code, output } = await npmStart({
    ...envWithoutElectronSettings(),
    S3SM_ELECTRON_PACKAGE_DIR: packageDir,
    ELECTRON_MIRROR: mirror,
    // An electron_mirror in a user's .npmrc would win over ELECTRON_MIRROR: read none.
    npm_config_userconfig: userNpmrc,
    npm_config_globalconfig: globalNpmrc,
    // An empty cache: a zip cached by an earlier download would make this succeed.
    electron_config_cache: join(root, 'cache'),
    npm_config_update_notifier: 'false'
  })

  expect(code).not.toBe(0)
  const flat = output.replace(/\s+/g, ' ')
  expect(flat).toContain("Electron's binary is not installed and could not be downloaded")
  expect(flat).toContain('run `npm start` again, or `npx install-electron`')
  expect(flat).toContain('ELECTRON_MIRROR')
  expect(output).not.toMatch(/^\s*at /m)
  expect(output).not.toContain('Electron uninstall')
  // It stopped before the build: neither the type check nor electron-vite ran.
  expect(output).not.toMatch(/typecheck|electron-vite|vite v\d|building/i)
  expect(existsSync(join(packageDir, 'path.txt'))).toBe(false)
}, 60_000)
