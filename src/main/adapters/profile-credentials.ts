import {
  fromContainerMetadata,
  fromEnv,
  fromInstanceMetadata,
  fromSSO,
  fromTemporaryCredentials,
  fromTokenFile
} from '@aws-sdk/credential-providers'
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import { AppError } from '../../shared/errors'
import type { ProfileSummary } from '../../shared/models'
import { quoteForMessage } from '../../shared/user-text'
import type { ProfileSettings } from '../services/profiles'
import { type CredentialProcessOptions, runCredentialProcess } from './credential-process'

/** What resolving a chain of profiles the SDK cannot find by name needs besides the files. */
export interface OwnChainDeps {
  /** Looks up the settings of a `source_profile` on the way. */
  settingsOf: (profileName: string) => ProfileSettings | null
  /** The SDK's `mfaCodeProvider`, as `fromIni` gets it on the ASCII path. */
  mfaCodeProvider: (mfaSerial: string) => Promise<string>
  /** STS and SSO go here instead of AWS (tests' stand-ins), as on the ASCII path. */
  awsEndpoint?: string
}

/** The most `source_profile` links followed, as in `sso-settings.ts`. */
const MAX_CHAIN = 16

/**
 * The credentials the app resolves itself, from its own reading of the files, instead of the
 * SDK's `fromIni`; null when the SDK should do it.
 *
 * - Every `credential_process` profile: the SDK runs the command without a time limit and
 *   repeats its stderr as is (see `credential-process.ts`).
 * - Every profile whose name the SDK's parser refuses (`[profile café]`), which the AWS CLI
 *   reads: keys come from our parse; roles, SSO and web identity go to the SDK's providers
 *   that take their settings as parameters, with the chain followed in our parse, so a chain
 *   may mix names the SDK reads and names it does not.
 */
export function ownProviderFor(
  profile: ProfileSummary,
  settings: ProfileSettings | null,
  processOptions: CredentialProcessOptions,
  chain: OwnChainDeps
): AwsCredentialIdentityProvider | null {
  if (settings === null) return null
  const get = (key: string): string | null => {
    const value = settings.values.get(key)
    return value === undefined || value === '' ? null : value
  }
  const command = get('credential_process')
  if (profile.kind === 'process' && command !== null) {
    return () => runCredentialProcess(profile.name, command, processOptions)
  }
  if (settings.sdkReadable) return null
  const accessKeyId = get('aws_access_key_id')
  const secretAccessKey = get('aws_secret_access_key')
  if ((profile.kind === 'static' || profile.kind === 'session') && accessKeyId && secretAccessKey) {
    const sessionToken = get('aws_session_token')
    return async () => ({
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === null ? {} : { sessionToken })
    })
  }
  return chainProvider(profile.name, settings, processOptions, chain, [])
}

/**
 * The provider of one profile of a chain, in the order the SDK's `fromIni` checks: static keys
 * end a chain below the top, then a role, keys, web identity, credential_process and SSO.
 */
function chainProvider(
  name: string,
  settings: ProfileSettings,
  processOptions: CredentialProcessOptions,
  chain: OwnChainDeps,
  visited: string[]
): AwsCredentialIdentityProvider {
  const get = (key: string): string | null => {
    const value = settings.values.get(key)
    return value === undefined || value === '' ? null : value
  }
  const fail = (message: string): AwsCredentialIdentityProvider => {
    return () => Promise.reject(new AppError('credentials-missing', message))
  }
  const quoted = quoteForMessage(name)
  if (visited.includes(name) || visited.length >= MAX_CHAIN) {
    return fail(
      `Profile ${quoteForMessage(visited[0] ?? name)} has a source_profile loop through ` +
        `${quoted}. Fix source_profile in your AWS config, then try again.`
    )
  }
  const clientConfig = {
    region: get('region') ?? 'us-east-1',
    ...(chain.awsEndpoint ? { endpoint: chain.awsEndpoint } : {})
  }
  const accessKeyId = get('aws_access_key_id')
  const secretAccessKey = get('aws_secret_access_key')
  const keys: AwsCredentialIdentityProvider | null =
    accessKeyId && secretAccessKey
      ? async () => {
          const sessionToken = get('aws_session_token')
          return {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken === null ? {} : { sessionToken })
          }
        }
      : null
  if (visited.length > 0 && keys !== null) return keys

  const roleArn = get('role_arn')
  const sourceProfile = get('source_profile')
  const credentialSource = get('credential_source')
  const webIdentityTokenFile = get('web_identity_token_file')
  if (roleArn && (sourceProfile !== null || credentialSource !== null)) {
    let masterCredentials: AwsCredentialIdentityProvider
    if (sourceProfile !== null) {
      const source = chain.settingsOf(sourceProfile)
      masterCredentials =
        source === null
          ? fail(
              `source_profile \`${sourceProfile}\` not found: profile ${quoted} takes its ` +
                'credentials from it, and neither the config nor the credentials file defines it.'
            )
          : chainProvider(sourceProfile, source, processOptions, chain, [...visited, name])
    } else if (credentialSource === 'Environment') {
      masterCredentials = fromEnv()
    } else if (credentialSource === 'Ec2InstanceMetadata') {
      masterCredentials = fromInstanceMetadata()
    } else if (credentialSource === 'EcsContainer') {
      masterCredentials = fromContainerMetadata()
    } else {
      return fail(
        `Profile ${quoted} has credential_source = ${credentialSource ?? ''}, which is not one ` +
          'of Environment, Ec2InstanceMetadata or EcsContainer. Fix it, then try again.'
      )
    }
    const duration = get('duration_seconds')
    const externalId = get('external_id')
    const sessionName = get('role_session_name')
    const mfaSerial = get('mfa_serial')
    return fromTemporaryCredentials({
      params: {
        RoleArn: roleArn,
        ...(sessionName === null ? {} : { RoleSessionName: sessionName }),
        ...(externalId === null ? {} : { ExternalId: externalId }),
        ...(duration === null ? {} : { DurationSeconds: Number.parseInt(duration, 10) }),
        ...(mfaSerial === null ? {} : { SerialNumber: mfaSerial })
      },
      masterCredentials,
      mfaCodeProvider: chain.mfaCodeProvider,
      clientConfig
    })
  }
  if (keys !== null) return keys
  if (roleArn && webIdentityTokenFile) {
    const sessionName = get('role_session_name')
    return fromTokenFile({
      webIdentityTokenFile,
      roleArn,
      ...(sessionName === null ? {} : { roleSessionName: sessionName }),
      clientConfig
    })
  }
  const command = get('credential_process')
  if (command !== null) return () => runCredentialProcess(name, command, processOptions)

  const session = settings.ssoSession
  const fromSession = (key: string): string | null => {
    const value = session?.values.get(key)
    return value === undefined || value === '' ? null : value
  }
  const sessionName = get('sso_session')
  const startUrl = sessionName === null ? get('sso_start_url') : fromSession('sso_start_url')
  const ssoRegion = sessionName === null ? get('sso_region') : fromSession('sso_region')
  const ssoAccountId = get('sso_account_id')
  const ssoRoleName = get('sso_role_name')
  if (startUrl !== null || sessionName !== null || ssoAccountId !== null) {
    if (!startUrl || !ssoRegion || !ssoAccountId || !ssoRoleName) {
      return fail(
        `Profile ${quoted} has an incomplete SSO setup. Run ` +
          `\`aws configure sso --profile ${name}\`, then try again.`
      )
    }
    return fromSSO({
      // With `ssoSession`, fromSSO looks the profile up by name in the SDK's own parse, which
      // has not got it. Without it, the token is read from the cache file named after this
      // key, which for a session is the session's name (the AWS CLI's cache key, and the one
      // the SDK's own session token provider reads); the app renews that token beforehand.
      ssoStartUrl: sessionName ?? startUrl,
      ssoAccountId,
      ssoRegion,
      ssoRoleName,
      ...(chain.awsEndpoint ? { clientConfig: { endpoint: chain.awsEndpoint } } : {})
    })
  }
  return fail(
    `Profile ${quoted} has no credentials. Run \`aws configure --profile ${name}\` ` +
      'to add an access key, then try again.'
  )
}
