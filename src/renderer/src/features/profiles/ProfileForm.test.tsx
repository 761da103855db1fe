import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { stubModalDialogs } from '../../lib/modal-dialogs-test-kit'
import type { EditableProfile, ProfilesSnapshot } from '../../../../shared/models'
import {
  fail,
  installFakeApi,
  ok,
  profile,
  renderWithClient,
  type FakeHandlers
} from '../../lib/test-utils'
import { ProfileForm } from './ProfileForm'

stubModalDialogs()

const snapshot: ProfilesSnapshot = {
  profiles: [profile({ name: 'work' })],
  selectedProfileId: 'work',
  files: [
    { path: '/home/me/.aws/config', role: 'config', exists: true, problems: [] },
    { path: '/home/me/.aws/credentials', role: 'credentials', exists: true, problems: [] }
  ]
}

function renderForm(handlers: FakeHandlers = {}, editName: string | null = null) {
  const fake = installFakeApi({ listProfiles: async () => ok(snapshot), ...handlers })
  const onSaved = vi.fn()
  const onClose = vi.fn()
  const view = renderWithClient(
    <ProfileForm editName={editName} onClose={onClose} onSaved={onSaved} />
  )
  return { ...fake, ...view, onSaved, onClose }
}

const field = (name: string) => screen.getByLabelText(name, { exact: false, selector: 'input' })
const service = () => screen.getByRole('combobox', { name: 'Service' })

describe('adding a profile', () => {
  it('fills the endpoint, region and addressing style from each preset', async () => {
    const { user } = renderForm()

    await user.selectOptions(service(), 'minio')
    expect(field('Endpoint URL')).toHaveValue('http://localhost:9000')
    expect(field('Region')).toHaveValue('us-east-1')
    expect(screen.getByRole('combobox', { name: 'Addressing style' })).toHaveValue('path')

    await user.selectOptions(service(), 'r2')
    expect(field('Endpoint URL')).toHaveValue('https://<ACCOUNT_ID>.r2.cloudflarestorage.com')
    expect(field('Region')).toHaveValue('auto')
    expect(screen.getByText(/Replace <ACCOUNT_ID> with your Cloudflare account id/)).toBeVisible()

    await user.selectOptions(service(), 'wasabi')
    expect(field('Endpoint URL')).toHaveValue('https://s3.us-east-1.wasabisys.com')
    await user.clear(field('Region'))
    await user.type(field('Region'), 'eu-central-1')
    expect(field('Endpoint URL')).toHaveValue('https://s3.eu-central-1.wasabisys.com')

    await user.selectOptions(service(), 'b2')
    expect(field('Endpoint URL')).toHaveValue('https://s3.eu-central-1.backblazeb2.com')

    await user.selectOptions(service(), 'aws')
    expect(screen.queryByLabelText('Endpoint URL', { exact: false })).not.toBeInTheDocument()
  })

  it('says what is missing or wrong next to each field, and saves nothing', async () => {
    const { user, api } = renderForm()

    await user.selectOptions(service(), 'r2')
    await user.type(field('Profile name'), 'work')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))

    expect(field('Profile name')).toHaveAccessibleDescription(
      expect.stringContaining('A profile named work already exists')
    )
    expect(field('Access key ID')).toHaveAccessibleDescription('Enter the access key id.')
    expect(field('Secret access key')).toHaveAccessibleDescription('Enter the secret access key.')
    expect(field('Endpoint URL')).toHaveAccessibleDescription(
      expect.stringContaining('Replace the part in <angle brackets> with your own value')
    )
    expect(field('Endpoint URL')).toHaveAttribute('aria-invalid', 'true')
    expect(api.saveProfile).not.toHaveBeenCalled()
  })

  it('tests the connection with the draft and shows exactly what failed', async () => {
    const { user, api } = renderForm({
      testProfile: async ({ bucket }) =>
        ok(
          bucket
            ? {
                outcome: 'passed',
                check: 'head-bucket',
                code: null,
                message:
                  'Connected to http://localhost:9000: bucket `media` answered (region us-east-1).'
              }
            : {
                outcome: 'failed',
                check: 'list-buckets',
                code: 'access-denied',
                message:
                  'ListBuckets on http://localhost:9000 failed: The server rejected the signature (SignatureDoesNotMatch).'
              }
        )
    })
    await user.selectOptions(service(), 'minio')
    await user.type(field('Access key ID'), 'minioadmin')
    await user.type(field('Secret access key'), 'wrong')

    await user.click(screen.getByRole('button', { name: 'Test connection' }))
    const status = screen.getByRole('status')
    expect(await within(status).findByText(/SignatureDoesNotMatch/)).toBeVisible()
    expect(api.testProfile).toHaveBeenLastCalledWith({
      draft: {
        name: '',
        region: 'us-east-1',
        endpointUrl: 'http://localhost:9000',
        addressingStyle: 'path',
        credentials: {
          kind: 'keys',
          accessKeyId: 'minioadmin',
          secretAccessKey: 'wrong',
          sessionToken: ''
        }
      }
    })

    await user.type(field('Bucket to check'), 'media')
    expect(within(status).queryByText(/SignatureDoesNotMatch/)).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Test connection' }))
    expect(await within(status).findByText(/answered \(region us-east-1\)/)).toBeVisible()
    expect(api.testProfile).toHaveBeenLastCalledWith(expect.objectContaining({ bucket: 'media' }))
  })

  it('saves an SSO profile and hands its name back', async () => {
    const { user, api, onSaved } = renderForm({
      saveProfile: async () => ok(snapshot)
    })
    await user.type(field('Profile name'), 'dev')
    await user.click(screen.getByRole('radio', { name: 'SSO (IAM Identity Center)' }))
    await user.type(field('Start URL'), 'https://acme.awsapps.com/start')
    await user.type(field('SSO region'), 'eu-west-1')
    await user.type(field('SSO session name'), 'acme')
    await user.type(field('Account ID'), '111122223333')
    await user.type(field('Role name'), 'ReadOnly')

    await user.click(screen.getByRole('button', { name: 'Save profile' }))

    expect(onSaved).toHaveBeenCalledWith('dev')
    expect(api.saveProfile).toHaveBeenCalledWith({
      draft: {
        name: 'dev',
        region: 'us-east-1',
        endpointUrl: '',
        addressingStyle: 'auto',
        credentials: {
          kind: 'sso',
          ssoSession: 'acme',
          startUrl: 'https://acme.awsapps.com/start',
          ssoRegion: 'eu-west-1',
          accountId: '111122223333',
          roleName: 'ReadOnly'
        }
      }
    })
  })
})

describe('editing a profile', () => {
  const stored: EditableProfile = {
    draft: {
      name: 'box',
      region: 'us-east-1',
      endpointUrl: 'https://s3.eu-central-1.wasabisys.com',
      addressingStyle: 'auto',
      credentials: { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' }
    },
    kind: 'static',
    accessKeyIdHint: '…0001',
    hasSecretAccessKey: true,
    hasSessionToken: false
  }

  it('starts from the stored profile, keeps the secret unless a new key needs one', async () => {
    const { user, api } = renderForm(
      {
        getEditableProfile: async () => ok(stored),
        saveProfile: async () => ok(snapshot)
      },
      'box'
    )

    expect(await screen.findByRole('combobox', { name: 'Service' })).toHaveValue('wasabi')
    expect(screen.getByRole('dialog', { name: 'Edit profile box' })).toBeVisible()
    expect(field('Access key ID')).toHaveAttribute('placeholder', 'Leave empty to keep …0001')
    expect(field('Secret access key')).toHaveAttribute(
      'placeholder',
      'Leave empty to keep the stored one'
    )
    await user.clear(field('Region'))
    await user.type(field('Region'), 'eu-west-1')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(api.saveProfile).toHaveBeenCalledWith({
      draft: expect.objectContaining({ name: 'box', region: 'eu-west-1' }),
      replace: 'box'
    })

    await user.type(field('Access key ID'), 'AKIABOXEXAMPLE000002')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(field('Secret access key')).toHaveAccessibleDescription(
      'Enter the secret access key that goes with the new access key id.'
    )
    expect(api.saveProfile).toHaveBeenCalledTimes(1)
  })

  it('says why the profile cannot be opened', async () => {
    renderForm(
      { getEditableProfile: async () => fail('profile-not-found', 'Profile `box` is gone.') },
      'box'
    )
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not open the profile: Profile box is gone.'
    )
  })
})
