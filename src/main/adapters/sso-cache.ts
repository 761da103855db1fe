import { createHash } from 'node:crypto'
import {
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
  closeSync,
  ftruncateSync
} from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Env } from '../services/profiles'
import type {
  SsoCachedToken,
  SsoClientRegistration,
  SsoRegistrationRef,
  SsoSessionRef,
  SsoTokenCache
} from '../services/sso'

/**
 * `~/.aws/sso/cache`, with the home the AWS SDK (`getHomeDir`) and botocore (`expanduser`) use.
 */
export function ssoCacheDir(env: Env): string {
  const home =
    env['HOME'] ||
    env['USERPROFILE'] ||
    (env['HOMEPATH'] ? `${env['HOMEDRIVE'] ?? 'C:\\'}${env['HOMEPATH']}` : homedir())
  return join(home, '.aws', 'sso', 'cache')
}

/**
 * The SSO token cache the AWS CLI, botocore and the JS SDK share.
 *
 * File names and contents follow the AWS CLI v2 (`SSOTokenFetcher` in its botocore): a token
 * is `<sha1 of the sso-session name, or of the start URL for the legacy form>.json`; a client
 * registration is `<sha1 of a JSON object of tool, startUrl, region, scopes, session_name>.json`.
 * Files are written as `json.dumps` writes them, readable by the user only (0600, as botocore's
 * `JSONFileCache`). Unreadable or malformed files count as absent, as they do for the CLI.
 */
export function createSsoFileCache(dir: string): SsoTokenCache {
  const pathOf = (name: string): string => join(dir, `${name}.json`)

  function read(name: string): Record<string, unknown> | null {
    try {
      const parsed: unknown = JSON.parse(readFileSync(pathOf(name), 'utf8'))
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : null
    } catch {
      return null
    }
  }

  function write(name: string, value: object): void {
    mkdirSync(dir, { recursive: true })
    // Like botocore: open with 0600 (an existing file keeps its mode), then replace the content.
    const fd = openSync(pathOf(name), 'w', 0o600)
    try {
      ftruncateSync(fd)
      writeSync(fd, pythonJson(value))
    } finally {
      closeSync(fd)
    }
  }

  return {
    readToken(ref) {
      const value = read(tokenFileName(ref))
      if (!value || typeof value['accessToken'] !== 'string') return null
      if (typeof value['expiresAt'] !== 'string') return null
      return value as unknown as SsoCachedToken
    },
    writeToken(ref, token) {
      write(tokenFileName(ref), token)
    },
    removeToken(ref) {
      const path = pathOf(tokenFileName(ref))
      const existed = read(tokenFileName(ref)) !== null
      rmSync(path, { force: true })
      return existed
    },
    readRegistration(ref) {
      const value = read(registrationFileName(ref))
      if (!value) return null
      const { clientId, clientSecret, expiresAt } = value
      if (typeof clientId !== 'string' || typeof clientSecret !== 'string') return null
      if (typeof expiresAt !== 'string') return null
      return value as unknown as SsoClientRegistration
    },
    writeRegistration(ref, registration) {
      write(registrationFileName(ref), registration)
    }
  }
}

/** The AWS CLI's `_token_cache_key`. */
export function tokenFileName(ref: SsoSessionRef): string {
  return sha1(ref.sessionName ?? ref.startUrl)
}

/** The AWS CLI's `_registration_cache_key`: `json.dumps(args, sort_keys=True)`, hashed. */
export function registrationFileName(ref: SsoRegistrationRef): string {
  const args = {
    region: ref.region,
    scopes: ref.scopes,
    session_name: ref.sessionName,
    startUrl: ref.startUrl,
    tool: 'botocore'
  }
  return sha1(pythonJson(args))
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex')
}

/**
 * What Python's `json.dumps(value)` writes: `, ` and `: ` between items, non-ASCII escaped as
 * `\uXXXX` (`ensure_ascii`), keys in the object's own order. The registration file name is a hash
 * of this text, so it must match byte for byte.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return pythonString(value)
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, item]) => item !== undefined
  )
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJson(item)}`).join(', ')}}`
}

function pythonString(text: string): string {
  // JSON.stringify escapes quotes, backslashes and controls as Python does; then every UTF-16
  // unit above 0x7e becomes \uXXXX, surrogate pairs as two escapes, like ensure_ascii.
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}
