import Conf from 'conf'
import type { Preferences } from '../../shared/models'
import type { PreferencesBackend } from '../services/preferences'

/** The slice of conf (and of electron-store, which extends it) the preferences need. */
export interface ConfLike {
  get(key: 'preferences'): unknown
  set(key: 'preferences', value: Preferences): void
}

export const PREFERENCES_STORE_NAME = 'preferences'

/** Preferences in `preferences.json` through a conf-compatible store. */
export function preferencesBackend(store: ConfLike): PreferencesBackend {
  return {
    read: () => store.get('preferences'),
    write: (value) => store.set('preferences', value)
  }
}

/**
 * The same file through conf directly, for the end-to-end tests and anything else that runs
 * without Electron; the app passes electron-store, which uses conf underneath.
 */
export function confPreferencesBackend(cwd: string): PreferencesBackend {
  const store = new Conf<{ preferences?: unknown }>({
    cwd,
    configName: PREFERENCES_STORE_NAME,
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false
  })
  return preferencesBackend(store as unknown as ConfLike)
}
