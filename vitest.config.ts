import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Vitest's default on two cores is one worker, which runs every file in turn. Most files
    // wait on Swift or Chromium (other processes), so two keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'src/shared/**/*.test.ts',
            'src/main/**/*.test.ts',
            'src/cli/**/*.test.ts',
            'src/preload/**/*.test.ts',
            'scripts/**/*.test.ts'
          ],
          exclude: ['**/*.integration.test.ts']
        }
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: [
            'src/main/**/*.integration.test.ts',
            'src/cli/**/*.integration.test.ts',
            // The reliability suite (docs/RELIABILITY.md): faults, fuzzing, kills.
            'test-support/fault-proxy.test.ts',
            'test-support/reliability/**/*.test.ts'
          ],
          globalSetup: ['test-support/swift-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000
        }
      },
      {
        test: {
          // The built bundles (out/), which `npm test` builds first: see test-support/bundle.
          name: 'bundle',
          environment: 'node',
          include: ['test-support/bundle/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000
        }
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          globals: true,
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test-support/renderer-setup.ts']
        }
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The UI waits on a real server; give it room on a loaded 2-core machine.
          expect: { poll: { timeout: 10_000, interval: 100 } },
          fileParallelism: false
        }
      }
    ]
  }
})
