import { resolve } from 'node:path'
import { PRODUCT_NAME, resolveUserDataDir } from '../main/services/user-data-path'
import type { Env } from '../main/services/profiles'
import type { CliServices, OpenServices, RegistryAccess } from './services'

export interface TextSink {
  write(text: string): unknown
}

/** Everything a command touches of its process, passed in so tests run commands in-process. */
export interface CliIo {
  stdout: TextSink
  stderr: TextSink
  /** Whether stderr is a terminal: only then is a progress bar drawn on it. */
  isTTY: boolean
  env: Env
  platform: string
  homedir: string
  /** Relative paths (`--output`, `--user-data-dir`) are resolved from here. */
  cwd: string
  /** Calls `handler` on Ctrl-C until the returned function is called. */
  onInterrupt(handler: () => void): () => void
}

export interface CommandContext {
  io: CliIo
  openServices: OpenServices
}

/** The data folder the app uses, or the one `--user-data-dir` / the environment names. */
export function userDataDirFor(io: CliIo, flag: string | undefined): string {
  const { dir } = resolveUserDataDir({
    platform: io.platform,
    env: io.env,
    homedir: io.homedir,
    productName: PRODUCT_NAME,
    override: flag
  })
  return resolve(io.cwd, dir)
}

/** Runs `work` over the services of the chosen data folder, and always closes them. */
export async function withServices<T>(
  context: CommandContext,
  registry: { userDataDir: string | undefined; access: RegistryAccess },
  work: (services: CliServices) => Promise<T> | T
): Promise<T> {
  const services = context.openServices(
    userDataDirFor(context.io, registry.userDataDir),
    context.io.env,
    registry.access
  )
  try {
    return await work(services)
  } finally {
    services.close()
  }
}
