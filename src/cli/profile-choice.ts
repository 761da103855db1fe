import { AppError } from '../shared/errors'
import type { Env } from '../main/services/profiles'
import type { CliServices } from './services'

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null
}

/**
 * The profile to sign with: `--profile`, else `AWS_PROFILE`, else what the app selects first
 * (`default`, else credentials in environment variables).
 *
 * Unlike the app, a named profile that does not exist is an error, never a quiet fall-back to
 * `default`: a script would otherwise sign with other credentials than its author meant.
 */
export function chooseProfile(
  flag: string | undefined,
  env: Env,
  profiles: CliServices['profiles']
): string {
  const named = nonEmpty(flag) ?? nonEmpty(env['AWS_PROFILE'])
  if (named !== null) return profiles.getProfile(named).id
  const selected = profiles.snapshot().selectedProfileId
  if (selected === null) {
    throw new AppError(
      'credentials-missing',
      'There is no AWS profile to sign with: no `default` profile in your AWS config files and no ' +
        'credentials in environment variables. Pass --profile NAME, or set one up with `aws configure`.'
    )
  }
  return selected
}
