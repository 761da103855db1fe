/**
 * Module resolution hook: the bare specifier `electron` becomes the recording stand-in.
 *
 * Registered by `register-electron-stand-in.ts` (through `node --import`), so the built main
 * bundle and the packages it imports (electron-store) load the stand-in instead of Electron's
 * npm package, which only knows where the Electron binary is.
 */
import type { ResolveHook } from 'node:module'

const STAND_IN_URL = new URL('./electron-stand-in.ts', import.meta.url).href

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  if (specifier === 'electron') return { url: STAND_IN_URL, shortCircuit: true }
  return nextResolve(specifier, context)
}
