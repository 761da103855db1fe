import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PRODUCT_NAME, resolveUserDataDir, USER_DATA_DIR_ENV } from './user-data-path'

const productName = PRODUCT_NAME

describe('the data folder shared by the app and the command line', () => {
  it('is named after the productName Electron uses for the app', () => {
    const packageJson = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')
    ) as { productName?: string }
    expect(PRODUCT_NAME).toBe(packageJson.productName)
  })

  it('is where Electron puts userData on Linux, honouring XDG_CONFIG_HOME', () => {
    expect(
      resolveUserDataDir({ platform: 'linux', env: {}, homedir: '/home/zoe', productName })
    ).toEqual({ dir: '/home/zoe/.config/S3 Share Manager', source: 'default' })
    expect(
      resolveUserDataDir({
        platform: 'linux',
        env: { XDG_CONFIG_HOME: '/srv/conf/' },
        homedir: '/home/zoe',
        productName
      }).dir
    ).toBe('/srv/conf/S3 Share Manager')
    expect(
      resolveUserDataDir({
        platform: 'linux',
        env: { XDG_CONFIG_HOME: '' },
        homedir: '/home/zoe',
        productName
      }).dir
    ).toBe('/home/zoe/.config/S3 Share Manager')
  })

  it('is in Application Support on macOS', () => {
    expect(
      resolveUserDataDir({
        platform: 'darwin',
        env: { XDG_CONFIG_HOME: '/ignored' },
        homedir: '/Users/zoe',
        productName
      }).dir
    ).toBe('/Users/zoe/Library/Application Support/S3 Share Manager')
  })

  it('is in %APPDATA% on Windows', () => {
    expect(
      resolveUserDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\Zoë\\AppData\\Roaming' },
        homedir: 'C:\\Users\\Zoë',
        productName
      }).dir
    ).toBe('C:\\Users\\Zoë\\AppData\\Roaming\\S3 Share Manager')
    expect(
      resolveUserDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\Zoë', productName }).dir
    ).toBe('C:\\Users\\Zoë\\AppData\\Roaming\\S3 Share Manager')
  })

  it('moves with the environment variable, and a --user-data-dir flag wins over both', () => {
    const env = { [USER_DATA_DIR_ENV]: '/tmp/s3sm-data', XDG_CONFIG_HOME: '/srv/conf' }
    expect(
      resolveUserDataDir({ platform: 'linux', env, homedir: '/home/zoe', productName })
    ).toEqual({ dir: '/tmp/s3sm-data', source: 'env' })
    expect(
      resolveUserDataDir({
        platform: 'linux',
        env,
        homedir: '/home/zoe',
        productName,
        override: '/mnt/usb/s3sm'
      })
    ).toEqual({ dir: '/mnt/usb/s3sm', source: 'flag' })
    expect(
      resolveUserDataDir({
        platform: 'linux',
        env: { [USER_DATA_DIR_ENV]: '  ' },
        homedir: '/home/zoe',
        productName,
        override: ''
      }).source
    ).toBe('default')
  })
})
