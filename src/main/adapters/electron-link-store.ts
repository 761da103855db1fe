import { app } from 'electron'
import type { LinkRepository } from '../services/links'
import { createConfLinkRepository } from './link-store'

/**
 * The links registry in the app's user-data folder (`links.json`).
 *
 * Only this file imports Electron; everything else runs on conf, so tests (and e2e runs in a
 * temp folder) call `createConfLinkRepository({ cwd })` instead.
 */
export function createElectronLinkRepository(): LinkRepository {
  return createConfLinkRepository({ cwd: app.getPath('userData') })
}
