import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig(({ mode }) => ({
  main: {
    build: { outDir: 'out/main' }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules.
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    // Relative asset URLs let the e2e tests serve the built renderer from any folder.
    base: './',
    build: {
      outDir: resolve('out/renderer'),
      minify: mode === 'production',
      rollupOptions: { input: resolve('src/renderer/index.html') }
    },
    plugins: [react()]
  }
}))
