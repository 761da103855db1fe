import type { ReactNode } from 'react'
import { Icon, type IconName } from './Icon'

export interface EmptyStateProps {
  icon?: IconName
  title: string
  children?: ReactNode
  compact?: boolean
}

/** A calm placeholder for "nothing here", saying why and what to do. */
export function EmptyState({ icon, title, children, compact }: EmptyStateProps) {
  return (
    <div className={compact ? 'state state-compact' : 'state'}>
      {icon && <Icon name={icon} className="state-icon" />}
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
    </div>
  )
}
