import type { AwsCredentialIdentityProvider } from '@smithy/types'
import { AppError } from '../../shared/errors'
import type { ProfileSummary } from '../../shared/models'
import { quoteForMessage } from '../../shared/user-text'
import type { ProfileSettings } from '../services/profiles'
import { type CredentialProcessOptions, runCredentialProcess } from './credential-process'

/**
 * The credentials the app resolves itself, from its own reading of the files, instead of the
 * SDK's `fromIni`; null when the SDK should do it.
 *
 * - Every `credential_process` profile: the SDK runs the command without a time limit and
 *   repeats its stderr as is (see `credential-process.ts`).
 * - Access keys of a profile whose name the SDK's parser refuses (`[profile café]`), which
 *   the AWS CLI reads: the keys are in our parse already.
 *
 * Other kinds under such a name (roles, SSO, web identity) need the SDK's chain, which cannot
 * find the profile: they fail with a message that says so and what to do.
 */
export function ownProviderFor(
  profile: ProfileSummary,
  settings: ProfileSettings | null,
  processOptions: CredentialProcessOptions = {}
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
  return () =>
    Promise.reject(
      new AppError(
        'credentials-missing',
        `Profile ${quoteForMessage(profile.name)} has a name the AWS SDK cannot read (it takes only ` +
          'letters a-z, digits and -_@+.%:/), so its role or SSO settings cannot be used. ' +
          'Rename the profile, or give it access keys or a credential_process, then try again.'
      )
    )
}
