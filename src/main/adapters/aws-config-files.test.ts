import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ProfilesSnapshot } from '../../shared/models'
import { createProfileService, keepProfilesFresh } from '../services/profiles'
import { readConfigFiles, resolveConfigFilePaths, watchConfigFiles } from './aws-config-files'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 's3sm-watch-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Counts `onChange` calls and lets a test wait for the next one. */
function changes() {
  let count = 0
  const waiters: Array<() => void> = []
  return {
    onChange: () => {
      count += 1
      for (const wake of waiters.splice(0)) wake()
    },
    get count() {
      return count
    },
    next(timeoutMs = 3000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no change noticed')), timeoutMs)
        waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function watch(home: string, onChange: () => void): void {
  const stop = watchConfigFiles(resolveConfigFilePaths({ HOME: home }), onChange, {
    debounceMs: 50
  })
  cleanups.push(stop)
}

describe('config file watcher', () => {
  it('notices an edit to the credentials file, once per burst of writes', async () => {
    const home = tempHome()
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, '.aws', 'credentials'), '[a]\n')
    const seen = changes()
    watch(home, seen.onChange)

    const next = seen.next()
    writeFileSync(join(home, '.aws', 'credentials'), '[a]\n[b]\n')
    writeFileSync(join(home, '.aws', 'credentials'), '[a]\n[b]\n[c]\n')
    await next
    await sleep(200)

    expect(seen.count).toBe(1)
  })

  it('notices files that did not exist yet, even when ~/.aws is created later', async () => {
    const home = tempHome()
    const seen = changes()
    watch(home, seen.onChange)

    const created = seen.next()
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, '.aws', 'config'), '[profile new]\n')
    await created

    // Now watching ~/.aws itself.
    const edited = seen.next()
    writeFileSync(join(home, '.aws', 'credentials'), '[other]\n')
    await edited
  })

  it('keeps noticing edits after an editor saves by renaming a new file over the old one', async () => {
    const home = tempHome()
    mkdirSync(join(home, '.aws'))
    const config = join(home, '.aws', 'config')
    writeFileSync(config, '[profile a]\n')
    const seen = changes()
    watch(home, seen.onChange)

    const replaced = seen.next()
    writeFileSync(`${config}.swp`, '[profile b]\n')
    renameSync(`${config}.swp`, config)
    await replaced

    const edited = seen.next()
    writeFileSync(config, '[profile c]\n')
    await edited
  })

  it('notices an edit to the file a symlinked config points to', async () => {
    const home = tempHome()
    mkdirSync(join(home, '.aws'))
    mkdirSync(join(home, 'dotfiles'))
    writeFileSync(join(home, 'dotfiles', 'aws-config'), '[profile a]\n')
    symlinkSync(join(home, 'dotfiles', 'aws-config'), join(home, '.aws', 'config'))
    const seen = changes()
    watch(home, seen.onChange)

    const edited = seen.next()
    writeFileSync(join(home, 'dotfiles', 'aws-config'), '[profile b]\n')
    await edited
  })

  it('ignores other files in the folder', async () => {
    const home = tempHome()
    mkdirSync(join(home, '.aws'))
    const seen = changes()
    watch(home, seen.onChange)

    writeFileSync(join(home, '.aws', 'cli-history.json'), '{}')
    mkdirSync(join(home, '.aws', 'sso'))
    await sleep(300)

    expect(seen.count).toBe(0)
  })

  it('stops calling back once stopped', async () => {
    const home = tempHome()
    mkdirSync(join(home, '.aws'))
    const seen = changes()
    const stop = watchConfigFiles(resolveConfigFilePaths({ HOME: home }), seen.onChange, {
      debounceMs: 50
    })

    writeFileSync(join(home, '.aws', 'config'), '[profile a]\n')
    stop()
    await sleep(300)

    expect(seen.count).toBe(0)
  })
})

describe('profiles kept fresh', () => {
  it('pushes the new profile list and drops cached credentials when a file changes', async () => {
    const home = tempHome()
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, '.aws', 'config'), '[profile dev]\n')
    const env = { HOME: home }
    const paths = resolveConfigFilePaths(env)
    const profiles = createProfileService({ readConfigFiles: () => readConfigFiles(paths), env })
    const invalidated: Array<string | undefined> = []
    const pushed: ProfilesSnapshot[] = []
    const seen = changes()

    const stop = keepProfilesFresh({
      watch: (onFilesChanged) => watchConfigFiles(paths, onFilesChanged, { debounceMs: 50 }),
      profiles,
      caches: [{ invalidate: (profileId) => invalidated.push(profileId) }],
      onChange: (snapshot) => {
        pushed.push(snapshot)
        seen.onChange()
      }
    })
    cleanups.push(stop)
    expect(profiles.snapshot().profiles.map((p) => p.id)).toEqual(['dev'])

    const next = seen.next()
    writeFileSync(
      paths.credentialsFile,
      '[prod]\naws_access_key_id = A\naws_secret_access_key = B\n'
    )
    await next

    expect(pushed.at(-1)?.profiles.map((p) => [p.id, p.kind])).toEqual([
      ['dev', 'unknown'],
      ['prod', 'static']
    ])
    expect(invalidated).toEqual([undefined])
    expect(profiles.getProfile('prod').kind).toBe('static')
  })
})
