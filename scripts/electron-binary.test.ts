import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ensureElectron,
  inspectElectron,
  lastErrorLine,
  platformExecutable
} from './electron-binary.mjs'
import { envWithoutElectronSettings, scratchElectronPackage } from './electron-package-fixture'

const VERSION = '45.5.0'
const EXE = platformExecutable(process.platform) ?? 'electron'

let root: string
let packageDir: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 's3sm-electron-'))
  packageDir = join(root, 'electron')
  await mkdir(packageDir)
  await writeFile(join(packageDir, 'package.json'), JSON.stringify({ version: VERSION }))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Lays out what Electron's install.js leaves behind after a download. */
async function installBinary(dir: string, { version = VERSION, pathTxt = EXE } = {}) {
  await mkdir(dirname(join(dir, 'dist', EXE)), { recursive: true })
  await writeFile(join(dir, 'dist', EXE), 'binary')
  await writeFile(join(dir, 'dist', 'version'), version)
  await writeFile(join(dir, 'path.txt'), pathTxt)
}

/** A stand-in for Electron's install.js: a real process that records each run. */
async function fakeInstaller(behaviour: 'installs' | 'fails' | 'stalls') {
  const record = `require('fs').appendFileSync(require('path').join(__dirname, 'installer-runs'), 'run\\n')`
  const body = {
    installs: `
      const fs = require('fs'), path = require('path')
      const exe = path.join(__dirname, 'dist', ${JSON.stringify(EXE)})
      fs.mkdirSync(path.dirname(exe), { recursive: true })
      fs.writeFileSync(exe, 'binary')
      fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v${VERSION}')
      fs.writeFileSync(path.join(__dirname, 'path.txt'), ${JSON.stringify(EXE)})`,
    fails: `
      console.error(new Error('getaddrinfo ENOTFOUND github.com').stack)
      process.exit(1)`,
    stalls: `setInterval(() => {}, 1000)`
  }[behaviour]
  await writeFile(join(packageDir, 'install.js'), `${record}\n${body}\n`)
}

async function installerRuns(): Promise<number> {
  const file = join(packageDir, 'installer-runs')
  return existsSync(file) ? (await readFile(file, 'utf8')).trim().split('\n').length : 0
}

const env = envWithoutElectronSettings()

describe('the Electron binary check before npm start and npm run dev', () => {
  it('uses an installed binary as it is, without running the installer', async () => {
    await installBinary(packageDir)
    await fakeInstaller('installs')

    const result = await ensureElectron({ packageDir, env })

    expect(result).toEqual({ ok: true, executable: join(packageDir, 'dist', EXE) })
    expect(await installerRuns()).toBe(0)
  })

  it('downloads the binary on first use, then finds it without downloading again', async () => {
    await fakeInstaller('installs')
    const lines: string[] = []

    const first = await ensureElectron({ packageDir, env, log: (line) => lines.push(line) })
    const second = await ensureElectron({ packageDir, env })

    expect(first).toEqual({ ok: true, executable: join(packageDir, 'dist', EXE) })
    expect(second).toEqual(first)
    expect(await installerRuns()).toBe(1)
    expect(lines.join('\n')).toContain(`Downloading Electron ${VERSION}`)
  })

  it('runs the installer again when path.txt names a file that is gone', async () => {
    await installBinary(packageDir)
    await rm(join(packageDir, 'dist', EXE))
    await fakeInstaller('installs')

    expect(inspectElectron({ packageDir, env })).toMatchObject({ state: 'missing' })
    expect(await ensureElectron({ packageDir, env })).toMatchObject({ ok: true })
    expect(await installerRuns()).toBe(1)
  })

  it('runs the installer again when the binary is from another Electron version', async () => {
    await installBinary(packageDir, { version: 'v44.0.0' })
    await fakeInstaller('installs')

    expect(await ensureElectron({ packageDir, env })).toMatchObject({ ok: true })
    expect(await installerRuns()).toBe(1)
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH: no download, and says which ELECTRON_EXEC_PATH electron-vite needs', async () => {
    // ELECTRON_OVERRIDE_DIST_PATH names the folder that holds the executable (Electron's dist).
    const overrideDir = join(root, 'my-electron')
    await mkdir(dirname(join(overrideDir, EXE)), { recursive: true })
    await writeFile(join(overrideDir, EXE), 'binary')
    await fakeInstaller('installs')
    const overrideEnv = { ...env, ELECTRON_OVERRIDE_DIST_PATH: overrideDir }

    const result = await ensureElectron({ packageDir, env: overrideEnv })

    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.message.replace(/\n/g, ' ')).toContain(
      `ELECTRON_EXEC_PATH=${join(overrideDir, EXE)}`
    )
    expect(await installerRuns()).toBe(0)

    const withExecPath = { ...overrideEnv, ELECTRON_EXEC_PATH: join(overrideDir, EXE) }
    expect(await ensureElectron({ packageDir, env: withExecPath })).toEqual({
      ok: true,
      executable: join(overrideDir, EXE)
    })
    expect(await installerRuns()).toBe(0)
  })

  it('reports an ELECTRON_EXEC_PATH that does not exist instead of downloading', async () => {
    await fakeInstaller('installs')
    const missing = join(root, 'nowhere', 'electron')

    const result = await ensureElectron({
      packageDir,
      env: { ...env, ELECTRON_EXEC_PATH: missing }
    })

    expect(result).toEqual({
      ok: false,
      message: `ELECTRON_EXEC_PATH is set to ${missing}, which does not exist.`
    })
    expect(await installerRuns()).toBe(0)
  })

  it('explains a failed download in one paragraph, with the cause and without a stack trace', async () => {
    await fakeInstaller('fails')

    const result = await ensureElectron({ packageDir, env })

    expect(result.ok).toBe(false)
    const message = result.ok ? '' : result.message
    expect(message).toMatch(/^Electron's binary is not installed and could not be downloaded/)
    expect(message.replace(/\n/g, ' ')).toContain('getaddrinfo ENOTFOUND github.com')
    expect(message).toContain('`npx install-electron`')
    expect(message).toContain('ELECTRON_MIRROR')
    expect(message).not.toMatch(/^\s*at /m)
    expect(message).not.toContain('\n\n')
  })

  it('stops a stalled download at the time limit and says so', async () => {
    await fakeInstaller('stalls')

    const result = await ensureElectron({ packageDir, env, timeoutMs: 1000 })

    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.message.replace(/\n/g, ' ')).toContain(
      'could not be downloaded within 1 second.'
    )
  })
})

describe("Electron's real installer", () => {
  let mirror: Server | undefined

  afterEach(async () => {
    await new Promise((resolve) => mirror?.close(resolve) ?? resolve(undefined))
  })

  it('downloads from ELECTRON_MIRROR and leaves the binary where electron-vite looks for it', async () => {
    const zip = storedZip({ [EXE]: 'binary', version: VERSION })
    const sha = createHash('sha256').update(zip).digest('hex')
    const requests: string[] = []
    let zipName = ''
    mirror = createServer((request, response) => {
      const url = request.url ?? ''
      requests.push(url)
      if (url.endsWith('.zip')) {
        zipName = basename(url)
        response.end(zip)
      } else if (url.endsWith('/SHASUMS256.txt')) {
        response.end(`${sha} *${zipName}\n`)
      } else {
        response.writeHead(404).end()
      }
    })
    const server = mirror
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    const scratch = await scratchElectronPackage(join(root, 'project'))

    const result = await ensureElectron({
      packageDir: scratch,
      env: {
        ...env,
        ELECTRON_MIRROR: `http://127.0.0.1:${address.port}/`,
        // Our stand-in zip is not the one in Electron's checksums.json.
        electron_use_remote_checksums: '1',
        electron_config_cache: join(root, 'cache')
      }
    })

    // electron-vite's getElectronPath: join(dirname(resolve('electron')), 'dist', path.txt).
    const pathTxt = await readFile(join(scratch, 'path.txt'), 'utf8')
    expect(result).toEqual({ ok: true, executable: join(scratch, 'dist', pathTxt) })
    expect(await readFile(join(scratch, 'dist', pathTxt), 'utf8')).toBe('binary')
    expect(requests).toEqual([`/v${VERSION}/${zipName}`, `/v${VERSION}/SHASUMS256.txt`])
    expect(zipName).toMatch(new RegExp(`^electron-v${VERSION}-${process.platform}-\\w+\\.zip$`))
  }, 30_000)
})

/** A zip archive with stored (uncompressed) entries, as Electron's releases are unpacked. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text)
    const nameBytes = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE((0o100755 << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

describe("the installer's error, as the user sees it", () => {
  it('keeps the error message of a crash and drops the frames and the Node.js banner', () => {
    const crash = [
      'node:internal/modules/cjs/loader:1386',
      '  throw err;',
      '  ^',
      '',
      "Error: Cannot find module '@electron/get'",
      'Require stack:',
      '- /tmp/x/node_modules/electron/install.js',
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1383:15)',
      "  code: 'MODULE_NOT_FOUND',",
      '}',
      '',
      'Node.js v24.21.0'
    ].join('\n')

    expect(lastErrorLine(crash)).toBe("Error: Cannot find module '@electron/get'")
    expect(lastErrorLine('TypeError: fetch failed\n')).toBe('TypeError: fetch failed')
    expect(lastErrorLine('')).toBeNull()
  })
})
