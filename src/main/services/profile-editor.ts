import type { AwsCredentialIdentity } from '@smithy/types'
import { AppError, isAppError } from '../../shared/errors'
import { ENVIRONMENT_PROFILE_ID } from '../../shared/ipc-contract'
import type {
  EditableProfile,
  ProfileDraft,
  ProfileSummary,
  ProfileTestResult,
  ProfilesSnapshot
} from '../../shared/models'
import { type DraftContext, draftProblems } from '../../shared/profile-draft'
import { quoteForMessage } from '../../shared/user-text'
import { type IniRole, parseAwsIni } from './aws-ini'
import { editAwsIni, type IniEdits, renameAwsIniSection } from './aws-ini-editor'
import type { CredentialSource } from './ports'
import type { ConfigFilePaths, ProfileService, ProfileSettings } from './profiles'

/** Reads and writes the shared files (`adapters/aws-config-files.ts`). */
export interface ConfigFileStore {
  /** The file's text; null when it does not exist. Throws an `AppError` when it cannot be read. */
  read(path: string): string | null
  /** Replaces the file atomically; `secret` files are kept at mode 0600 or tighter. */
  write(path: string, text: string, options: { secret: boolean }): void
}

/** Tries credentials against an endpoint: ListBuckets, or HeadBucket on `bucket`. */
export type ConnectionTester = (
  profile: ProfileSummary,
  credentials: AwsCredentialIdentity,
  bucket: string | null
) => Promise<ProfileTestResult>

export interface ProfileEditorDeps {
  paths: ConfigFilePaths
  files: ConfigFileStore
  profiles: ProfileService
  /** Resolves the stored profile's credentials when a draft keeps them (a role, a process). */
  credentials: Pick<CredentialSource, 'getCredentials'>
  /** Caches holding something of a saved profile (credentials, S3 clients, bucket regions). */
  caches: Array<Pick<CredentialSource, 'invalidate'>>
  testConnection: ConnectionTester
}

export interface ProfileEditor {
  getEditable(name: string): EditableProfile
  test(request: {
    draft: ProfileDraft
    replace?: string
    bucket?: string
  }): Promise<ProfileTestResult>
  save(request: { draft: ProfileDraft; replace?: string }): ProfilesSnapshot
}

/** Keys `aws configure` writes to the credentials file. */
const CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']
const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name']
/** What `aws configure sso` asks for when it registers the app's client. */
const DEFAULT_SSO_SCOPES = 'sso:account:access'

/**
 * Adds and edits profiles in the AWS CLI's own files, as `aws configure` and
 * `aws configure sso` would, leaving everything it does not change byte for byte.
 *
 * The files are read again right before each save, so an edit made meanwhile in another
 * editor is kept. Secrets never leave main: an edit form gets whether they exist, and an
 * empty secret field keeps the stored one (only for the same access key id).
 */
export function createProfileEditor(deps: ProfileEditorDeps): ProfileEditor {
  const { paths, files, profiles } = deps

  function storedSettings(name: string): ProfileSettings {
    const settings = name === ENVIRONMENT_PROFILE_ID ? null : profiles.settingsOf(name)
    if (settings === null) {
      throw new AppError(
        'profile-not-found',
        name === ENVIRONMENT_PROFILE_ID
          ? 'Credentials in environment variables are set outside the AWS files and cannot be edited here.'
          : `Profile ${quoteForMessage(name)} is not in your AWS config files any more.`
      )
    }
    return settings
  }

  function context(replace: string | undefined): DraftContext {
    const stored = replace === undefined ? null : storedSettings(replace)
    return {
      existingNames: profiles
        .snapshot()
        .profiles.filter((profile) => profile.id !== ENVIRONMENT_PROFILE_ID)
        .map((profile) => profile.name),
      editing:
        stored === null
          ? null
          : {
              name: stored.name,
              hasAccessKeyId: Boolean(stored.values.get('aws_access_key_id')),
              hasSecretAccessKey: Boolean(stored.values.get('aws_secret_access_key')),
              accessKeyId: stored.values.get('aws_access_key_id') ?? null
            }
    }
  }

  function assertValid(draft: ProfileDraft, replace: string | undefined): ProfileSettings | null {
    const problems = Object.values(draftProblems(draft, context(replace)))
    if (problems.length > 0) throw new AppError('invalid-argument', problems.join(' '))
    return replace === undefined ? null : storedSettings(replace)
  }

  return {
    getEditable(name) {
      const settings = storedSettings(name)
      const summary = profiles.getProfile(name)
      const get = (key: string): string => settings.values.get(key) ?? ''
      const style = get('s3.addressing_style')
      const draft: ProfileDraft = {
        name,
        region: get('region'),
        endpointUrl: get('endpoint_url'),
        addressingStyle: style === 'path' || style === 'virtual' ? style : 'auto',
        credentials: { kind: 'unchanged' }
      }
      if (['static', 'session', 'unknown'].includes(summary.kind)) {
        draft.credentials = { kind: 'keys', accessKeyId: '', secretAccessKey: '', sessionToken: '' }
      } else if (summary.kind === 'sso') {
        const session = settings.ssoSession?.values
        draft.credentials = {
          kind: 'sso',
          ssoSession: get('sso_session'),
          startUrl: session?.get('sso_start_url') ?? get('sso_start_url'),
          ssoRegion: session?.get('sso_region') ?? get('sso_region'),
          accountId: get('sso_account_id'),
          roleName: get('sso_role_name')
        }
      }
      const keyId = get('aws_access_key_id')
      return {
        draft,
        kind: summary.kind,
        accessKeyIdHint: keyId === '' ? null : `…${keyId.slice(-4)}`,
        hasSecretAccessKey: get('aws_secret_access_key') !== '',
        hasSessionToken: get('aws_session_token') !== ''
      }
    },

    async test({ draft, replace, bucket }) {
      const problems = draftProblems(draft, { ...context(replace), existingNames: [] })
      const first = Object.values(problems)[0]
      if (first !== undefined)
        return { outcome: 'failed', check: null, code: 'invalid-argument', message: first }
      const credentials = draft.credentials
      if (credentials.kind === 'sso') {
        return {
          outcome: 'skipped',
          check: null,
          code: null,
          message:
            'An SSO profile is checked once you are signed in: save it, then choose Sign in in ' +
            'the profile list.'
        }
      }
      const stored = replace === undefined ? null : storedSettings(replace)
      let identity: AwsCredentialIdentity
      if (credentials.kind === 'keys') {
        const kept = keptSecrets(credentials.accessKeyId, stored)
        const sessionToken = credentials.sessionToken || kept.sessionToken
        identity = {
          accessKeyId: credentials.accessKeyId || kept.accessKeyId || '',
          secretAccessKey: credentials.secretAccessKey || kept.secretAccessKey || '',
          ...(sessionToken ? { sessionToken } : {})
        }
      } else {
        if (stored === null) {
          return {
            outcome: 'failed',
            check: null,
            code: 'invalid-argument',
            message: 'Choose how the profile gets its credentials: access keys or SSO.'
          }
        }
        try {
          identity = await deps.credentials.getCredentials(stored.name)
        } catch (error) {
          const message = isAppError(error) ? error.message : 'Could not get its credentials.'
          return {
            outcome: 'failed',
            check: null,
            code: isAppError(error) ? error.code : 'internal',
            message
          }
        }
      }
      const summary: ProfileSummary = {
        id: draft.name || 'new profile',
        name: draft.name || 'new profile',
        kind: identity.sessionToken ? 'session' : 'static',
        sources: [],
        region: draft.region || null,
        endpointUrl: draft.endpointUrl || null,
        addressingStyle: draft.addressingStyle,
        detail: null
      }
      return deps.testConnection(summary, identity, bucket?.trim() || null)
    },

    save({ draft, replace }) {
      const stored = assertValid(draft, replace)
      const originalName = stored?.name ?? null
      const name = draft.name
      let config = files.read(paths.configFile) ?? ''
      let credentials = files.read(paths.credentialsFile) ?? ''
      const before = { config, credentials }

      if (originalName !== null && originalName !== name) {
        const from = { kind: 'profile' as const, name: originalName }
        const to = { kind: 'profile' as const, name }
        config = renameAwsIniSection(config, 'config', from, to)
        credentials = renameAwsIniSection(credentials, 'credentials', from, to)
      }

      const placed = placeEdits(editsFor(draft, stored), {
        config: keysOf(config, 'config', name),
        credentials: keysOf(credentials, 'credentials', name)
      })
      const target = { kind: 'profile' as const, name }
      config = editAwsIni(config, 'config', target, placed.config)
      credentials = editAwsIni(credentials, 'credentials', target, placed.credentials, {
        dropEmpty: true
      })
      if (draft.credentials.kind === 'sso' && draft.credentials.ssoSession !== '') {
        config = withSsoSession(config, draft.credentials)
      }

      // Secrets first: a profile that shows up in the config is then usable at once.
      if (credentials !== before.credentials) {
        files.write(paths.credentialsFile, credentials, { secret: true })
      }
      if (config !== before.config) files.write(paths.configFile, config, { secret: false })

      for (const cache of deps.caches) {
        cache.invalidate(name)
        if (originalName !== null && originalName !== name) cache.invalidate(originalName)
      }
      return profiles.reload()
    }
  }
}

/**
 * The keys stored for a profile, kept while its access key id stays: left empty (as the edit
 * form starts) or typed again the same.
 */
function keptSecrets(
  accessKeyId: string,
  stored: ProfileSettings | null
): { accessKeyId: string | null; secretAccessKey: string | null; sessionToken: string | null } {
  const storedId = stored?.values.get('aws_access_key_id') || null
  if (stored === null || storedId === null || (accessKeyId !== '' && accessKeyId !== storedId)) {
    return { accessKeyId: null, secretAccessKey: null, sessionToken: null }
  }
  return {
    accessKeyId: storedId,
    secretAccessKey: stored.values.get('aws_secret_access_key') || null,
    sessionToken: stored.values.get('aws_session_token') || null
  }
}

/** Every key the form owns, with its new value or null (removed), in the order to write. */
function editsFor(draft: ProfileDraft, stored: ProfileSettings | null): IniEdits {
  const edits: Array<[string, string | null]> = []
  const credentials = draft.credentials
  if (credentials.kind === 'keys') {
    const kept = keptSecrets(credentials.accessKeyId, stored)
    const keyId = credentials.accessKeyId || kept.accessKeyId
    const secret = credentials.secretAccessKey || kept.secretAccessKey
    if (!keyId) throw new AppError('invalid-argument', 'Enter the access key id.')
    if (!secret) throw new AppError('invalid-argument', 'Enter the secret access key.')
    edits.push(
      ['aws_access_key_id', keyId],
      ['aws_secret_access_key', secret],
      ['aws_session_token', credentials.sessionToken || kept.sessionToken]
    )
    for (const key of SSO_KEYS) edits.push([key, null])
  } else if (credentials.kind === 'sso') {
    for (const key of CREDENTIAL_KEYS) edits.push([key, null])
    const legacy = credentials.ssoSession === ''
    // The sso-session form keeps the URL and region in its own section; the SDK refuses a
    // profile whose own copies disagree with it.
    edits.push(
      ['sso_session', legacy ? null : credentials.ssoSession],
      ['sso_start_url', legacy ? credentials.startUrl : null],
      ['sso_region', legacy ? credentials.ssoRegion : null],
      ['sso_account_id', credentials.accountId],
      ['sso_role_name', credentials.roleName]
    )
  }
  edits.push(
    ['region', draft.region || null],
    ['endpoint_url', draft.endpointUrl || null],
    ['s3.addressing_style', draft.addressingStyle === 'auto' ? null : draft.addressingStyle]
  )
  return edits
}

/**
 * Which file each edit goes to: a key is changed where it already is (in both files if it is
 * in both: the credentials file would otherwise override the new value), and a new key goes
 * where `aws configure` puts it. A removed key is removed from both.
 */
function placeEdits(
  edits: IniEdits,
  present: Record<IniRole, Set<string>>
): Record<IniRole, IniEdits> {
  const placed: Record<IniRole, Array<[string, string | null]>> = { config: [], credentials: [] }
  for (const [key, value] of edits) {
    if (value === null) {
      placed.config.push([key, null])
      placed.credentials.push([key, null])
      continue
    }
    const roles = (['config', 'credentials'] as const).filter((role) => present[role].has(key))
    const fallback: IniRole = CREDENTIAL_KEYS.includes(key) ? 'credentials' : 'config'
    for (const role of roles.length > 0 ? roles : [fallback]) placed[role].push([key, value])
  }
  return placed
}

function keysOf(text: string, role: IniRole, name: string): Set<string> {
  const keys = new Set<string>()
  for (const section of parseAwsIni(text, role).sections) {
    if (section.kind !== 'profile' || section.name !== name) continue
    for (const key of section.values.keys()) keys.add(key)
  }
  return keys
}

function withSsoSession(
  config: string,
  sso: Extract<ProfileDraft['credentials'], { kind: 'sso' }>
): string {
  const session = parseAwsIni(config, 'config').sections.find(
    (section) => section.kind === 'sso-session' && section.name === sso.ssoSession
  )
  const edits: Array<[string, string]> = [
    ['sso_start_url', sso.startUrl],
    ['sso_region', sso.ssoRegion]
  ]
  if (!session?.values.has('sso_registration_scopes')) {
    edits.push(['sso_registration_scopes', DEFAULT_SSO_SCOPES])
  }
  return editAwsIni(config, 'config', { kind: 'sso-session', name: sso.ssoSession }, edits)
}
