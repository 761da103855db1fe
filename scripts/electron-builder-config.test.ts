import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const projectDir = dirname(dirname(fileURLToPath(import.meta.url)))

type Config = Record<string, unknown> & {
  electronFuses?: Record<string, boolean>
  linux?: { target?: unknown }
  mac?: { target?: unknown }
  win?: { target?: unknown }
}
type DebugLogger = { isEnabled: boolean; add: (key: string, value: unknown) => void }

// The loader and validator electron-builder itself runs before packaging (Packager.validateConfig),
// taken from the app-builder-lib that electron-builder depends on.
const fromBuilder = createRequire(
  createRequire(import.meta.url).resolve('electron-builder/package.json')
)
const { getConfig, validateConfiguration } = fromBuilder(
  'app-builder-lib/out/util/config/config'
) as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<Config>
  validateConfiguration: (config: Config, logger: DebugLogger) => Promise<void>
}
const { readPackageJson, checkMetadata } = fromBuilder(
  'app-builder-lib/out/util/packageMetadata'
) as {
  readPackageJson: (file: string) => Promise<Record<string, unknown>>
  checkMetadata: (metadata: unknown, devMetadata: unknown, appFile: string, devFile: string) => void
}
const quietLogger: DebugLogger = { isEnabled: false, add: () => undefined }

describe('the installers electron-builder makes', () => {
  it("pass electron-builder's own schema check, with package.json's metadata", async () => {
    const config = await getConfig(projectDir, null, null)
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined()

    const packageFile = join(projectDir, 'package.json')
    const metadata = await readPackageJson(packageFile)
    expect(() => checkMetadata(metadata, metadata, packageFile, packageFile)).not.toThrow()
  })

  it('would refuse a misspelt option, so the check above means something', async () => {
    const config = await getConfig(projectDir, null, null)
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }
    await expect(validateConfiguration(misspelt, quietLogger)).rejects.toThrow(
      /configuration\.electronFuses/
    )
  })

  it('lock the packaged app down with Electron fuses', async () => {
    const config = await getConfig(projectDir, null, null)
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true
    })
  })

  it('ship only the built app in an ASAR, for AppImage, deb, dmg and NSIS', async () => {
    const config = await getConfig(projectDir, null, null)
    expect(config).toMatchObject({
      productName: 'S3 Share Manager',
      files: [{ filter: ['out/**', 'package.json'] }],
      asar: true,
      npmRebuild: false
    })
    // The entry point Electron loads is among the files shipped.
    const metadata = await readPackageJson(join(projectDir, 'package.json'))
    expect(metadata.main).toMatch(/^(\.\/)?out\//)
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toBe('dmg')
    expect(config.win?.target).toBe('nsis')
  })
})
