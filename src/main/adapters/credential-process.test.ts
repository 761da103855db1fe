import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanStderr, redactSecrets, runCredentialProcess } from './credential-process'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 's3sm-process-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** A real `credential_process` command: Node running `source`, with a secret argument. */
function command(source: string): string {
  const script = join(dir, `script-${Math.random().toString(36).slice(2)}.cjs`)
  writeFileSync(script, source)
  return `"${process.execPath}" "${script}" --secret hunter2`
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'

function printing(credentials: Record<string, unknown>): string {
  return command(`process.stdout.write(${JSON.stringify(JSON.stringify(credentials))})`)
}

describe('credential_process', () => {
  it('returns the credentials and the expiration the command prints', async () => {
    const expiration = new Date(Date.now() + 3_600_000).toISOString()

    const credentials = await runCredentialProcess(
      'corp',
      printing({
        Version: 1,
        AccessKeyId: 'ASIAPROCESS',
        SecretAccessKey: SECRET,
        SessionToken: 'token',
        Expiration: expiration,
        AccountId: '111122223333'
      })
    )

    expect(credentials).toEqual({
      accessKeyId: 'ASIAPROCESS',
      secretAccessKey: SECRET,
      sessionToken: 'token',
      expiration: new Date(expiration),
      accountId: '111122223333'
    })
  })

  it('says credentials whose Expiration has passed are expired, and what to do', async () => {
    const failure = runCredentialProcess(
      'corp',
      printing({
        Version: 1,
        AccessKeyId: 'ASIAPROCESS',
        SecretAccessKey: SECRET,
        SessionToken: 'token',
        Expiration: '2020-01-01T00:00:00Z'
      })
    )

    await expect(failure).rejects.toMatchObject({
      code: 'credentials-expired',
      message:
        '`credential_process` for `corp` returned credentials that expired at ' +
        '2020-01-01T00:00:00.000Z. Renew them where the command gets them (sign in again to that ' +
        'tool, or clear its cache), then try again.'
    })
  })

  it('names the exit code and what stderr said, without the secrets it printed', async () => {
    const failure = runCredentialProcess(
      'corp',
      command(
        `process.stderr.write('debug: using key ${SECRET}\\n')
process.stderr.write('password=hunter2 token: abc.def\\n')
process.stderr.write('Error: the session for account prod was revoked (AKIAIOSFODNN7EXAMPLE)\\n')
process.exit(3)`
      )
    )

    await expect(failure).rejects.toMatchObject({
      code: 'credentials-missing',
      message:
        '`credential_process` for `corp` exited with 3: debug: using key (redacted) ' +
        'password=(redacted) token: (redacted) Error: the session for account prod was revoked ' +
        '((access key)). Fix what it reports (run the command in a terminal to see more), then ' +
        'try again.'
    })
    const message = await failure.catch((error: Error) => error.message)
    for (const secret of [SECRET, 'hunter2', 'abc.def', 'AKIAIOSFODNN7EXAMPLE']) {
      expect(message).not.toContain(secret)
    }
  })

  it('never repeats what the command printed on stdout when it is not credentials', async () => {
    const failure = runCredentialProcess('corp', command(`process.stdout.write('${SECRET}')`))

    await expect(failure).rejects.toMatchObject({
      code: 'credentials-missing',
      message: expect.stringMatching(/^`credential_process` for `corp` did not print the JSON/)
    })
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('wJalr') })
  })

  it('stops a command that hangs, with what it started, after the timeout', async () => {
    const pids = join(dir, 'pids')
    const failure = runCredentialProcess(
      'corp',
      command(
        `const { spawn } = require('node:child_process')
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
require('node:fs').writeFileSync(${JSON.stringify(pids)}, process.pid + ' ' + child.pid)
setInterval(() => {}, 1000)`
      ),
      { timeoutMs: 1_500 }
    )

    await expect(failure).rejects.toMatchObject({
      code: 'credentials-missing',
      message:
        '`credential_process` for `corp` did not finish within 2 s and was stopped. It may be ' +
        'waiting for a sign-in or for input: run it once in a terminal, then try again.'
    })
    expect(existsSync(pids)).toBe(true)
    const [parent, child] = readFileSync(pids, 'utf8').split(' ').map(Number)
    await expect.poll(() => [alive(parent), alive(child)]).toEqual([false, false])
  })
})

/** Whether a process still runs: a zombie (killed, not yet reaped by its parent) does not. */
function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    // Linux: the state follows the command name in parentheses; Z is a zombie.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return process.platform !== 'linux'
  }
}

describe('secrets in stderr', () => {
  it('removes long token-like strings of any alphabet, and keeps plain words', () => {
    expect(
      redactSecrets(
        'hex 9f86d081884c7d659a2feaa0c55ad015 b64 dGhpcyBpcyBhIHNlY3JldCB0b2tlbg== ' +
          'url eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ' +
          'lower abcdefghijklmnopqrstu'
      )
    ).toBe('hex (redacted) b64 (redacted) url (redacted).(redacted).(redacted) lower (redacted)')
    expect(
      redactSecrets(
        'ExpiredTokenException: credentials-not-found in /usr/local/bin/get-aws-credentials'
      )
    ).toBe('ExpiredTokenException: credentials-not-found in /usr/local/bin/get-aws-credentials')
  })

  it('removes the values of secret-sounding keys and bearer tokens, however short', () => {
    expect(
      redactSecrets('api_key=abc SECRET: x1 "client_secret": "s3cr3t" Authorization: Bearer tkn')
    ).toBe(
      'api_key=(redacted) SECRET: (redacted) "client_secret": (redacted) Authorization: (redacted) (redacted)'
    )
  })

  it('keeps the end of a long stderr on one line, without control characters', () => {
    const cleaned = cleanStderr(`${'at frame\n'.repeat(100)}\u001b[31mError: nope.\n`)
    expect(cleaned.endsWith('Error: nope')).toBe(true)
    expect(cleaned.startsWith('…')).toBe(true)
    expect(cleaned).not.toContain('\n')
    expect(cleaned).not.toContain('\u001b')
  })
})
