import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { openLinkDatabase } from '../src/main/adapters/link-db'
import type { Clock } from '../src/main/services/ports'
import type { LinkRepository } from '../src/main/services/registry-ports'

const opened: Array<{ dir: string; repository: LinkRepository }> = []

function cleanUp(): void {
  for (const { dir, repository } of opened.splice(0)) {
    repository.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

// Evaluated while a test file is collected: its registries go when the file's tests are done.
afterAll(cleanUp)
process.once('exit', cleanUp)

/** The real link registry (`links.db`) in a fresh temp folder, for tests of the services on it. */
export function openTempLinkDatabase(options: { clock?: Clock } = {}): LinkRepository {
  const dir = mkdtempSync(join(tmpdir(), 's3sm-registry-'))
  const repository = openLinkDatabase({ dir, ...options })
  opened.push({ dir, repository })
  return repository
}
