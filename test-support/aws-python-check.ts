import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const SCRIPT = fileURLToPath(new URL('./aws-python-check.py', import.meta.url))

/**
 * Runs a command of `aws-python-check.py` with Debian's botocore and returns its JSON.
 *
 * `env` replaces the environment (HOME, AWS_CONFIG_FILE...), so nothing of the developer's own
 * AWS setup leaks in.
 */
export async function botocore<T = Record<string, unknown>>(
  args: string[],
  env: Record<string, string>
): Promise<T> {
  const { stdout } = await run('/usr/bin/python3', [SCRIPT, ...args], {
    env: { PATH: '/usr/bin:/bin', ...env },
    timeout: 60_000
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T
}
