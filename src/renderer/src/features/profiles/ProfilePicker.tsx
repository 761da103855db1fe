import { useId } from 'react'
import type { ProfileSummary } from '../../../../shared/models'
import { endpointLabel, profileKindLabels, profileOptionLabel } from './profile-labels'

export interface ProfilePickerProps {
  profiles: ProfileSummary[]
  selectedId: string | null
  onChange: (profileId: string) => void
}

/** Chooses the AWS profile to browse with, and says how it authenticates and where it points. */
export function ProfilePicker({ profiles, selectedId, onChange }: ProfilePickerProps) {
  const selectId = useId()
  const summaryId = useId()
  const selected = profiles.find((profile) => profile.id === selectedId)

  return (
    <div className="profile-picker">
      <label className="field-label" htmlFor={selectId}>
        Profile
      </label>
      <select
        id={selectId}
        className="select"
        value={selectedId ?? ''}
        aria-describedby={selected ? summaryId : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profileOptionLabel(profile)}
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
        </div>
      )}
    </div>
  )
}
