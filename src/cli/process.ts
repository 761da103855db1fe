import { homedir } from 'node:os'
import { EXIT } from './exit-codes'
import { runCli, type CliIo } from './main'
import { openCoreServices } from './services'

/** Runs `s3-share` in this process: real stdio, environment, Ctrl-C, and the shared services. */
export async function runProcess(): Promise<void> {
  let interrupts = 0
  const handlers = new Set<() => void>()
  process.on('SIGINT', () => {
    interrupts += 1
    // A second Ctrl-C, or one with nothing to stop, quits at once like any command would.
    if (interrupts > 1 || handlers.size === 0) process.exit(EXIT.interrupted)
    for (const handler of handlers) handler()
  })

  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    env: process.env,
    platform: process.platform,
    homedir: homedir(),
    cwd: process.cwd(),
    onInterrupt(handler) {
      handlers.add(handler)
      return () => handlers.delete(handler)
    }
  }
  const code = await runCli(process.argv.slice(2), io, openCoreServices)
  // Let stdout drain (pipes are asynchronous on some systems), then exit even if the SDK's
  // keep-alive sockets would hold the process open.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
  process.exit(code)
}
