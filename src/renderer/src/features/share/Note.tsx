import type { ReactNode } from 'react'
import { Icon } from '../../lib/Icon'

/** A remark in a share dialog: a warning, or an error that blocks sharing. */
export function Note({
  tone,
  testId,
  role,
  children
}: {
  tone: 'warning' | 'error'
  testId?: string
  role?: 'alert'
  children: ReactNode
}) {
  return (
    <div className={`share-note tone-${tone}`} data-testid={testId} role={role}>
      <Icon name={tone} />
      {children}
    </div>
  )
}
