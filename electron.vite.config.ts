import { chmod } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/**
 * Relaxes the renderer's CSP on the dev server only.
 *
 * Vite injects the React Refresh preamble as an inline script and hot-swaps CSS as inline
 * `<style>` tags; production builds load only files and keep index.html's strict policy.
 */
function devServerCsp(): Plugin {
  return {
    name: 's3sm:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  }
}

/** Makes `out/main/cli.js` (package.json's `bin`) executable; its source starts with a shebang. */
function executableCli(): Plugin {
  return {
    name: 's3sm:executable-cli',
    apply: 'build',
    async writeBundle(options, bundle) {
      if (!('cli.js' in bundle) || options.dir === undefined) return
      await chmod(resolve(options.dir, 'cli.js'), 0o755)
    }
  }
}

export default defineConfig(({ mode }) => ({
  main: {
    build: {
      outDir: 'out/main',
      // The app's main process, and the `s3-share` command line over the same services.
      rolldownOptions: {
        input: { index: resolve('src/main/index.ts'), cli: resolve('src/cli/index.ts') }
      }
    },
    plugins: [executableCli()]
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
    plugins: [react(), devServerCsp()]
  }
}))
