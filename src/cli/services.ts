import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LINK_DB_FILE, openLinkDatabase } from '../main/adapters/link-db'
import { createCoreServices, type CoreServices } from '../main/core-services'
import type { Env } from '../main/services/profiles'
import { createTerminalPrompter } from './terminal-prompter'

/**
 * The part of the shared service graph (`createCoreServices`) the command line uses.
 *
 * Commands take it as an argument, so tests run them in-process over real services on temp
 * folders, and the registry is opened only once the arguments are known to be right.
 */
export type CliServices = Pick<
  CoreServices,
  | 'clock'
  | 'profiles'
  | 'credentials'
  | 'browsing'
  | 'signing'
  | 'links'
  | 'bulk'
  | 'jobs'
  | 'close'
>

/** `read`: the command only reads the registry (`links`), so it never upgrades or writes it. */
export type RegistryAccess = 'read' | 'write'

/** Opens the services over the registry in `userDataDir`, reading AWS settings from `env`. */
export type OpenServices = (userDataDir: string, env: Env, access: RegistryAccess) => CliServices

/**
 * The real services, as the app builds them.
 *
 * A reading command opens an existing registry read-only. Without one it opens it as the app
 * would, which creates it (and imports an older `links.json` once), so a first `s3-share links`
 * lists what the app recorded before the upgrade instead of nothing.
 */
export const openCoreServices: OpenServices = (userDataDir, env, access) => {
  const readOnly = access === 'read' && existsSync(join(userDataDir, LINK_DB_FILE))
  return createCoreServices({
    env,
    userDataDir,
    // MFA codes are read from the terminal; without one, such profiles fail with what to do.
    prompter: createTerminalPrompter(),
    ...(readOnly ? { linkRepository: openLinkDatabase({ dir: userDataDir, readOnly }) } : {})
  })
}
