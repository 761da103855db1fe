// @ts-check
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * How long Electron's installer may take before we give up.
 *
 * A real download of about 100 MB on a slow line fits; an offline machine fails far sooner
 * (DNS or connection errors come back at once), this only stops a stalled connection.
 */
export const DOWNLOAD_TIMEOUT_MS = 10 * 60_000

/**
 * @typedef {{ state: 'ready', executable: string }
 *   | { state: 'missing', packageDir: string, version: string, reason: string }
 *   | { state: 'unusable', message: string }} ElectronState
 *
 * @typedef {{ [name: string]: string | undefined }} Env
 */

/**
 * The npm package `electron` as seen from the project: electron-vite resolves the same one.
 *
 * @param {string} projectDir
 * @param {Env} env
 * @returns {string | null}
 */
export function findElectronPackage(projectDir, env) {
  // A test seam: the npm-start test points this at a scratch copy of the package, so it never
  // reads or writes the real node_modules/electron.
  const override = env.S3SM_ELECTRON_PACKAGE_DIR
  if (override) return override
  try {
    const require = createRequire(join(projectDir, 'package.json'))
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

/**
 * The executable's path inside Electron's `dist` folder, as `install.js` (getPlatformPath) writes
 * it to `path.txt`.
 *
 * @param {string} platform
 * @returns {string | null}
 */
export function platformExecutable(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron'
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron'
    case 'win32':
      return 'electron.exe'
    default:
      return null
  }
}

/**
 * Whether the Electron binary that `electron-vite preview`/`dev` will start is on disk.
 *
 * electron-vite (getElectronPath) uses `ELECTRON_EXEC_PATH` when set, otherwise
 * `<package>/dist/<path.txt>`, and ignores `ELECTRON_OVERRIDE_DIST_PATH`. The "installed" test is
 * the one Electron's own `install.js` (isInstalled) makes, so that once it has run we agree with it.
 *
 * @param {{ packageDir: string | null, env: Env, platform?: string }} options
 * @returns {ElectronState}
 */
export function inspectElectron({ packageDir, env, platform }) {
  const execPath = env.ELECTRON_EXEC_PATH
  if (execPath) {
    return existsSync(execPath)
      ? { state: 'ready', executable: execPath }
      : {
          state: 'unusable',
          message: `ELECTRON_EXEC_PATH is set to ${execPath}, which does not exist.`
        }
  }
  if (packageDir === null) {
    return {
      state: 'unusable',
      message: "Electron's npm package is not installed. Run `npm install` first."
    }
  }

  const targetPlatform =
    platform ?? env.ELECTRON_INSTALL_PLATFORM ?? env.npm_config_platform ?? process.platform
  const expected = platformExecutable(targetPlatform)
  if (expected === null) {
    return {
      state: 'unusable',
      message: `Electron has no builds for the platform ${targetPlatform}.`
    }
  }
  const pathTxt = readText(join(packageDir, 'path.txt'))

  const overrideDist = env.ELECTRON_OVERRIDE_DIST_PATH
  if (overrideDist) {
    // Electron's index.js looks for the binary there; electron-vite does not, so it must be told.
    const executable = join(overrideDist, pathTxt ?? expected)
    return {
      state: 'unusable',
      message: existsSync(executable)
        ? `ELECTRON_OVERRIDE_DIST_PATH is set, and electron-vite does not read it. ` +
          `Also set ELECTRON_EXEC_PATH=${executable}`
        : `ELECTRON_OVERRIDE_DIST_PATH is set to ${overrideDist}, which has no ${pathTxt ?? expected}.`
    }
  }

  const version = readVersion(packageDir)
  /** @param {string} reason @returns {ElectronState} */
  const missing = (reason) => ({ state: 'missing', packageDir, version, reason })
  if (pathTxt === null) return missing('not downloaded yet')
  if (pathTxt !== expected) return missing(`the one installed is for another platform (${pathTxt})`)
  const installedVersion = readText(join(packageDir, 'dist', 'version'))
    ?.trim()
    .replace(/^v/, '')
  if (installedVersion !== version) {
    return missing(`the one installed is version ${installedVersion ?? 'unknown'}`)
  }
  const executable = join(packageDir, 'dist', pathTxt)
  return existsSync(executable)
    ? { state: 'ready', executable }
    : missing(`${executable} is missing`)
}

/**
 * @typedef {{ ok: true } | { ok: false, timedOut: boolean, detail: string | null }} InstallResult
 */

/**
 * Runs Electron's own installer (`install.js`, the `install-electron` command): it downloads the
 * binary with @electron/get (ELECTRON_MIRROR, the cache, checksums) and writes `path.txt`.
 *
 * Its output is kept, not shown: on failure it prints a stack trace, of which we keep one line.
 *
 * @param {{ packageDir: string, env: Env, timeoutMs: number, onWait?: (elapsedMs: number) => void }} options
 * @returns {Promise<InstallResult>}
 */
export function runElectronInstaller({ packageDir, env, timeoutMs, onWait }) {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true
    })
    let output = ''
    /** @param {Buffer} chunk */
    const keep = (chunk) => {
      output = (output + chunk.toString('utf8')).slice(-16_000)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)

    let timedOut = false
    const deadline = setTimeout(() => {
      timedOut = true
      child.kill()
    }, timeoutMs)
    const heartbeat = setInterval(() => onWait?.(Date.now() - started), 30_000)
    /** @param {InstallResult} result */
    const finish = (result) => {
      clearTimeout(deadline)
      clearInterval(heartbeat)
      resolve(result)
    }
    child.once('error', (error) => finish({ ok: false, timedOut, detail: error.message }))
    child.once('close', (code) => {
      if (code === 0 && !timedOut) finish({ ok: true })
      else finish({ ok: false, timedOut, detail: lastErrorLine(output) })
    })
  })
}

/**
 * The line of an error report worth showing: the last error message, never a stack frame.
 *
 * @param {string} output
 * @returns {string | null}
 */
export function lastErrorLine(output) {
  const lines = output
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at\s/.test(line) && !/^Node\.js v\d/.test(line))
  const line = lines.findLast((text) => /^[\w.]*(Error|Exception)\b/.test(text)) ?? lines.at(-1)
  if (line === undefined) return null
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

/**
 * The one paragraph a user reads when the binary cannot be had.
 *
 * @param {{ version: string, timedOut: boolean, timeoutMs: number, detail: string | null }} failure
 * @returns {string}
 */
export function downloadFailedMessage({ version, timedOut, timeoutMs, detail }) {
  const why = timedOut
    ? ` within ${duration(timeoutMs)}`
    : detail
      ? ` (Electron's installer said: ${detail})`
      : ''
  return wrap(
    `Electron's binary is not installed and could not be downloaded${why}. ` +
      `The app runs on Electron ${version}, whose binary (about 100 MB) Electron's installer ` +
      'downloads once, on the first `npm start` or `npm run dev`. ' +
      'Once you are online, run `npm start` again, or `npx install-electron` to download it ' +
      'without a time limit. To download it from a mirror, set ELECTRON_MIRROR ' +
      '(for example ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/); to use a binary ' +
      'you already have, set ELECTRON_EXEC_PATH to it.'
  )
}

/**
 * Makes sure the binary is there, downloading it with Electron's installer if not.
 *
 * @param {{ packageDir: string | null, env: Env, timeoutMs?: number, log?: (line: string) => void }} options
 * @returns {Promise<{ ok: true, executable: string } | { ok: false, message: string }>}
 */
export async function ensureElectron({ packageDir, env, timeoutMs = DOWNLOAD_TIMEOUT_MS, log }) {
  const before = inspectElectron({ packageDir, env })
  if (before.state === 'ready') return { ok: true, executable: before.executable }
  if (before.state === 'unusable') return { ok: false, message: wrap(before.message) }

  log?.(
    `Electron's binary is not installed (${before.reason}). Downloading Electron ${before.version} ` +
      `with Electron's installer (about 100 MB, once)...`
  )
  const installed = await runElectronInstaller({
    packageDir: before.packageDir,
    env,
    timeoutMs,
    onWait: (elapsedMs) =>
      log?.(`Still downloading Electron's binary (${Math.round(elapsedMs / 1000)} s)...`)
  })
  if (!installed.ok) {
    return {
      ok: false,
      message: downloadFailedMessage({ version: before.version, timeoutMs, ...installed })
    }
  }

  const after = inspectElectron({ packageDir, env })
  if (after.state === 'ready') {
    log?.(`Electron ${before.version} is installed.`)
    return { ok: true, executable: after.executable }
  }
  const detail = after.state === 'missing' ? `after installing, ${after.reason}` : after.message
  return {
    ok: false,
    message: downloadFailedMessage({ version: before.version, timedOut: false, timeoutMs, detail })
  }
}

/** @param {string} file @returns {string | null} */
function readText(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/** @param {string} packageDir @returns {string} */
function readVersion(packageDir) {
  const manifest = JSON.parse(readText(join(packageDir, 'package.json')) ?? '{}')
  return typeof manifest.version === 'string' ? manifest.version : 'unknown'
}

/** @param {number} ms @returns {string} */
function duration(ms) {
  const [amount, unit] =
    ms >= 60_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.round(ms / 1000), 'second']
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`
}

/**
 * Wraps at spaces, never inside a `command`, so that it can be copied from the terminal.
 *
 * @param {string} text
 * @returns {string}
 */
function wrap(text, width = 100) {
  const lines = []
  let line = ''
  for (const word of text.match(/[^\s`]*`[^`]*`\S*|\S+/g) ?? []) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(line)
  return lines.join('\n')
}
