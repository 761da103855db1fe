import { fromEnv, fromIni, fromSSO } from '@aws-sdk/credential-providers'
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import { AppError, isAppError } from '../../shared/errors'
import type { ProfileSummary } from '../../shared/models'
import type { ProfileDirectory } from '../services/ports'
import type { ConfigFilePaths } from '../services/profiles'

export interface SdkProviderDeps {
  /** The files the profiles were listed from; the SDK must read exactly these. */
  paths: ConfigFilePaths
  profiles: ProfileDirectory
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
  profiles
}: SdkProviderDeps): (profileId: string) => AwsCredentialIdentityProvider {
  return (profileId) => {
    const profile = profiles.getProfile(profileId)
    const files = {
      profile: profile.name,
      filepath: paths.credentialsFile,
      configFilepath: paths.configFile,
      ignoreCache: true
    }
    const provider =
      profile.kind === 'environment'
        ? fromEnv()
        : profile.kind === 'sso'
          ? fromSSO(files)
          : fromIni(files)
    return async (options) => {
      try {
        return await provider(options)
      } catch (error) {
        throw credentialsError(profile, error)
      }
    }
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
        `The SSO session for profile ${quoted} has expired or was never started. ` +
          `Run \`aws sso login --profile ${profile.name}\`, then try again.`
      )
    }
    return new AppError(
      'credentials-missing',
      `Profile ${quoted} has an incomplete SSO setup. Run ` +
        `\`aws configure sso --profile ${profile.name}\`, then try again.`
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
