import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findLeakedSecrets, useApp } from './support/app-fixture'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname

const SEED = [
  { bucket: 'studio-assets', key: 'renders/final cut.mp4', body: 'frames' },
  { bucket: 'studio-assets', key: 'README.md', body: '# assets' }
]

describe('adding a profile in the app', () => {
  const app = useApp(SEED, { emptyAwsConfig: true })

  it('adds a MinIO-style profile from the first-run screen, tests it, and browses with it', async () => {
    const { page } = app.host
    const { swift, home } = app.fixture
    await expect
      .poll(() => page.getByRole('heading', { name: 'No AWS profiles yet' }).isVisible())
      .toBe(true)

    await page.getByRole('button', { name: 'Add a profile…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a profile' })
    await dialog.getByLabel('Profile name').fill('minio-local')
    await dialog.getByLabel('Service').selectOption('minio')
    expect(await dialog.getByLabel('Endpoint URL').inputValue()).toBe('http://localhost:9000')
    // The MinIO preset, pointed at this machine's server.
    await dialog.getByLabel('Endpoint URL').fill(swift.endpoint)
    await dialog.getByLabel('Access key ID').fill(swift.accessKeyId)
    await dialog.getByLabel('Secret access key').fill('a wrong secret')

    await dialog.getByRole('button', { name: 'Test connection' }).click()
    const result = dialog.getByRole('status')
    await expect.poll(() => result.innerText()).toMatch(/SignatureDoesNotMatch/)

    await dialog.getByLabel('Secret access key').fill(swift.secretAccessKey)
    await dialog.getByRole('button', { name: 'Test connection' }).click()
    await expect
      .poll(() => result.innerText())
      .toBe(`Connected to ${swift.endpoint}: the keys work and see 1 bucket.`)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-add-profile.png` })

    await dialog.getByRole('button', { name: 'Save profile' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => page.getByLabel('Profile').inputValue()).toBe('minio-local')
    await page.getByRole('button', { name: /studio-assets/ }).click()
    await expect
      .poll(() => page.getByRole('grid').locator('.grid-body-row .name-text').allInnerTexts())
      .toEqual(['renders', 'README.md'])

    // Written as `aws configure` would, the secret file private.
    expect(await readFile(join(home, 'config'), 'utf8')).toBe(
      `[profile minio-local]\nregion = us-east-1\nendpoint_url = ${swift.endpoint}\n` +
        's3 =\n  addressing_style = path\n'
    )
    expect((await stat(join(home, 'credentials'))).mode & 0o777).toBe(0o600)

    // Opened again for editing: the keys stay in main, as `aws configure` shows them.
    await page.getByRole('button', { name: /^Edit…/ }).click()
    const edit = page.getByRole('dialog', { name: 'Edit profile minio-local' })
    await expect
      .poll(() => edit.getByLabel('Access key ID').getAttribute('placeholder'))
      .toBe(`Leave empty to keep …${swift.accessKeyId.slice(-4)}`)
    expect(await edit.getByLabel('Access key ID').inputValue()).toBe('')
    expect(await edit.getByLabel('Secret access key').inputValue()).toBe('')
    expect(await edit.getByLabel('Secret access key').getAttribute('placeholder')).toBe(
      'Leave empty to keep the stored one'
    )
    await edit.getByRole('button', { name: 'Cancel' }).click()
    expect(findLeakedSecrets(app.fixture, app.host.traffic)).toEqual([])
  })

  it('shows where each profile session stands in the picker', async () => {
    const { page } = app.host
    const { swift, home } = app.fixture
    const processScript = join(home, 'session.mjs')
    await writeFile(
      processScript,
      `const minutes = Number(process.argv[2])
console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(swift.accessKeyId)}, ` +
        `SecretAccessKey: ${JSON.stringify(swift.secretAccessKey)}, SessionToken: 'e2e-token', ` +
        'Expiration: new Date(Date.now() + minutes * 60000).toISOString() }))\n'
    )
    const command = (minutes: number) =>
      `credential_process = "${process.execPath}" "${processScript}" ${minutes}`
    const config = await readFile(join(home, 'config'), 'utf8')
    await writeFile(
      join(home, 'config'),
      [
        config,
        '[profile temporary]',
        `endpoint_url = ${swift.endpoint}`,
        command(40),
        '',
        '[profile stale]',
        command(-5),
        '',
        '[profile sso-dev]',
        'sso_session = acme',
        'sso_account_id = 111122223333',
        'sso_role_name = ReadOnly',
        'region = eu-west-1',
        '',
        '[sso-session acme]',
        'sso_start_url = https://acme.awsapps.com/start',
        'sso_region = eu-west-1',
        '',
        '[profile admin-mfa]',
        'role_arn = arn:aws:iam::111122223333:role/Admin',
        'source_profile = minio-local',
        'mfa_serial = arn:aws:iam::111122223333:mfa/me',
        ''
      ].join('\n')
    )
    const picker = page.getByLabel('Profile')
    await expect
      .poll(() => picker.locator('option').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining('admin-mfa')]))

    // The visible line (the group also holds what a screen reader hears on a change).
    const session = page.getByRole('group', { name: 'Session' }).locator('.session-state-body')
    const tiles: Buffer[] = []
    const states: Array<[profile: string, text: RegExp]> = [
      ['minio-local', /^Static keys\nThey do not expire\.$/],
      ['temporary', /^Session until .+ · (39|40) min \d\d s left$/],
      ['stale', /^Expired\n`?credential_process`? for `?stale`? returned credentials that expired/],
      [
        'sso-dev',
        /^Not signed in\nProfile sso-dev is not signed in to SSO session acme: Sign in\.\nSign in$/
      ],
      ['admin-mfa', /^Needs an MFA code\nProfile admin-mfa assumes its role with an MFA code/]
    ]
    for (const [profile, text] of states) {
      await picker.selectOption(profile)
      if (profile === 'admin-mfa') {
        // Its bucket list asks for the code; the picker said so before. Cancelled here.
        const prompt = page.getByRole('dialog', { name: /MFA code/ })
        await expect.poll(() => prompt.isVisible()).toBe(true)
        await prompt.getByRole('button', { name: 'Cancel' }).click()
        await expect.poll(() => prompt.isVisible()).toBe(false)
      }
      await expect.poll(() => session.innerText()).toMatch(text)
      tiles.push(await page.locator('.profile-picker').screenshot())
    }
    expect(findLeakedSecrets(app.fixture, app.host.traffic)).toEqual([])

    // One picture of every state, side by side.
    const sheet = await page.context().newPage()
    await sheet.setViewportSize({ width: 1320, height: 300 })
    await sheet.setContent(
      `<body style="margin:0;padding:12px;display:flex;gap:12px;align-items:flex-start;background:#e4e5e9">${tiles
        .map(
          (tile) =>
            `<img style="width:248px;border-radius:6px;background:#fff" src="data:image/png;base64,${tile.toString('base64')}">`
        )
        .join('')}</body>`
    )
    await sheet.screenshot({ path: `${SCREENSHOTS}screenshot-profile-states.png`, fullPage: true })
    await sheet.close()
  })
})
