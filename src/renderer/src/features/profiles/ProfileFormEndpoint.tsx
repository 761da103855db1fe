import { useId, type Dispatch } from 'react'
import type { AddressingStyle } from '../../../../shared/models'
import type { DraftField } from '../../../../shared/profile-draft'
import type { ProfileFormAction, ProfileFormState } from './profile-form-state'
import { ENDPOINT_PRESETS, presetById, type PresetId } from './profile-presets'
import { TextField } from './ProfileFormFields'

export interface EndpointSectionProps {
  state: ProfileFormState
  dispatch: Dispatch<ProfileFormAction>
  errorOf: (field: DraftField) => string | null
  touch: (field: DraftField) => void
}

const STYLES: { value: AddressingStyle; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'path', label: 'Path (host/bucket/key)' },
  { value: 'virtual', label: 'Virtual host (bucket.host/key)' }
]

/**
 * Where the profile connects: Amazon S3 or an S3-compatible store. A preset fills the endpoint
 * pattern its service documents; Wasabi's and B2's follow the region.
 */
export function ProfileFormEndpoint({ state, dispatch, errorOf, touch }: EndpointSectionProps) {
  const serviceId = useId()
  const styleId = useId()
  const preset = presetById(state.preset)
  const aws = state.preset === 'aws'

  return (
    <fieldset className="profile-fieldset">
      <legend className="field-label">Where the files are</legend>
      <div className="profile-grid">
        <div className="profile-field profile-grid-wide">
          <label className="field-label" htmlFor={serviceId}>
            Service
          </label>
          <select
            id={serviceId}
            className="select"
            value={state.preset}
            onChange={(event) =>
              dispatch({ type: 'preset', preset: event.target.value as PresetId })
            }
          >
            {ENDPOINT_PRESETS.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
          <p className="field-hint">{preset.hint}</p>
        </div>
        {!aws && (
          <TextField
            label="Endpoint URL"
            type="url"
            mono
            className="profile-grid-wide"
            placeholder="https://s3.example.com"
            value={state.endpointUrl}
            onChange={(value) => dispatch({ type: 'set', field: 'endpointUrl', value })}
            onBlur={() => touch('endpointUrl')}
            error={errorOf('endpointUrl')}
          />
        )}
        <TextField
          label="Region"
          optional={!aws}
          mono
          placeholder="us-east-1"
          value={state.region}
          onChange={(value) => dispatch({ type: 'region', value })}
          onBlur={() => touch('region')}
          error={errorOf('region')}
        />
        {!aws && (
          <div className="profile-field">
            <label className="field-label" htmlFor={styleId}>
              Addressing style
            </label>
            <select
              id={styleId}
              className="select"
              value={state.addressingStyle}
              onChange={(event) =>
                dispatch({ type: 'addressing', value: event.target.value as AddressingStyle })
              }
            >
              {STYLES.map((style) => (
                <option key={style.value} value={style.value}>
                  {style.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
    </fieldset>
  )
}
