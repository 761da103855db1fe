import type { ReactNode } from 'react'
import { errorMessage } from '../../../shared/errors'
import { Icon } from './Icon'
import { Message } from './Message'

export interface ErrorStateProps {
  /** What failed, in a few words: "Couldn't list buckets". */
  title: string
  error: unknown
  onRetry?: () => void
  /** Whether a retry is under way. */
  retrying?: boolean
  /** The retry button's text; "Try again" by default. */
  retryLabel?: string
  /** Extra advice or actions under the message. */
  children?: ReactNode
  compact?: boolean
}

/** A failure with main's explanation and a way forward. */
export function ErrorState({
  title,
  error,
  onRetry,
  retrying,
  retryLabel = 'Try again',
  children,
  compact
}: ErrorStateProps) {
  return (
    <div className={compact ? 'state state-error state-compact' : 'state state-error'} role="alert">
      <Icon name="error" className="state-icon" />
      <p className="state-title">{title}</p>
      <p className="state-message">
        <Message text={errorMessage(error)} />
      </p>
      {children}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          <Icon name="refresh" />
          {retrying ? 'Trying again…' : retryLabel}
        </button>
      )}
    </div>
  )
}
