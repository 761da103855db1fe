/**
 * The start every registry-writing child process shares (`registry-writer.ts`,
 * `reliability/registry-burst-writer.ts`): another process on the same file, as the CLI is.
 */
import { registerHooks } from 'node:module'
import { createInterface } from 'node:readline'

/**
 * Opens the link registry in `dir`, prints "ready", and resolves once a line comes on stdin,
 * so that the parent can start several writers together.
 */
export async function openRegistryOnCue(dir: string) {
  // The sources import each other without extensions (bundler style); let Node find the `.ts`.
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context)
      } catch (error) {
        if (!specifier.startsWith('.')) throw error
        return nextResolve(`${specifier}.ts`, context)
      }
    }
  })
  const { openLinkDatabase } = await import('../src/main/adapters/link-db.ts')
  const { createLinkService } = await import('../src/main/services/links.ts')
  const repository = openLinkDatabase({ dir })
  const links = createLinkService({ repository })
  process.stdout.write('ready\n')

  const input = createInterface({ input: process.stdin })
  await new Promise<void>((resolve) => input.once('line', () => resolve()))
  input.close()
  return { repository, links }
}
