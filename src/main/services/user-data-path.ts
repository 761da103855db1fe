/**
 * Where the app keeps its data (the link registry, preferences), worked out the way Electron
 * does, so the app and the `s3-share` command line use the same folder without Electron.
 *
 * Pure on purpose: the platform, environment and home folder come in as arguments.
 */

/** The environment variable that moves the data folder, for the app and the command line. */
export const USER_DATA_DIR_ENV = 'S3_SHARE_MANAGER_DATA_DIR'

/**
 * package.json's `productName`: Electron names the user-data folder after it (a test keeps the
 * two equal).
 */
export const PRODUCT_NAME = 'S3 Share Manager'

export interface UserDataDirInput {
  /** `process.platform`. */
  platform: string
  env: Readonly<Record<string, string | undefined>>
  /** `os.homedir()`. */
  homedir: string
  productName: string
  /** A `--user-data-dir` flag's value; wins over the environment variable. */
  override?: string | undefined
}

export interface UserDataDir {
  /** The folder; an override is returned as given, so the caller makes a relative one absolute. */
  dir: string
  /** What decided it: the flag, the environment variable, or Electron's default. */
  source: 'flag' | 'env' | 'default'
}

/**
 * Electron's `userData` path: the OS's app-data folder plus the product name.
 *
 * Linux (and other Unixes): `$XDG_CONFIG_HOME`, else `~/.config`; macOS:
 * `~/Library/Application Support`; Windows: `%APPDATA%`, else `~\AppData\Roaming`. The
 * `--user-data-dir` flag, then `S3_SHARE_MANAGER_DATA_DIR`, replace the whole path.
 */
export function resolveUserDataDir(input: UserDataDirInput): UserDataDir {
  const flag = nonEmpty(input.override)
  if (flag !== null) return { dir: flag, source: 'flag' }
  const fromEnv = nonEmpty(input.env[USER_DATA_DIR_ENV])
  if (fromEnv !== null) return { dir: fromEnv, source: 'env' }
  return { dir: join(input.platform, appDataDir(input), input.productName), source: 'default' }
}

function appDataDir({ platform, env, homedir }: UserDataDirInput): string {
  if (platform === 'win32') {
    return nonEmpty(env['APPDATA']) ?? join(platform, homedir, 'AppData', 'Roaming')
  }
  if (platform === 'darwin') return join(platform, homedir, 'Library', 'Application Support')
  // Chromium takes XDG_CONFIG_HOME as it is when set and not empty.
  return nonEmpty(env['XDG_CONFIG_HOME']) ?? join(platform, homedir, '.config')
}

function join(platform: string, first: string, ...rest: string[]): string {
  const separator = platform === 'win32' ? '\\' : '/'
  const trailing = platform === 'win32' ? /[\\/]+$/ : /\/+$/
  // "/home/me/" and "/" both join without a doubled separator.
  return [first.replace(trailing, ''), ...rest].join(separator)
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value : null
}
