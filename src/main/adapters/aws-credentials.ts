import { fromEnv, fromIni, fromSSO } from '@aws-sdk/credential-providers'
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import { AppError, isAppError } from '../../shared/errors'
import type { ProfileSummary } from '../../shared/models'
import type { ProfileDirectory } from '../services/ports'
import type { ConfigFilePaths, ProfileSettingsSource } from '../services/profiles'
import type { CredentialProcessOptions } from './credential-process'
import { ownProviderFor } from './profile-credentials'
import type { Prompter } from '../services/prompts'
import type { SsoService } from '../services/sso'
import { credentialChainEnd } from '../services/sso-settings'
import { readConfigFiles } from './aws-config-files'

export interface SdkProviderDeps {
  /** The files the profiles were listed from; the SDK must read exactly these. */
  paths: ConfigFilePaths
  profiles: ProfileDirectory & Partial<ProfileSettingsSource>
  /** Limits of `credential_process` runs (tests shorten the timeout). */
  credentialProcess?: CredentialProcessOptions
  /** Asks for the code of an `mfa_serial` profile; without one such a profile cannot be used. */
  prompter?: Prompter | null
  /** Renews the SSO token before the SDK reads it, or says "Sign in" when it cannot. */
  sso?: Pick<SsoService, 'ensureToken'> | null
  /**
   * Sends STS, SSO and SSO OIDC calls here instead of AWS: for tests only, whose stand-ins
   * (`test-support/aws-stand-ins.ts`) answer all three on one loopback port.
   */
  awsEndpoint?: string
}

/**
 * Builds the AWS SDK credential provider of a profile, for `createCredentialCache`.
 *
 * `fromIni` covers static, session, assume-role, process, web-identity and login profiles.
 * SSO profiles go to `fromSSO` directly: `fromIni` calls it without our file paths, so it
 * would read the default `~/.aws/config` instead (aws/aws-sdk-js-v3#5158). `ignoreCache`
 * makes the SDK re-read the files, which matters after they changed. Failures become
 * `AppError`s that say what to do.
 */
export function sdkProviderFor({
  paths,
  profiles,
  credentialProcess,
  prompter = null,
  sso = null,
  awsEndpoint
}: SdkProviderDeps): (profileId: string) => AwsCredentialIdentityProvider {
  return (profileId) => {
    const profile = profiles.getProfile(profileId)
    const files = {
      profile: profile.name,
      filepath: paths.credentialsFile,
      configFilepath: paths.configFile,
      ignoreCache: true,
      ...(awsEndpoint ? { clientConfig: { endpoint: awsEndpoint } } : {})
    }
    // Asked once per session: the credential cache keeps the role's credentials.
    const mfaCodeProvider = (mfaSerial: string): Promise<string> =>
      askForMfaCode(prompter, profile, mfaSerial)
    // credential_process, and names the SDK's parser refuses: see profile-credentials.ts.
    const own =
      profile.kind === 'environment'
        ? null
        : ownProviderFor(
            profile,
            profiles.settingsOf?.(profile.name) ?? null,
            credentialProcess ?? {},
            {
              settingsOf: (name) => profiles.settingsOf?.(name) ?? null,
              mfaCodeProvider,
              ...(awsEndpoint ? { awsEndpoint } : {})
            }
          )
    const provider =
      own !== null
        ? own
        : profile.kind === 'environment'
          ? fromEnv()
          : profile.kind === 'sso'
            ? fromSSO(files)
            : fromIni({ ...files, mfaCodeProvider })
    return async (options) => {
      try {
        if (profile.kind !== 'environment') {
          checkSourceProfiles(paths, profile)
          await sso?.ensureToken(profile.id)
        }
        return await provider(options)
      } catch (error) {
        throw credentialsError(profile, error)
      }
    }
  }
}

/**
 * Fails early, with the name, when a `source_profile` on the way is not defined: the SDK would
 * only say it "could not resolve credentials" for it.
 */
function checkSourceProfiles(paths: ConfigFilePaths, profile: ProfileSummary): void {
  const end = credentialChainEnd(readConfigFiles(paths), profile.name)
  if (end.kind !== 'missing-source') return
  throw new AppError(
    'credentials-missing',
    `source_profile \`${end.sourceProfile}\` not found: profile \`${end.profileName}\` takes its ` +
      `credentials from it, and neither the config nor the credentials file defines it. Add it ` +
      `(\`aws configure --profile ${end.sourceProfile}\`) or fix source_profile, then try again.`
  )
}

/** The SDK's `mfaCodeProvider`: the user's code, or an error that says why there is none. */
async function askForMfaCode(
  prompter: Prompter | null,
  profile: ProfileSummary,
  mfaSerial: string
): Promise<string> {
  const quoted = `\`${profile.name}\``
  if (!prompter) {
    throw new AppError(
      'credentials-missing',
      `Profile ${quoted} needs an MFA code to assume its role, and nothing here can ask for ` +
        'one. Use a profile without mfa_serial, or put temporary credentials in a profile.'
    )
  }
  const outcome = await prompter.ask({ kind: 'mfa-code', profileId: profile.id, mfaSerial })
  switch (outcome.status) {
    case 'answered':
      return outcome.code
    case 'timed-out':
      throw new AppError(
        'credentials-missing',
        `No MFA code was entered for profile ${quoted} in time. Use the profile again to enter one.`
      )
    case 'unavailable':
      throw new AppError(
        'credentials-missing',
        `Profile ${quoted} needs an MFA code: ${outcome.reason}`
      )
    case 'closed':
      throw new AppError(
        'cancelled',
        `No MFA code was entered for profile ${quoted}: the window that asked for it closed.`
      )
    default:
      throw new AppError(
        'cancelled',
        `No MFA code was entered for profile ${quoted}: cancelled. Use the profile again to enter one.`
      )
  }
}

const networkCodes = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'])

/** Turns an SDK credential failure into a message that says what to run. Never repeats secrets. */
export function credentialsError(profile: ProfileSummary, error: unknown): AppError {
  if (isAppError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  const name = error instanceof Error ? error.name : ''
  const code = (error as { code?: unknown } | null)?.code
  const quoted = `\`${profile.name}\``

  if (profile.kind === 'environment') {
    return new AppError(
      'credentials-missing',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are no longer set. Set them and restart ' +
        'S3 Share Manager, or pick a profile.'
    )
  }
  if (
    (typeof code === 'string' && networkCodes.has(code)) ||
    name === 'TimeoutError' ||
    /\b(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN)\b/.test(message)
  ) {
    return new AppError(
      'endpoint-unreachable',
      `Could not reach AWS to get credentials for profile ${quoted}. Check your network ` +
        'connection, then try again.'
    )
  }
  if (profile.kind === 'process') {
    return new AppError(
      'credentials-missing',
      `The credential_process of profile ${quoted} failed: ${processGist(message)}. ` +
        'Fix the command in your AWS config, then try again.'
    )
  }
  if (profile.kind === 'sso' || /\bSSO\b|Token is expired/i.test(message)) {
    if (
      /expired|not found or is invalid|is invalid|Value not present|Unauthorized/i.test(message)
    ) {
      return new AppError(
        'credentials-expired',
        `SSO session for ${quoted} ended or was never started: Sign in (or run ` +
          `\`aws sso login --profile ${profile.name}\`), then try again.`
      )
    }
    return new AppError(
      'credentials-missing',
      `Profile ${quoted} has an incomplete SSO setup. Run ` +
        `\`aws configure sso --profile ${profile.name}\`, then try again.`
    )
  }
  if (/MultiFactorAuthentication failed|invalid MFA/i.test(message)) {
    return new AppError(
      'access-denied',
      `MFA code rejected for profile ${quoted}: enter the code your MFA device shows now ` +
        '(each code works once, for about 30 seconds), then try again.'
    )
  }
  if (/multi-factor/i.test(message)) {
    return new AppError(
      'credentials-missing',
      `Profile ${quoted} needs an MFA code to assume its role, and S3 Share Manager cannot ask ` +
        'for one. Use a profile without mfa_serial, or put temporary credentials in a profile.'
    )
  }
  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name)) {
    return new AppError(
      'credentials-expired',
      `The credentials behind profile ${quoted} have expired. Refresh them (for example with ` +
        `\`aws sso login\` or \`aws configure --profile ${profile.name}\`), then try again.`
    )
  }
  if (name === 'AccessDenied' || /not authorized to perform: sts:AssumeRole/i.test(message)) {
    return new AppError(
      'access-denied',
      `Profile ${quoted} is not allowed to assume its role (${profile.detail ?? 'role_arn'}). ` +
        "Check the role's trust policy and the source credentials."
    )
  }
  if (
    /Could not resolve credentials using profile|could not be found|was not found/i.test(message)
  ) {
    return new AppError(
      'credentials-missing',
      `Profile ${quoted} has no credentials. Run \`aws configure --profile ${profile.name}\` ` +
        `to add an access key (or \`aws configure sso --profile ${profile.name}\` for SSO), ` +
        'then try again.'
    )
  }
  return new AppError(
    'credentials-missing',
    `Could not get credentials for profile ${quoted}: ${gist(message)}. Check it with ` +
      `\`aws sts get-caller-identity --profile ${profile.name}\`, then try again.`
  )
}

/**
 * The useful line of a failed credential_process.
 *
 * Node's exec error reads "Command failed: <command>\n<stderr>"; the command is left out
 * because its arguments may hold a secret.
 */
function processGist(message: string): string {
  const [first = '', ...rest] = message.split(/\r?\n/)
  if (!first.startsWith('Command failed:')) return gist(first)
  const lines = rest.map((line) => line.trim()).filter((line) => line && !/^at\s/.test(line))
  const line = lines.find((candidate) =>
    /error|denied|expired|fail|invalid|not found/i.test(candidate)
  )
  const chosen = line ?? lines.at(-1)
  return chosen ? gist(chosen) : 'it exited with an error and printed nothing'
}

function gist(text: string): string {
  const redacted = text
    .trim()
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '(access key)')
    .replace(/[A-Za-z0-9/+=]{32,}/g, '(redacted)')
    .replace(/[.\s]+$/, '')
  return redacted.length > 200 ? `${redacted.slice(0, 199)}…` : redacted || 'unknown error'
}
