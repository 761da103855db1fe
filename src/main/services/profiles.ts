import { AppError } from '../../shared/errors'
import { ENVIRONMENT_PROFILE_ID } from '../../shared/ipc-contract'
import type {
  AddressingStyle,
  ConfigFileStatus,
  ProfileKind,
  ProfileSummary,
  ProfilesSnapshot
} from '../../shared/models'
import { cleanForMessage, quoteForMessage } from '../../shared/user-text'
import { type IniFile, type IniRole, type IniSection, type IniValue, parseAwsIni } from './aws-ini'
import type { CredentialSource, ProfileDirectory } from './ports'

/** Where the shared files live: `AWS_CONFIG_FILE`/`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws`. */
export interface ConfigFilePaths {
  configFile: string
  credentialsFile: string
}

/** One shared file as read from disk; reading never throws. */
export interface ConfigFileContent {
  path: string
  role: IniRole
  exists: boolean
  /** The file's text; null when it does not exist or cannot be read. */
  text: string | null
  /** Why an existing path could not be read (a folder, no permission), for the user. */
  readError: string | null
}

export type Env = Readonly<Record<string, string | undefined>>

export interface ProfileServiceDeps {
  readConfigFiles: () => ConfigFileContent[]
  /** The process environment: `AWS_PROFILE`, credentials and region/endpoint variables. */
  env: Env
}

/**
 * Everything a profile sets, as main needs it to resolve credentials the SDK cannot.
 *
 * Holds secrets: it never crosses IPC.
 */
export interface ProfileSettings {
  name: string
  /** Both files merged, the credentials file winning; nested keys as `s3.addressing_style`. */
  values: ReadonlyMap<string, string>
  /** False when the AWS SDK's loader cannot find the profile by its name (see `aws-ini.ts`). */
  sdkReadable: boolean
  /** The `[sso-session]` section the profile names, if there is one. */
  ssoSession: { name: string; values: ReadonlyMap<string, string> } | null
}

/** Looks up what a profile sets; null when the files do not define it. */
export interface ProfileSettingsSource {
  settingsOf(profileName: string): ProfileSettings | null
}

export interface ProfileService extends ProfileDirectory, ProfileSettingsSource {
  /** The last snapshot read (reads the files the first time). */
  snapshot(): ProfilesSnapshot
  /** Reads the files again. */
  reload(): ProfilesSnapshot
}

export function createProfileService({ readConfigFiles, env }: ProfileServiceDeps): ProfileService {
  let current: ReadProfiles | null = null

  function reload(): ProfilesSnapshot {
    current = readProfiles(readConfigFiles(), env)
    return current.snapshot
  }

  function snapshot(): ProfilesSnapshot {
    return current?.snapshot ?? reload()
  }

  return {
    snapshot,
    reload,
    settingsOf(profileName) {
      if (current === null) reload()
      return current?.settings.get(profileName) ?? null
    },
    getProfile(profileId) {
      const found = snapshot().profiles.find((profile) => profile.id === profileId)
      if (!found) {
        throw new AppError(
          'profile-not-found',
          profileId === ENVIRONMENT_PROFILE_ID
            ? 'The AWS credentials in environment variables are gone. Pick a profile instead.'
            : `Profile ${quoteForMessage(profileId)} is not in your AWS config files. Pick another profile, ` +
                `or add it with \`aws configure --profile ${cleanForMessage(profileId)}\`.`
        )
      }
      return found
    }
  }
}

export interface KeepFreshDeps {
  /** Starts watching the files; returns a function that stops watching (see `watchConfigFiles`). */
  watch: (onFilesChanged: () => void) => () => void
  profiles: ProfileService
  /** Caches that hold something derived from the files (credentials, S3 clients). */
  caches: Array<Pick<CredentialSource, 'invalidate'>>
  onChange: (snapshot: ProfilesSnapshot) => void
}

/**
 * Re-reads the profiles whenever the files change.
 *
 * Caches are dropped first, because a changed key or role must not keep serving the old
 * credentials; then the new snapshot goes to `onChange` (the 'profiles:changed' event).
 */
export function keepProfilesFresh({
  watch,
  profiles,
  caches,
  onChange
}: KeepFreshDeps): () => void {
  return watch(() => {
    const next = profiles.reload()
    for (const cache of caches) cache.invalidate()
    onChange(next)
  })
}

interface MergedProfile {
  name: string
  sources: string[]
  values: Map<string, IniValue & { role: IniRole }>
  sdkReadable: boolean
}

interface ReadProfiles {
  snapshot: ProfilesSnapshot
  settings: Map<string, ProfileSettings>
}

export function buildSnapshot(files: ConfigFileContent[], env: Env): ProfilesSnapshot {
  return readProfiles(files, env).snapshot
}

function readProfiles(files: ConfigFileContent[], env: Env): ReadProfiles {
  const statuses = new Map<IniRole, ConfigFileStatus>()
  const parsed = new Map<IniRole, { path: string; ini: IniFile }>()
  for (const file of files) {
    const problems: string[] = []
    if (file.readError) problems.push(file.readError)
    if (file.text !== null) {
      const ini = parseAwsIni(file.text, file.role)
      problems.push(...ini.problems)
      parsed.set(file.role, { path: file.path, ini })
    }
    statuses.set(file.role, { path: file.path, role: file.role, exists: file.exists, problems })
  }

  const configSections = parsed.get('config')?.ini.sections ?? []
  const ssoSessions = sectionsOf(configSections, 'sso-session')
  const services = sectionsOf(configSections, 'services')

  // Config file order first, then profiles only in the credentials file; the credentials
  // file's values win, as in the SDK's `parseKnownFiles`.
  const merged = new Map<string, MergedProfile>()
  for (const role of ['config', 'credentials'] as const) {
    const source = parsed.get(role)
    if (!source) continue
    for (const section of source.ini.sections) {
      if (section.kind !== 'profile') continue
      const entry: MergedProfile = merged.get(section.name) ?? {
        name: section.name,
        sources: [],
        values: new Map(),
        sdkReadable: true
      }
      entry.sources.push(source.path)
      entry.sdkReadable &&= section.sdkReadable
      for (const [key, value] of section.values) entry.values.set(key, { ...value, role })
      merged.set(section.name, entry)
    }
  }

  const report = (role: IniRole, problem: string): void => {
    statuses.get(role)?.problems.push(problem)
  }

  const profiles: ProfileSummary[] = []
  const envProfile = environmentProfile(env)
  if (envProfile) profiles.push(envProfile)
  for (const entry of merged.values()) {
    profiles.push(summarize(entry, ssoSessions, services, env, report))
  }

  const wanted = nonEmpty(env['AWS_PROFILE'])
  if (wanted && !merged.has(wanted)) {
    report(
      'config',
      `AWS_PROFILE is set to ${quoteForMessage(wanted)}, but neither the config nor the credentials file ` +
        'defines it.'
    )
  }
  const selectedProfileId = [wanted, 'default', envProfile?.id].find(
    (id) => id !== undefined && profiles.some((profile) => profile.id === id)
  )

  const settings = new Map<string, ProfileSettings>()
  for (const entry of merged.values()) {
    const values = new Map([...entry.values].map(([key, value]) => [key, value.value]))
    const sessionName = nonEmpty(values.get('sso_session'))
    const session = sessionName === undefined ? undefined : ssoSessions.get(sessionName)
    settings.set(entry.name, {
      name: entry.name,
      values,
      sdkReadable: entry.sdkReadable,
      ssoSession:
        session === undefined
          ? null
          : {
              name: session.name,
              values: new Map([...session.values].map(([key, value]) => [key, value.value]))
            }
    })
  }

  return {
    snapshot: {
      profiles,
      selectedProfileId: selectedProfileId ?? null,
      files: (['config', 'credentials'] as const).flatMap((role) => statuses.get(role) ?? [])
    },
    settings
  }
}

function summarize(
  entry: MergedProfile,
  ssoSessions: Map<string, IniSection>,
  services: Map<string, IniSection>,
  env: Env,
  report: (role: IniRole, problem: string) => void
): ProfileSummary {
  const get = (key: string): string | null => nonEmpty(entry.values.get(key)?.value) ?? null

  const ssoSessionName = get('sso_session')
  const ssoSession = ssoSessionName ? ssoSessions.get(ssoSessionName) : undefined
  if (ssoSessionName && !ssoSession) {
    const at = entry.values.get('sso_session')
    if (at) {
      report(
        at.role,
        `Line ${at.line}: profile \`${entry.name}\` uses sso-session \`${ssoSessionName}\`, ` +
          `but there is no \`[sso-session ${ssoSessionName}]\` section.`
      )
    }
  }

  const servicesName = get('services')
  const servicesSection = servicesName ? services.get(servicesName) : undefined
  if (servicesName && !servicesSection) {
    const at = entry.values.get('services')
    if (at) {
      report(
        at.role,
        `Line ${at.line}: profile \`${entry.name}\` uses services \`${servicesName}\`, ` +
          `but there is no \`[services ${servicesName}]\` section.`
      )
    }
  }

  const kind = kindOf(get)
  return {
    id: entry.name,
    name: entry.name,
    kind,
    sources: entry.sources,
    region: get('region'),
    endpointUrl: endpointOf(get, servicesSection, env),
    addressingStyle: addressingStyleOf(entry, report),
    detail: detailOf(kind, get, ssoSessionName, ssoSession)
  }
}

/** The same order of checks as the SDK's `fromIni`, so the kind shown is the one used. */
function kindOf(get: (key: string) => string | null): ProfileKind {
  const roleArn = get('role_arn')
  const sourceProfile = get('source_profile')
  const credentialSource = get('credential_source')
  if (roleArn && (sourceProfile === null) !== (credentialSource === null)) return 'assume-role'
  if (get('aws_access_key_id') && get('aws_secret_access_key')) {
    return get('aws_session_token') ? 'session' : 'static'
  }
  if (roleArn && get('web_identity_token_file')) return 'web-identity'
  if (get('credential_process')) return 'process'
  const ssoKeys = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name']
  if (ssoKeys.some((key) => get(key) !== null)) return 'sso'
  return 'unknown'
}

/**
 * The s3 endpoint with the AWS CLI's precedence: `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`, the
 * `[services]` section's s3 `endpoint_url`, the profile's `endpoint_url`; none of them when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` or `ignore_configured_endpoint_urls` is true.
 */
function endpointOf(
  get: (key: string) => string | null,
  servicesSection: IniSection | undefined,
  env: Env
): string | null {
  const ignore =
    nonEmpty(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']) ?? get('ignore_configured_endpoint_urls')
  if (ignore?.toLowerCase() === 'true') return null
  const endpoint =
    environmentEndpoint(env) ??
    nonEmpty(servicesSection?.values.get('s3.endpoint_url')?.value) ??
    get('endpoint_url')
  return endpoint === null ? null : withoutUserinfo(endpoint)
}

function environmentEndpoint(env: Env): string | null {
  return nonEmpty(env['AWS_ENDPOINT_URL_S3']) ?? nonEmpty(env['AWS_ENDPOINT_URL']) ?? null
}

/** S3 signs requests itself, so `user:password@` in an endpoint is never needed and never shown. */
function withoutUserinfo(endpoint: string): string {
  try {
    const url = new URL(endpoint)
    if (url.username === '' && url.password === '') return endpoint
    url.username = ''
    url.password = ''
    return url.href
  } catch {
    return endpoint
  }
}

const addressingStyles: readonly string[] = ['auto', 'path', 'virtual'] satisfies AddressingStyle[]

function addressingStyleOf(
  entry: MergedProfile,
  report: (role: IniRole, problem: string) => void
): AddressingStyle {
  const setting = entry.values.get('s3.addressing_style')
  if (!setting) return 'auto'
  if (addressingStyles.includes(setting.value)) return setting.value as AddressingStyle
  report(
    setting.role,
    `Line ${setting.line}: \`addressing_style\` of profile \`${entry.name}\` must be auto, path ` +
      'or virtual; using auto.'
  )
  return 'auto'
}

function detailOf(
  kind: ProfileKind,
  get: (key: string) => string | null,
  ssoSessionName: string | null,
  ssoSession: IniSection | undefined
): string | null {
  switch (kind) {
    case 'static':
    case 'session':
      return describeAccessKey(get('aws_access_key_id'), kind === 'session')
    case 'assume-role': {
      const source = get('source_profile')
      const via = source ? `profile ${source}` : `${get('credential_source') ?? ''}`
      return `${get('role_arn') ?? ''} via ${via}`
    }
    case 'web-identity':
      return `${get('role_arn') ?? ''} with the token in ${get('web_identity_token_file') ?? ''}`
    case 'process':
      return describeCommand(get('credential_process'))
    case 'sso': {
      const startUrl =
        nonEmpty(ssoSession?.values.get('sso_start_url')?.value) ?? get('sso_start_url')
      const account = [get('sso_account_id'), get('sso_role_name')].filter(Boolean).join(' / ')
      const parts = [
        ssoSessionName ? `SSO session ${ssoSessionName}` : 'SSO',
        startUrl,
        account || null
      ]
      return parts.filter(Boolean).join(' · ')
    }
    case 'environment':
    case 'unknown':
      return get('login_session') ? 'Console sign-in session (aws login)' : null
  }
}

function environmentProfile(env: Env): ProfileSummary | null {
  const accessKeyId = nonEmpty(env['AWS_ACCESS_KEY_ID'])
  if (!accessKeyId || !nonEmpty(env['AWS_SECRET_ACCESS_KEY'])) return null
  const temporary = nonEmpty(env['AWS_SESSION_TOKEN']) !== undefined
  return {
    id: ENVIRONMENT_PROFILE_ID,
    name: 'Environment variables',
    kind: 'environment',
    sources: [],
    region: nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']) ?? null,
    endpointUrl: endpointOf(() => null, undefined, env),
    addressingStyle: 'auto',
    detail: `${describeAccessKey(accessKeyId, temporary)} from environment variables`
  }
}

/**
 * Names only the program a `credential_process` runs: its arguments can carry secrets
 * (`--secret ...`, tokens), and this text is shown in the window.
 */
function describeCommand(command: string | null): string | null {
  const program = command?.trim().match(/^"([^"]+)"|^'([^']+)'|^(\S+)/)
  const path = program?.[1] ?? program?.[2] ?? program?.[3]
  if (!path) return null
  return `Runs ${path.split(/[\\/]/).pop()}`
}

// Only the last four characters: enough to tell keys apart, as the IAM console does.
function describeAccessKey(accessKeyId: string | null, temporary: boolean): string {
  const tail = accessKeyId ? `…${accessKeyId.slice(-4)}` : ''
  return `${temporary ? 'Temporary access key' : 'Access key'} ${tail}`.trim()
}

function sectionsOf(sections: IniSection[], kind: IniSection['kind']): Map<string, IniSection> {
  return new Map(
    sections.filter((section) => section.kind === kind).map((section) => [section.name, section])
  )
}

function nonEmpty(value: string | undefined | null): string | undefined {
  return value !== undefined && value !== null && value !== '' ? value : undefined
}
