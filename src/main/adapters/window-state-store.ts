import Store from 'electron-store'
import { isSavedWindowState, type SavedWindowState } from '../window/bounds'

export interface WindowStateStore {
  load(): SavedWindowState | undefined
  save(state: SavedWindowState): void
}

/**
 * Where the window was, in `window-state.json` in the user-data folder.
 *
 * Losing it only costs the window's position, so an unreadable file is reset rather than
 * stopping the app, and a value of the wrong shape is ignored.
 */
export function createWindowStateStore(): WindowStateStore {
  const store = new Store<{ window?: unknown }>({ name: 'window-state', clearInvalidConfig: true })
  return {
    load() {
      const saved = store.get('window')
      return isSavedWindowState(saved) ? saved : undefined
    },
    save(state) {
      store.set('window', state)
    }
  }
}
