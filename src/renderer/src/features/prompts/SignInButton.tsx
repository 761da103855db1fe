import { AppError, errorMessage } from '../../../../shared/errors'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { useSignIn, useSsoStatus } from './use-sso'

/**
 * Signs the profile in to IAM Identity Center: the browser opens, the code shows in a dialog,
 * and once approved everything that failed for want of a session is fetched again. Works for a
 * role whose source profile uses SSO too.
 */
export function SignInButton({ profileId }: { profileId: string }) {
  const signIn = useSignIn(profileId)
  const cancelled = signIn.error instanceof AppError && signIn.error.code === 'cancelled'
  return (
    <div className="sign-in">
      <button
        type="button"
        className="button button-primary"
        onClick={() => signIn.mutate()}
        disabled={signIn.isPending}
      >
        <Icon name="key" />
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      {signIn.isError && !cancelled && (
        <p className="field-error" role="alert">
          <Message text={errorMessage(signIn.error)} />
        </p>
      )}
    </div>
  )
}

/**
 * A Sign in button under an error that a sign-in would fix: credentials expired on a profile
 * whose session is an SSO one. Nothing otherwise.
 */
export function SignInWhenNeeded({ profileId, error }: { profileId: string; error: unknown }) {
  const expired = error instanceof AppError && error.code === 'credentials-expired'
  const status = useSsoStatus(profileId, expired)
  if (!expired || !status.data) return null
  return <SignInButton profileId={profileId} />
}
