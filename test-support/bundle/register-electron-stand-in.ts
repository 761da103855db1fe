/** `node --import ./register-electron-stand-in.ts`: `electron` resolves to the stand-in from now on. */
import { register } from 'node:module'

register('./electron-hooks.ts', import.meta.url)
