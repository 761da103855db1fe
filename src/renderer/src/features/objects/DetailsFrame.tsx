import { useId, type ReactNode } from 'react'
import { Icon, type IconName } from '../../lib/Icon'

export interface DetailsFrameProps {
  icon: IconName
  title: ReactNode
  onHide: () => void
  /** Escape: back to the list. */
  onLeave: () => void
  children: ReactNode
}

/** The details panel's frame: a titled aside with its hide button, left with Escape. */
export function DetailsFrame({ icon, title, onHide, onLeave, children }: DetailsFrameProps) {
  const titleId = useId()
  return (
    <aside
      className="details"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onLeave()
        }
      }}
    >
      <div className="details-header">
        <Icon name={icon} className="details-icon" />
        <h2 id={titleId} className="details-title">
          {title}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Hide details"
          title="Hide details"
          onClick={onHide}
        >
          <Icon name="close" />
        </button>
      </div>
      {children}
    </aside>
  )
}
