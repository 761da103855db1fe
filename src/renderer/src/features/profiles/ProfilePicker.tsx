import { useId, useState } from 'react'
import { ENVIRONMENT_PROFILE_ID } from '../../../../shared/ipc-contract'
import type { ProfileSummary } from '../../../../shared/models'
import { ProfileForm } from './ProfileForm'
import { endpointLabel, profileKindLabels, profileOptionLabel } from './profile-labels'
import { SessionState } from './SessionState'
import './profiles.css'

export interface ProfilePickerProps {
  profiles: ProfileSummary[]
  selectedId: string | null
  onChange: (profileId: string) => void
}

/**
 * Chooses the AWS profile to browse with, and says how it authenticates, where it points and
 * whether its session works now. Profiles are added and edited here too, in the CLI's files.
 */
export function ProfilePicker({ profiles, selectedId, onChange }: ProfilePickerProps) {
  const selectId = useId()
  const summaryId = useId()
  const selected = profiles.find((profile) => profile.id === selectedId)
  // null: closed; '' adds a profile; a name edits that one.
  const [form, setForm] = useState<string | null>(null)
  const editable = selected !== undefined && selected.id !== ENVIRONMENT_PROFILE_ID

  return (
    <div className="profile-picker">
      <div className="profile-picker-head">
        <label className="field-label" htmlFor={selectId}>
          Profile
        </label>
        <div className="profile-actions">
          <button type="button" className="button button-small" onClick={() => setForm('')}>
            Add profile…
          </button>
          {editable && (
            <button
              type="button"
              className="button button-small"
              onClick={() => setForm(selected.name)}
            >
              Edit…
              {/* Named by its text, not aria-label: the picker's own label is "Profile". */}
              <span className="visually-hidden"> (profile {selected.name})</span>
            </button>
          )}
        </div>
      </div>
      <select
        id={selectId}
        className="select"
        value={selectedId ?? ''}
        aria-describedby={selected ? summaryId : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {profiles.map((profile) => (
          // The name alone fits the sidebar; the kind, region and endpoint are in the summary below.
          <option key={profile.id} value={profile.id} title={profileOptionLabel(profile)}>
            {profile.name}
          </option>
        ))}
      </select>
      {selected && (
        <div className="profile-summary" id={summaryId}>
          <div className="profile-tags">
            <span className={`badge badge-kind badge-${selected.kind}`}>
              {profileKindLabels[selected.kind]}
            </span>
            <span className="badge" title="Region">
              {selected.region ?? 'no region'}
            </span>
            {selected.addressingStyle === 'path' && (
              <span className="badge" title="Requests use path-style addressing">
                path-style
              </span>
            )}
          </div>
          {selected.endpointUrl && (
            <div className="profile-line mono" title={`Endpoint: ${selected.endpointUrl}`}>
              <span className="visually-hidden">Endpoint: </span>
              {endpointLabel(selected.endpointUrl)}
            </div>
          )}
          {selected.detail && (
            <div className="profile-line profile-detail" title={selected.detail}>
              {selected.detail}
            </div>
          )}
          <SessionState key={selected.id} profile={selected} />
        </div>
      )}
      {form !== null && (
        <ProfileForm
          editName={form === '' ? null : form}
          onClose={() => setForm(null)}
          onSaved={(name) => {
            setForm(null)
            onChange(name)
          }}
        />
      )}
    </div>
  )
}
