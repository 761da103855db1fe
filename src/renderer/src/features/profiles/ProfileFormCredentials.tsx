import type { Dispatch } from 'react'
import type { DraftField } from '../../../../shared/profile-draft'
import type { ProfileFormAction, ProfileFormState } from './profile-form-state'
import { profileKindLabels } from './profile-labels'
import { TextField } from './ProfileFormFields'
import type { EditableProfile } from '../../../../shared/models'

export interface CredentialsSectionProps {
  state: ProfileFormState
  dispatch: Dispatch<ProfileFormAction>
  /** The problem of a field, once it should be shown. */
  errorOf: (field: DraftField) => string | null
  touch: (field: DraftField) => void
  /** The stored profile being edited, or null for a new one. */
  editable: EditableProfile | null
}

/** How the profile gets credentials: access keys, or an IAM Identity Center (SSO) role. */
export function ProfileFormCredentials({
  state,
  dispatch,
  errorOf,
  touch,
  editable
}: CredentialsSectionProps) {
  if (state.kind === 'unchanged') {
    return (
      <p className="profile-form-note">
        This profile gets its credentials as{' '}
        <strong>{profileKindLabels[editable?.kind ?? 'unknown']}</strong>; that stays as it is in
        your files. Only its name and where it connects are edited here.
      </p>
    )
  }
  // Stored keys are kept while the key id field stays empty, as `aws configure` keeps them.
  const sameKey = editable?.accessKeyIdHint != null && state.keys.accessKeyId.trim() === ''
  const keys = (field: 'accessKeyId' | 'secretAccessKey' | 'sessionToken') => ({
    value: state.keys[field],
    onChange: (value: string) => dispatch({ type: 'keys', field, value }),
    error: errorOf(field),
    onBlur: () => touch(field)
  })
  const sso = (field: 'ssoSession' | 'startUrl' | 'ssoRegion' | 'accountId' | 'roleName') => ({
    value: state.sso[field],
    onChange: (value: string) => dispatch({ type: 'sso', field, value }),
    error: errorOf(field),
    onBlur: () => touch(field)
  })

  return (
    <fieldset className="profile-fieldset">
      <legend className="field-label">Credentials</legend>
      <div className="segmented profile-kind" role="radiogroup" aria-label="Credentials">
        {(
          [
            ['keys', 'Access keys'],
            ['sso', 'SSO (IAM Identity Center)']
          ] as const
        ).map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            role="radio"
            className="segment"
            aria-checked={state.kind === kind}
            onClick={() => dispatch({ type: 'kind', kind })}
          >
            {label}
          </button>
        ))}
      </div>
      {state.kind === 'keys' ? (
        <div className="profile-grid">
          <TextField
            label="Access key ID"
            mono
            {...keys('accessKeyId')}
            placeholder={
              editable?.accessKeyIdHint ? `Leave empty to keep ${editable.accessKeyIdHint}` : ''
            }
          />
          <TextField
            label="Secret access key"
            type="password"
            mono
            {...keys('secretAccessKey')}
            placeholder={
              sameKey && editable?.hasSecretAccessKey ? 'Leave empty to keep the stored one' : ''
            }
          />
          <TextField
            label="Session token"
            type="password"
            optional
            mono
            className="profile-grid-wide"
            {...keys('sessionToken')}
            placeholder={
              sameKey && editable?.hasSessionToken
                ? 'Leave empty to keep the stored one'
                : 'Only for temporary keys'
            }
          />
        </div>
      ) : (
        <div className="profile-grid">
          <TextField
            label="Start URL"
            type="url"
            mono
            className="profile-grid-wide"
            placeholder="https://my-org.awsapps.com/start"
            {...sso('startUrl')}
          />
          <TextField label="SSO region" mono placeholder="us-east-1" {...sso('ssoRegion')} />
          <TextField
            label="SSO session name"
            optional
            mono
            placeholder="my-org"
            hint="Shared by the profiles of one sign-in; empty writes the older form."
            {...sso('ssoSession')}
          />
          <TextField label="Account ID" mono placeholder="123456789012" {...sso('accountId')} />
          <TextField label="Role name" mono placeholder="ReadOnly" {...sso('roleName')} />
        </div>
      )}
    </fieldset>
  )
}
