import type { ReactNode } from 'react'
import { Icon, type IconName } from '../../lib/Icon'

export interface ShareSubjectProps {
  icon: IconName
  /** The full `s3://` address, shown on hover. */
  uri: string
  /** What the link is for, as the dialog names it. */
  name: ReactNode
  /** `MetaItem`s: bucket, size or folder, profile. */
  children: ReactNode
}

/** The head of a share dialog: what a link is for, with its bucket, profile and the like. */
export function ShareSubject({ icon, uri, name, children }: ShareSubjectProps) {
  return (
    <div className="share-object">
      <Icon name={icon} className="share-object-icon" />
      <div className="share-object-text">
        <div className="share-key mono selectable" title={uri}>
          {name}
        </div>
        <div className="share-meta">{children}</div>
      </div>
    </div>
  )
}

export interface MetaItemProps {
  label: string
  /** Names and keys are set in the monospace face; sizes are not. */
  mono?: boolean
  title?: string
  children: ReactNode
}

/** One labelled fact under a share subject. */
export function MetaItem({ label, mono = false, title, children }: MetaItemProps) {
  return (
    <span title={title}>
      <span className="meta-label">{label}</span>{' '}
      {mono ? <span className="mono">{children}</span> : children}
    </span>
  )
}
