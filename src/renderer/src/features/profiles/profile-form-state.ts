import type { AddressingStyle, EditableProfile, ProfileDraft } from '../../../../shared/models'
import { endpointForRegion, presetById, presetOf, type PresetId } from './profile-presets'

export interface KeysFields {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

export interface SsoFields {
  ssoSession: string
  startUrl: string
  ssoRegion: string
  accountId: string
  roleName: string
}

/** What the add/edit form holds; both credential kinds are kept, so switching loses nothing. */
export interface ProfileFormState {
  name: string
  region: string
  endpointUrl: string
  addressingStyle: AddressingStyle
  preset: PresetId
  kind: 'keys' | 'sso' | 'unchanged'
  keys: KeysFields
  sso: SsoFields
}

export type ProfileFormAction =
  | { type: 'set'; field: 'name' | 'endpointUrl'; value: string }
  | { type: 'region'; value: string }
  | { type: 'addressing'; value: AddressingStyle }
  | { type: 'preset'; preset: PresetId }
  | { type: 'kind'; kind: 'keys' | 'sso' }
  | { type: 'keys'; field: keyof KeysFields; value: string }
  | { type: 'sso'; field: keyof SsoFields; value: string }

const NO_KEYS: KeysFields = { accessKeyId: '', secretAccessKey: '', sessionToken: '' }
const NO_SSO: SsoFields = {
  ssoSession: '',
  startUrl: '',
  ssoRegion: '',
  accountId: '',
  roleName: ''
}

/** A new profile starts as Amazon S3 with access keys; a stored one as the files have it. */
export function initialFormState(editable: EditableProfile | null): ProfileFormState {
  if (editable === null) {
    const aws = presetById('aws')
    return {
      name: '',
      region: aws.region,
      endpointUrl: '',
      addressingStyle: aws.addressingStyle,
      preset: aws.id,
      kind: 'keys',
      keys: NO_KEYS,
      sso: NO_SSO
    }
  }
  const { draft } = editable
  const credentials = draft.credentials
  return {
    name: draft.name,
    region: draft.region,
    endpointUrl: draft.endpointUrl,
    addressingStyle: draft.addressingStyle,
    preset: presetOf(draft.endpointUrl),
    kind: credentials.kind,
    keys: credentials.kind === 'keys' ? { ...credentials } : NO_KEYS,
    sso: credentials.kind === 'sso' ? { ...credentials } : NO_SSO
  }
}

export function reduceProfileForm(
  state: ProfileFormState,
  action: ProfileFormAction
): ProfileFormState {
  switch (action.type) {
    case 'set':
      return { ...state, [action.field]: action.value }
    case 'region':
      return {
        ...state,
        region: action.value,
        endpointUrl: endpointForRegion(state.preset, state.endpointUrl, state.region, action.value)
      }
    case 'addressing':
      return { ...state, addressingStyle: action.value }
    case 'preset': {
      const preset = presetById(action.preset)
      // A region the user chose stays; the old service's default gives way to the new one's.
      const region =
        state.region === '' || state.region === presetById(state.preset).region
          ? preset.region
          : state.region
      return {
        ...state,
        preset: preset.id,
        region,
        endpointUrl: preset.id === 'custom' ? state.endpointUrl : preset.endpoint(region),
        addressingStyle: preset.addressingStyle
      }
    }
    case 'kind':
      return state.kind === 'unchanged' ? state : { ...state, kind: action.kind }
    case 'keys':
      return { ...state, keys: { ...state.keys, [action.field]: action.value } }
    case 'sso':
      return { ...state, sso: { ...state.sso, [action.field]: action.value } }
  }
}

/** The draft main receives; text fields trimmed, as a pasted key often carries a space. */
export function draftOf(state: ProfileFormState): ProfileDraft {
  const trim = <T extends object>(fields: T): T =>
    Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [
        key,
        typeof value === 'string' ? value.trim() : value
      ])
    ) as T
  return {
    name: state.name.trim(),
    region: state.region.trim(),
    endpointUrl: state.endpointUrl.trim(),
    addressingStyle: state.addressingStyle,
    credentials:
      state.kind === 'keys'
        ? { kind: 'keys', ...trim(state.keys) }
        : state.kind === 'sso'
          ? { kind: 'sso', ...trim(state.sso) }
          : { kind: 'unchanged' }
  }
}
