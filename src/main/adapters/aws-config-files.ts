import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  type FSWatcher,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync
} from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { AppError } from '../../shared/errors'
import type { ConfigFileStore } from '../services/profile-editor'
import type { ConfigFileContent, ConfigFilePaths, Env } from '../services/profiles'

/**
 * Where the AWS CLI and SDK look for the shared files: `AWS_CONFIG_FILE` and
 * `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`.
 */
export function resolveConfigFilePaths(env: Env = process.env): ConfigFilePaths {
  // The same home as the SDK's `getHomeDir`, so both read the same files.
  const home =
    env['HOME'] ||
    env['USERPROFILE'] ||
    (env['HOMEPATH'] ? `${env['HOMEDRIVE'] ?? 'C:\\'}${env['HOMEPATH']}` : homedir())
  const expand = (path: string): string =>
    resolve(path.startsWith('~/') ? join(home, path.slice(2)) : path)
  return {
    configFile: expand(env['AWS_CONFIG_FILE'] || join(home, '.aws', 'config')),
    credentialsFile: expand(env['AWS_SHARED_CREDENTIALS_FILE'] || join(home, '.aws', 'credentials'))
  }
}

/** Reads both files. A missing file is normal (`exists: false`); other failures are reported. */
export function readConfigFiles(paths: ConfigFilePaths): ConfigFileContent[] {
  return [readOne(paths.configFile, 'config'), readOne(paths.credentialsFile, 'credentials')]
}

function readOne(path: string, role: ConfigFileContent['role']): ConfigFileContent {
  try {
    return { path, role, exists: true, text: readFileSync(path, 'utf8'), readError: null }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { path, role, exists: false, text: null, readError: null }
    return {
      path,
      role,
      exists: code !== 'ENOTDIR',
      text: null,
      readError: describeReadError(code)
    }
  }
}

/** The files as the profile editor reads and writes them. */
export const configFileStore: ConfigFileStore = {
  read(path) {
    const file = readOne(path, 'config')
    if (file.readError !== null) {
      throw new AppError('internal', `Could not read ${path}: ${file.readError}`)
    }
    return file.text
  },
  write(path, text, { secret }) {
    try {
      writeFileAtomically(path, text, secret)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
      throw new AppError(
        'internal',
        `Could not write ${path} (${code}); nothing was changed in it. Check that the folder ` +
          'exists and that you may write to it, then try again.'
      )
    }
  }
}

/**
 * Replaces a file in one step: the new text goes to a temporary file beside it, flushed to
 * disk, then renamed over it, so a crash or a reader never sees half a file.
 *
 * A symlinked file (dotfile managers) is written where it points, keeping the link. A secret
 * file is created 0600 and an existing one keeps its mode without group or other bits, as
 * `aws configure` leaves it; the config file keeps its mode, or gets 0600 when new (botocore).
 */
export function writeFileAtomically(path: string, text: string, secret: boolean): void {
  let target = path
  try {
    target = realpathSync(path)
  } catch {
    // Not there yet: created below.
  }
  const dir = dirname(target)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  let mode = 0o600
  try {
    const existing = statSync(target).mode & 0o777
    mode = secret ? existing & 0o600 || 0o600 : existing
  } catch {
    // A new file.
  }
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  const fd = openSync(temp, 'wx', mode)
  try {
    try {
      writeFileSync(fd, text, 'utf8')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    // The umask may have taken bits the file should have; never more than asked.
    chmodSync(temp, mode)
    renameSync(temp, target)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

function describeReadError(code: string | undefined): string {
  switch (code) {
    case 'EISDIR':
      return 'This path is a folder, not a file, so no profiles were read from it.'
    case 'EACCES':
    case 'EPERM':
      return 'The app is not allowed to read this file. Check its permissions.'
    case 'ENOTDIR':
      return 'A part of this path is a file, not a folder, so the file cannot exist.'
    default:
      return `The file could not be read (${code ?? 'unknown error'}).`
  }
}

export interface WatchOptions {
  /** Editors write a file in several steps; one reload after they settle is enough. */
  debounceMs?: number
}

/**
 * Calls `onChange` (debounced) when either file is created, edited, replaced or deleted.
 *
 * Watches the parent folders rather than the files: editors often save by writing a new file
 * and renaming it over the old one, which silently ends a watch on the file itself. When a
 * folder does not exist yet, it watches the nearest one that does until the folder appears.
 * A symlinked file is also watched where it points to. Returns a function that stops watching.
 */
export function watchConfigFiles(
  paths: ConfigFilePaths,
  onChange: () => void,
  { debounceMs = 200 }: WatchOptions = {}
): () => void {
  const watchers = new Map<string, { watcher: FSWatcher; names: Set<string> }>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  const schedule = (): void => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (stopped) return
      reconcile()
      onChange()
    }, debounceMs)
  }

  const reconcile = (): void => {
    const wanted = watchTargets([paths.configFile, paths.credentialsFile])
    for (const [dir, current] of watchers) {
      if (!wanted.has(dir)) {
        current.watcher.close()
        watchers.delete(dir)
      }
    }
    for (const [dir, names] of wanted) {
      const current = watchers.get(dir)
      if (current) {
        current.names = names
        continue
      }
      try {
        const entry = { watcher: watch(dir), names }
        entry.watcher.on('change', (_event, filename) => {
          const name = filename?.toString()
          // No name (some platforms) or a relevant one; also notice the folder itself going away.
          if (name === undefined || entry.names.has(name) || !isDirectory(dir)) schedule()
        })
        entry.watcher.on('error', () => {
          entry.watcher.close()
          if (watchers.get(dir) === entry) watchers.delete(dir)
          schedule()
        })
        watchers.set(dir, entry)
      } catch {
        // The folder vanished between the check and the watch; the next event retries.
      }
    }
  }

  reconcile()
  return () => {
    stopped = true
    clearTimeout(timer)
    for (const { watcher } of watchers.values()) watcher.close()
    watchers.clear()
  }
}

/** Folder to watch → names in it that lead to one of the files. */
function watchTargets(files: string[]): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>()
  for (const file of files) {
    const locations = [file]
    try {
      const real = realpathSync(file)
      if (real !== file) locations.push(real)
    } catch {
      // Not there (yet): watch for it to appear.
    }
    for (const location of locations) {
      let dir = dirname(location)
      let name = basename(location)
      while (!isDirectory(dir) && dirname(dir) !== dir) {
        name = basename(dir)
        dir = dirname(dir)
      }
      const names = targets.get(dir) ?? new Set<string>()
      names.add(name)
      targets.set(dir, names)
    }
  }
  return targets
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
