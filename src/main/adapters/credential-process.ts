import { spawn } from 'node:child_process'
import type { AwsCredentialIdentity } from '@smithy/types'
import { AppError } from '../../shared/errors'
import { cleanForMessage, quoteForMessage } from '../../shared/user-text'
import { type Clock, systemClock } from '../services/ports'

/** How long a `credential_process` may run before it is stopped. */
export const CREDENTIAL_PROCESS_TIMEOUT_MS = 30_000

/** More output than any credentials JSON needs: a runaway command is not read forever. */
const MAX_OUTPUT_BYTES = 1 << 20

/** How much of the command's stderr an error message quotes. */
const MAX_STDERR_CHARS = 300

export interface CredentialProcessOptions {
  timeoutMs?: number
  clock?: Clock
  /** The environment the command runs with (the app's own by default). */
  env?: NodeJS.ProcessEnv
}

/**
 * Runs a profile's `credential_process` and returns the credentials it prints.
 *
 * As the AWS SDK and CLI do: through the shell, expecting `{"Version": 1, "AccessKeyId", ...}`
 * on stdout. Unlike them it stops the command after `timeoutMs` (the whole process group, so
 * a shell's children go too), refuses credentials whose `Expiration` has passed, and quotes
 * stderr only after removing what looks like a secret. Stdout is never quoted: it holds keys.
 */
export async function runCredentialProcess(
  profileName: string,
  command: string,
  {
    timeoutMs = CREDENTIAL_PROCESS_TIMEOUT_MS,
    clock = systemClock,
    env
  }: CredentialProcessOptions = {}
): Promise<AwsCredentialIdentity> {
  const what = `\`credential_process\` for ${quoteForMessage(profileName)}`
  const result = await run(command, timeoutMs, env)
  if (result.kind === 'failed-to-start') {
    throw new AppError(
      'credentials-missing',
      `${what} could not be started (${result.code}). Check the command in your AWS config, then try again.`
    )
  }
  if (result.kind === 'timed-out') {
    throw new AppError(
      'credentials-missing',
      `${what} did not finish within ${formatSeconds(timeoutMs)} and was stopped. It may be ` +
        'waiting for a sign-in or for input: run it once in a terminal, then try again.'
    )
  }
  if (result.exitCode !== 0) {
    const how =
      result.exitCode === null
        ? `was stopped by ${result.signal ?? 'a signal'}`
        : `exited with ${result.exitCode}`
    const stderr = cleanStderr(result.stderr)
    throw new AppError(
      'credentials-missing',
      `${what} ${how}: ${stderr || '(it printed nothing on stderr)'}. ` +
        'Fix what it reports (run the command in a terminal to see more), then try again.'
    )
  }
  return parseCredentials(what, result.stdout, clock)
}

/** The credentials a command printed, checked as the SDK checks them, and for expiry. */
function parseCredentials(what: string, stdout: string, clock: Clock): AwsCredentialIdentity {
  const expected =
    'the JSON credentials the AWS CLI expects ({"Version": 1, "AccessKeyId": ..., ' +
    '"SecretAccessKey": ...}). Check the command in your AWS config, then try again.'
  let data: unknown
  try {
    data = JSON.parse(stdout)
  } catch {
    throw new AppError('credentials-missing', `${what} did not print ${expected}`)
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>
  const { Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId } = record
  if (Version !== 1) {
    throw new AppError(
      'credentials-missing',
      `${what} printed credentials of Version ${cleanForMessage(String(Version ?? 'none'), 20)}, not 1: ` +
        `it must print ${expected}`
    )
  }
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') {
    throw new AppError(
      'credentials-missing',
      `${what} printed no AccessKeyId or SecretAccessKey: it must print ${expected}`
    )
  }
  let expiration: Date | undefined
  if (Expiration !== undefined && Expiration !== null) {
    expiration = new Date(typeof Expiration === 'string' ? Expiration : Number.NaN)
    if (Number.isNaN(expiration.getTime())) {
      throw new AppError(
        'credentials-missing',
        `${what} printed an Expiration that is not a date (ISO 8601, like 2030-01-31T12:00:00Z). ` +
          'Check the command, then try again.'
      )
    }
    if (expiration.getTime() <= clock.now()) {
      throw new AppError(
        'credentials-expired',
        `${what} returned credentials that expired at ${expiration.toISOString()}. Renew them where ` +
          'the command gets them (sign in again to that tool, or clear its cache), then try again.'
      )
    }
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof SessionToken === 'string' && SessionToken !== ''
      ? { sessionToken: SessionToken }
      : {}),
    ...(expiration ? { expiration } : {}),
    ...(typeof AccountId === 'string' && AccountId !== '' ? { accountId: AccountId } : {})
  }
}

type RunResult =
  | {
      kind: 'exited'
      exitCode: number | null
      signal: string | null
      stdout: string
      stderr: string
    }
  | { kind: 'timed-out' }
  | { kind: 'failed-to-start'; code: string }

function run(
  command: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv | undefined
): Promise<RunResult> {
  return new Promise((resolve) => {
    // Its own process group, so that the timeout stops what the shell started as well.
    const group = process.platform !== 'win32'
    const child = spawn(command, {
      shell: true,
      detached: group,
      windowsHide: true,
      // No input: a command that asks a question gets end-of-file, not a wait.
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(env ? { env } : {})
    })
    const stdout = collect()
    const stderr = collect()
    child.stdout.on('data', stdout.add)
    child.stderr.on('data', stderr.add)
    let settled = false
    const finish = (result: RunResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    const timer = setTimeout(() => {
      stop(child.pid, group, () => child.kill('SIGKILL'))
      finish({ kind: 'timed-out' })
    }, timeoutMs)
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ kind: 'failed-to-start', code: error.code ?? 'error' })
    })
    child.on('close', (exitCode, signal) => {
      finish({
        kind: 'exited',
        exitCode,
        signal,
        stdout: stdout.text(),
        stderr: stderr.text()
      })
    })
  })
}

function stop(pid: number | undefined, group: boolean, fallback: () => void): void {
  try {
    if (group && pid !== undefined) process.kill(-pid, 'SIGKILL')
    else fallback()
  } catch {
    // Already gone.
  }
}

function collect(): { add: (chunk: Buffer) => void; text: () => string } {
  const chunks: Buffer[] = []
  let size = 0
  return {
    add(chunk) {
      if (size >= MAX_OUTPUT_BYTES) return
      chunks.push(chunk)
      size += chunk.length
    },
    text: () => Buffer.concat(chunks).toString('utf8')
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`
}

/** The command's stderr as a message may quote it: secrets removed, one line, short. */
export function cleanStderr(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  let text = redactSecrets(lines.join(' ')).replace(/[.\s]+$/, '')
  // The end says what went wrong; a long stack before it does not help.
  if (text.length > MAX_STDERR_CHARS) text = `…${text.slice(-(MAX_STDERR_CHARS - 1))}`
  return cleanForMessage(text, MAX_STDERR_CHARS + 20)
}

// A key that names a secret at its end (`client_secret`, `SessionToken`, `password`), then
// `=` or `:`; its value goes. `ExpiredTokenException: ...` is not such a key.
const SECRET_KEY_VALUE =
  /\b([\w.-]*(?:secret|token|passw(?:or)?d|pwd|passphrase|signature|private[_-]?key|api[_-]?key|access[_-]?key|authorization))(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;]+)/gi

/**
 * Text with whatever looks like a secret replaced by `(redacted)`.
 *
 * Any value after a secret-sounding key (`password=…`, `token: …`), bearer tokens, AWS key
 * ids, and any run of 16 or more base64, hex or URL-safe characters that is not made of plain
 * words (`credentials-not-found` and `ExpiredTokenException` stay; `wJalrXUt…`, hex and JWT
 * parts go).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+\S+/gi, '$1 (redacted)')
    .replace(SECRET_KEY_VALUE, '$1$2(redacted)')
    .replace(/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '(access key)')
    .replace(/[A-Za-z0-9+/=_-]{16,}/g, (run) => (madeOfWords(run) ? run : '(redacted)'))
}

function madeOfWords(run: string): boolean {
  return run
    .split(/[-_/+=]+/)
    .every(
      (part) =>
        part === '' ||
        /^(?:[A-Z][a-z]+)+$/.test(part) ||
        (part.length < 16 && /^(?:[A-Z]?[a-z]+|[A-Z]{1,6}|\d{1,4})$/.test(part))
    )
}
