import type { ReactNode } from 'react'
import { Icon } from '../../lib/Icon'

export interface LinksBannerProps {
  tone: 'error' | 'warning' | 'info'
  children: ReactNode
  /** A second line in smaller text, such as the technical reason. */
  detail?: ReactNode
  onDismiss?: () => void
  /** A button of its own, such as "Try again", shown before Dismiss. */
  action?: ReactNode
}

/** A message across the top of the Links view; errors and warnings are announced at once. */
export function LinksBanner({ tone, children, detail, onDismiss, action }: LinksBannerProps) {
  return (
    <div className={`links-banner tone-${tone}`} role={tone === 'info' ? undefined : 'alert'}>
      {tone !== 'info' && <Icon name="warning" />}
      <p>
        {children}
        {detail && <span className="banner-detail">{detail}</span>}
      </p>
      {action}
      {onDismiss && (
        <button type="button" className="button subtle" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  )
}
