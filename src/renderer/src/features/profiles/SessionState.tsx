import type { ReactNode } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { formatCountdown } from '../../../../shared/countdown'
import type { CredentialsStatus, ProfileSummary } from '../../../../shared/models'
import { Icon, type IconName } from '../../lib/Icon'
import { LiveClockTime, LiveText } from '../../lib/LiveText'
import { Message } from '../../lib/Message'
import { SignInButton } from '../prompts/SignInButton'
import { useSessionState } from './use-session-state'

interface Shown {
  state: CredentialsStatus['state'] | 'checking' | 'unknown'
  icon: IconName
  title: ReactNode
  detail: string | null
}

/**
 * One line under the profile picker saying whether the profile can be used now, until when,
 * and what to do when it cannot: static keys / signed in until 14:32 (counting down) /
 * expired, sign in / needs MFA / no credentials.
 */
export function SessionState({ profile }: { profile: ProfileSummary }) {
  const session = useSessionState(profile.id)
  const shown = describe(profile, session.data, session.ended, session.error)
  const canSignIn =
    shown.state === 'sign-in' ||
    (shown.state === 'expired' && (profile.kind === 'sso' || /Sign in/.test(shown.detail ?? '')))

  return (
    // Not a live region: the countdown would be read out every second. Changes of state are.
    <div className={`session-state state-${shown.state}`} role="group" aria-label="Session">
      <span className="visually-hidden" role="status">
        {spoken[shown.state]}
      </span>
      <Icon name={shown.icon} />
      <div className="session-state-body">
        <span className="session-state-title">{shown.title}</span>
        {shown.detail && (
          <span className="session-state-detail">
            <Message text={shown.detail} />
          </span>
        )}
        {canSignIn && <SignInButton profileId={profile.id} />}
      </div>
    </div>
  )
}

/** What a screen reader hears when the state changes (the visible line holds the details). */
const spoken: Record<Shown['state'], string> = {
  checking: '',
  unknown: 'The session state is unknown.',
  static: '',
  active: '',
  expired: 'The session has expired.',
  'sign-in': 'This profile is not signed in.',
  'needs-mfa': '',
  missing: 'This profile has no credentials.'
}

function describe(
  profile: ProfileSummary,
  status: CredentialsStatus | undefined,
  ended: boolean,
  error: unknown
): Shown {
  if (error)
    return {
      state: 'unknown',
      icon: 'warning',
      title: 'Session unknown',
      detail: errorMessage(error)
    }
  if (!status)
    return { state: 'checking', icon: 'refresh', title: 'Checking the session…', detail: null }
  const expiresAt = status.expiresAt === null ? null : Date.parse(status.expiresAt)
  switch (status.state) {
    case 'static':
      return { state: 'static', icon: 'key', title: 'Static keys', detail: 'They do not expire.' }
    case 'active': {
      if (expiresAt === null) {
        return {
          state: 'active',
          icon: 'key',
          title: 'Session end unknown',
          detail: 'Temporary keys: links may stop working earlier than asked.'
        }
      }
      if (ended) {
        return { state: 'expired', icon: 'error', title: 'Expired', detail: 'Checking again…' }
      }
      return {
        state: 'active',
        icon: 'check',
        title: (
          <>
            {profile.kind === 'sso' ? 'Signed in until ' : 'Session until '}
            <LiveClockTime at={expiresAt} />
            {' · '}
            <LiveText text={(now) => `${formatCountdown(expiresAt - now)} left`} />
          </>
        ),
        detail: status.detail
      }
    }
    case 'expired':
      return { state: 'expired', icon: 'error', title: 'Expired', detail: status.detail }
    case 'sign-in':
      return { state: 'sign-in', icon: 'warning', title: 'Not signed in', detail: status.detail }
    case 'needs-mfa':
      return { state: 'needs-mfa', icon: 'key', title: 'Needs an MFA code', detail: status.detail }
    case 'missing':
      return { state: 'missing', icon: 'error', title: 'No credentials', detail: status.detail }
  }
}
