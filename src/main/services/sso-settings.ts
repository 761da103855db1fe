import { type IniSection, parseAwsIni } from './aws-ini'
import type { ConfigFileContent } from './profiles'

/** What the device sign-in and the token cache need to know of a profile's SSO session. */
export interface SsoSettings {
  /** The profile these come from: the one asked about, or the source profile it assumes a role with. */
  profileName: string
  /** The `[sso-session]` name; null for the legacy form (`sso_start_url` in the profile). */
  sessionName: string | null
  startUrl: string
  /** Where IAM Identity Center runs (`sso_region`). */
  region: string
  /**
   * `sso_registration_scopes` as the AWS CLI parses it (comma-separated, trimmed, empties
   * dropped); null when the key is absent, which is not the same as empty to the CLI's cache key.
   */
  registrationScopes: string[] | null
}

/** Where a profile's credentials come from, as far as signing in and MFA are concerned. */
export type CredentialChainEnd =
  | { kind: 'sso'; settings: SsoSettings }
  | { kind: 'sso-incomplete'; profileName: string; missing: string[] }
  | { kind: 'missing-source'; profileName: string; sourceProfile: string }
  | { kind: 'other' }

/** The most `source_profile` links followed; the SDK reports cycles itself. */
const MAX_CHAIN = 16

/**
 * Follows `source_profile` from `profileName` to the profile that holds the first credentials,
 * in the order the SDK's `fromIni` checks: a role first, then static keys (which end a chain),
 * web identity, credential_process, then SSO.
 */
export function credentialChainEnd(
  files: ConfigFileContent[],
  profileName: string
): CredentialChainEnd {
  const { profiles, ssoSessions } = readSections(files)
  let name = profileName
  let from: string | null = null
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const values = profiles.get(name)
    if (!values) {
      return from === null
        ? { kind: 'other' }
        : { kind: 'missing-source', profileName: from, sourceProfile: name }
    }
    const get = (key: string): string | null => nonEmpty(values.get(key))
    const hasKeys = get('aws_access_key_id') !== null && get('aws_secret_access_key') !== null
    if (depth > 0 && hasKeys) return { kind: 'other' }
    const roleArn = get('role_arn')
    const source = get('source_profile')
    const credentialSource = get('credential_source')
    if (roleArn && (source === null) !== (credentialSource === null)) {
      if (source === null) return { kind: 'other' }
      from = name
      name = source
      continue
    }
    if (hasKeys || (roleArn && get('web_identity_token_file')) || get('credential_process')) {
      return { kind: 'other' }
    }
    return ssoEnd(name, get, ssoSessions)
  }
  return { kind: 'other' }
}

/** The names of every profile in the files, config order first. */
export function profileNames(files: ConfigFileContent[]): string[] {
  return [...readSections(files).profiles.keys()]
}

function ssoEnd(
  profileName: string,
  get: (key: string) => string | null,
  ssoSessions: Map<string, IniSection>
): CredentialChainEnd {
  const sessionName = get('sso_session')
  if (sessionName !== null) {
    const session = ssoSessions.get(sessionName)
    if (!session) {
      return { kind: 'sso-incomplete', profileName, missing: [`[sso-session ${sessionName}]`] }
    }
    const fromSession = (key: string): string | null => nonEmpty(session.values.get(key)?.value)
    const scopes = session.values.get('sso_registration_scopes')
    return settingsOrMissing(profileName, sessionName, {
      startUrl: fromSession('sso_start_url'),
      region: fromSession('sso_region'),
      registrationScopes: scopes === undefined ? null : parseScopes(scopes.value)
    })
  }
  const ssoKeys = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name']
  if (!ssoKeys.some((key) => get(key) !== null)) return { kind: 'other' }
  return settingsOrMissing(profileName, null, {
    startUrl: get('sso_start_url'),
    region: get('sso_region'),
    registrationScopes: null
  })
}

function settingsOrMissing(
  profileName: string,
  sessionName: string | null,
  found: { startUrl: string | null; region: string | null; registrationScopes: string[] | null }
): CredentialChainEnd {
  const { startUrl, region, registrationScopes } = found
  if (startUrl === null || region === null) {
    const missing = [
      ...(startUrl === null ? ['sso_start_url'] : []),
      ...(region === null ? ['sso_region'] : [])
    ]
    return { kind: 'sso-incomplete', profileName, missing }
  }
  return {
    kind: 'sso',
    settings: { profileName, sessionName, startUrl, region, registrationScopes }
  }
}

/** The AWS CLI's `parse_sso_registration_scopes`. */
function parseScopes(raw: string): string[] {
  return raw
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '')
}

interface Sections {
  /** Profile name -> key -> value, the credentials file's values winning as in the SDK. */
  profiles: Map<string, Map<string, string>>
  ssoSessions: Map<string, IniSection>
}

function readSections(files: ConfigFileContent[]): Sections {
  const profiles = new Map<string, Map<string, string>>()
  const ssoSessions = new Map<string, IniSection>()
  for (const role of ['config', 'credentials'] as const) {
    for (const file of files) {
      if (file.role !== role || file.text === null) continue
      for (const section of parseAwsIni(file.text, role).sections) {
        if (section.kind === 'sso-session' && role === 'config') {
          ssoSessions.set(section.name, section)
        }
        if (section.kind !== 'profile') continue
        const values = profiles.get(section.name) ?? new Map<string, string>()
        for (const [key, value] of section.values) values.set(key, value.value)
        profiles.set(section.name, values)
      }
    }
  }
  return { profiles, ssoSessions }
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value
}
