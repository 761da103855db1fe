import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { confPreferencesBackend } from '../adapters/preferences-store'
import { createPreferencesService, DEFAULT_PREFERENCES } from './preferences'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3sm-prefs-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('preferences', () => {
  it('starts with the defaults when nothing is stored', () => {
    expect(createPreferencesService(confPreferencesBackend(dir)).get()).toEqual(DEFAULT_PREFERENCES)
  })

  it('remembers the profile, the last folder, the lifetime and the link settings across restarts', () => {
    const chosen = {
      selectedProfileId: 'dev',
      lastLocation: { profileId: 'dev', bucket: 'photos', prefix: '2024/' },
      defaultExpiresInSeconds: 86_400,
      testNewLinks: false,
      notifyWatchedLinks: false,
      seenSessionWarnings: ['dev', 'ops']
    }
    createPreferencesService(confPreferencesBackend(dir)).set(chosen)
    const reopened = createPreferencesService(confPreferencesBackend(dir))
    expect(reopened.get()).toEqual(chosen)
  })

  it('tests new links and shows notifications until the user turns them off', () => {
    expect(createPreferencesService(confPreferencesBackend(dir)).get()).toMatchObject({
      testNewLinks: true,
      notifyWatchedLinks: true,
      seenSessionWarnings: []
    })
  })

  it('keeps the other fields when one is changed', () => {
    const service = createPreferencesService(confPreferencesBackend(dir))
    service.set({ selectedProfileId: 'dev' })
    expect(service.set({ defaultExpiresInSeconds: 900 })).toMatchObject({
      selectedProfileId: 'dev',
      defaultExpiresInSeconds: 900
    })
  })

  it('falls back to the default for each hand-edited field that is invalid, keeping the rest', async () => {
    await writeFile(
      join(dir, 'preferences.json'),
      JSON.stringify({
        preferences: { selectedProfileId: 'ops', defaultExpiresInSeconds: 9e9, lastLocation: 'x' }
      })
    )
    expect(createPreferencesService(confPreferencesBackend(dir)).get()).toEqual({
      ...DEFAULT_PREFERENCES,
      selectedProfileId: 'ops'
    })
  })

  it('starts over from the defaults when the file is not JSON', async () => {
    await writeFile(join(dir, 'preferences.json'), '{ not json')
    const service = createPreferencesService(confPreferencesBackend(dir))
    expect(service.get()).toEqual(DEFAULT_PREFERENCES)
    service.set({ selectedProfileId: 'dev' })
    expect(JSON.parse(await readFile(join(dir, 'preferences.json'), 'utf8'))).toMatchObject({
      preferences: { selectedProfileId: 'dev' }
    })
  })
})
