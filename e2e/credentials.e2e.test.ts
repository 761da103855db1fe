import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { LinkPage } from '../src/shared/models'
import { startAwsStandIns, type AwsStandIns } from '../test-support/aws-stand-ins'
import { findLeakedSecrets, useApp } from './support/app-fixture'
import { DEMO_OBJECTS } from './support/seed'

const SCREENSHOTS = new URL('../docs/', import.meta.url).pathname
const BASE = { accessKeyId: 'AKIASTANDINBASE00001', secretAccessKey: 'base-secret-never-shown' }
const MFA_ROLE = 'arn:aws:iam::123456789012:role/reports-admin'
const MFA_DEVICE = 'arn:aws:iam::123456789012:mfa/jane-phone'
const MFA_CODE = '428193'
const SHARED_KEY = 'README.md'

/** Both profiles reach the e2e Swift server; their credentials come from the stand-ins. */
const atSwift = (endpoint: string): string[] => [
  `endpoint_url = ${endpoint}`,
  's3 =',
  '  addressing_style = path'
]

describe('signing in with IAM Identity Center and MFA, without a terminal', () => {
  let standIns: AwsStandIns
  // Started before the app: its services are built with the stand-ins' endpoint.
  beforeAll(async () => {
    standIns = await startAwsStandIns({
      callers: [BASE],
      // STS and the SSO portal hand out Swift's key, so the sessions can browse and share.
      roles: { [MFA_ROLE]: { mfaSerial: MFA_DEVICE, credentials: swiftKey() } },
      mfaCodes: { [MFA_DEVICE]: MFA_CODE },
      ssoRoleCredentials: swiftKey()
    })
  })
  const app = useApp(DEMO_OBJECTS, {
    awsEndpoint: () => standIns.endpoint,
    extraConfig: (swift) => [
      '[profile work-sso]',
      'sso_session = work',
      'sso_account_id = 123456789012',
      'sso_role_name = ReportsReader',
      'region = us-east-1',
      ...atSwift(swift.endpoint),
      '',
      '[sso-session work]',
      'sso_start_url = https://work.awsapps.com/start',
      'sso_region = eu-west-2',
      'sso_registration_scopes = sso:account:access',
      '',
      '[profile reports-admin]',
      `role_arn = ${MFA_ROLE}`,
      'source_profile = mfa-base',
      `mfa_serial = ${MFA_DEVICE}`,
      'region = us-east-1',
      ...atSwift(swift.endpoint),
      ''
    ],
    extraCredentials: () => [
      '[mfa-base]',
      `aws_access_key_id = ${BASE.accessKeyId}`,
      `aws_secret_access_key = ${BASE.secretAccessKey}`,
      ''
    ]
  })
  beforeAll(() => {
    // The SDK reads the SSO token cache under the process's HOME: the fixture's temp home.
    vi.stubEnv('HOME', app.fixture.home)
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    await standIns?.stop()
  })

  /** Swift's key, read when the stand-ins start (the Swift server starts with the fixture). */
  function swiftKey() {
    return {
      get accessKeyId() {
        return app.fixture.swift.accessKeyId
      },
      get secretAccessKey() {
        return app.fixture.swift.secretAccessKey
      }
    }
  }

  it('signs in to an SSO profile through the device flow, then shares a file with it', async () => {
    const { page } = app.host
    await page.getByLabel('Profile').selectOption('work-sso')
    const sidebar = page.locator('.sidebar')
    await expect.poll(() => sidebar.innerText()).toMatch(/not signed in to IAM Identity Center/)

    await sidebar.getByRole('button', { name: 'Sign in' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Sign in to IAM Identity Center' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    // The app opened the approval page in the browser, with the code the dialog shows.
    await expect.poll(() => app.fixture.opened.length).toBe(1)
    const approvalPage = new URL(app.fixture.opened[0]!)
    const userCode = await dialog.getByLabel('Sign-in code').innerText()
    expect(approvalPage.searchParams.get('user_code')).toBe(userCode)
    await expect.poll(() => dialog.innerText()).toMatch(/The code expires in 9 min/)
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-sso-sign-in.png` })

    // The user chooses Allow on that page; the app's next poll gets the token.
    expect((await fetch(approvalPage)).status).toBe(200)
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await page.getByRole('button', { name: /acme-reports/ }).click()
    const row = page.getByRole('grid').getByRole('row', { name: /README\.md/ })
    await row.click()
    await row.getByRole('button', { name: /^Share / }).click()
    const share = page.getByRole('dialog')
    await share.getByRole('button', { name: 'Create link & copy' }).click()
    await expect.poll(() => app.fixture.clipboard.length).toBe(1)

    const response = await fetch(app.fixture.clipboard[0]!)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('# Reports\n')
    const links = (await app.fixture.services.router.dispatch('links:query', {
      limit: 10,
      offset: 0
    })) as { ok: true; value: LinkPage }
    expect(links.value.rows[0]).toMatchObject({
      kind: 'link',
      link: { profileId: 'work-sso', key: SHARED_KEY }
    })
    await share.getByRole('button', { name: 'Done' }).click()

    const operations = standIns.calls.map((call) => call.operation)
    expect(operations).toEqual(
      expect.arrayContaining([
        'oidc:RegisterClient',
        'oidc:StartDeviceAuthorization',
        'page:approve',
        'oidc:CreateToken',
        'sso:GetRoleCredentials'
      ])
    )
  })

  it('asks for the MFA code of a role in a dialog, once', async () => {
    const { page } = app.host
    await page.getByLabel('Profile').selectOption('reports-admin')
    const dialog = page.getByRole('dialog', { name: 'MFA code for reports-admin' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await dialog.getByLabel('Code').fill('428 193')
    await page.screenshot({ path: `${SCREENSHOTS}screenshot-mfa-prompt.png` })
    await dialog.getByRole('button', { name: 'Continue' }).click()

    await expect.poll(() => dialog.isVisible()).toBe(false)
    await page.getByRole('button', { name: /acme-reports/ }).click()
    await expect
      .poll(() =>
        page
          .getByRole('grid')
          .getByRole('row', { name: /README\.md/ })
          .count()
      )
      .toBe(1)
    const assumed = standIns.calls.filter((call) => call.operation === 'sts:AssumeRole')
    expect(assumed).toHaveLength(1)
    expect(assumed[0]!.params).toMatchObject({
      RoleArn: MFA_ROLE,
      SerialNumber: MFA_DEVICE,
      caller: BASE.accessKeyId
    })
  })

  it('sends no secret to the page: tokens, client secrets, keys', () => {
    const traffic = app.host.traffic
    expect(traffic.some((message) => message.includes('"kind":"sso-device-code"'))).toBe(true)
    expect(traffic.some((message) => message.includes('"kind":"mfa-code"'))).toBe(true)
    expect(findLeakedSecrets(app.fixture, traffic)).toEqual([])
    for (const message of traffic) expect(message).not.toContain(BASE.secretAccessKey)
  })
})
