import { runCli, type CliIo } from '../src/cli/main'
import { openCoreServices, type OpenServices } from '../src/cli/services'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs `s3-share` in-process as a pipe would (no terminal, no Ctrl-C), over the real core
 * services unless `openServices` says otherwise, with `home` as home and working folder.
 */
export async function runCliCaptured(
  argv: string[],
  options: {
    env: Record<string, string>
    home: string
    platform?: string
    openServices?: OpenServices
  }
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
    env: options.env,
    platform: options.platform ?? process.platform,
    homedir: options.home,
    cwd: options.home,
    onInterrupt: () => () => {}
  }
  const code = await runCli(argv, io, options.openServices ?? openCoreServices)
  return { code, stdout, stderr }
}
