import { z } from 'zod'
import { DEFAULT_EXPIRY_SECONDS } from '../../shared/expiry-scale'
import { MAX_LINK_SECONDS, MIN_LINK_SECONDS } from '../../shared/ipc-contract'
import type { Preferences } from '../../shared/models'

/** Where preferences are kept: electron-store in the app, conf in a temp folder in tests. */
export interface PreferencesBackend {
  read(): unknown
  write(value: Preferences): void
}

export interface PreferencesService {
  get(): Preferences
  /** Merges `patch` into the stored preferences and returns the result. */
  set(patch: Partial<Preferences>): Preferences
}

export const DEFAULT_PREFERENCES: Preferences = {
  selectedProfileId: null,
  lastLocation: null,
  defaultExpiresInSeconds: DEFAULT_EXPIRY_SECONDS,
  testNewLinks: true,
  notifyWatchedLinks: true,
  seenSessionWarnings: []
}

const text = z.string().max(4096)

/** One schema for what IPC may set and what the file may hold (it can be edited by hand). */
export const preferencesSchema = z.object({
  selectedProfileId: z.string().min(1).max(256).nullable(),
  lastLocation: z
    .object({
      profileId: z.string().min(1).max(256),
      bucket: z.string().min(1).max(255),
      prefix: text
    })
    .strict()
    .nullable(),
  defaultExpiresInSeconds: z.number().int().min(MIN_LINK_SECONDS).max(MAX_LINK_SECONDS),
  testNewLinks: z.boolean(),
  notifyWatchedLinks: z.boolean(),
  // Profile ids; a handful in practice, bounded so a hand-edited file cannot grow it without end.
  seenSessionWarnings: z.array(z.string().min(1).max(256)).max(1000)
})

/**
 * Settings remembered across restarts.
 *
 * Losing them costs only convenience, so each stored field that fails validation falls back to
 * its default on its own, and the others are kept.
 */
export function createPreferencesService(backend: PreferencesBackend): PreferencesService {
  function get(): Preferences {
    const stored = backend.read()
    const record = typeof stored === 'object' && stored !== null ? stored : {}
    const preferences = { ...DEFAULT_PREFERENCES }
    for (const field of Object.keys(DEFAULT_PREFERENCES) as Array<keyof Preferences>) {
      const parsed = preferencesSchema.shape[field].safeParse(
        (record as Record<string, unknown>)[field]
      )
      if (parsed.success) (preferences as Record<string, unknown>)[field] = parsed.data
    }
    return preferences
  }

  return {
    get,
    set(patch) {
      const next = { ...get(), ...patch }
      backend.write(next)
      return next
    }
  }
}
