import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const platformModules = ['electron', 'node:*', 'fs', 'path', 'os', 'child_process', 'crypto']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', '.test-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: platformModules,
              message: 'The renderer runs sandboxed: no Electron or Node modules.'
            },
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to main only through lib/api.'
            },
            {
              group: ['@aws-sdk/*', '@smithy/*', 'electron-store', 'conf'],
              message: 'AWS and storage stay in main.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: platformModules, message: 'src/shared is pure: no Electron, Node or DOM.' },
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'src/shared imports nothing from the processes.'
            },
            {
              group: ['@aws-sdk/*', '@smithy/*', 'electron-store', 'conf', 'react'],
              message: 'src/shared is pure logic.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/services/**/*.ts'],
    ignores: ['src/main/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron-store', 'conf', '@aws-sdk/*', 'node:*'],
              message:
                'Services get Electron, storage, AWS and the system injected; only adapters import them.'
            },
            {
              group: ['@smithy/*'],
              allowTypeImports: true,
              message: 'Services may name SDK types, never call the SDK.'
            },
            { group: ['**/renderer/**'], message: 'Main never imports the renderer.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron-store', '**/renderer/**', '**/preload/**'],
              message:
                'The command line runs in plain Node: it shares the core services, never Electron.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    ignores: ['src/preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                '@aws-sdk/*',
                'electron-store',
                'conf',
                '**/main/**',
                '**/renderer/**'
              ],
              message: 'The sandboxed preload may import only electron and src/shared.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: [
      'src/renderer/src/lib/api.ts',
      'src/renderer/**/*.test.{ts,tsx}',
      'src/renderer/src/lib/test-utils.tsx'
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'api',
          message: 'Go through lib/api.ts (call, subscribe) from a hook.'
        }
      ]
    }
  }
)
