import { Icon } from '../../lib/Icon'
import { crumbsOf } from './entries'

export interface BreadcrumbsProps {
  bucket: string
  prefix: string
  onNavigate: (prefix: string) => void
}

/** Where the listing is: bucket › folder › sub; every level but the current one is a link back. */
export function Breadcrumbs({ bucket, prefix, onNavigate }: BreadcrumbsProps) {
  const levels = [{ name: bucket, prefix: '' }, ...crumbsOf(prefix)]
  return (
    <nav className="breadcrumbs" aria-label="Folder path">
      <ol>
        {levels.map((level, index) => {
          const current = index === levels.length - 1
          const name = level.name || '(empty name)'
          return (
            <li key={level.prefix} className={index === 0 ? 'crumb crumb-bucket' : 'crumb'}>
              {index > 0 && <Icon name="chevronRight" className="crumb-separator" />}
              {current ? (
                <span className="crumb-current" aria-current="location" title={name}>
                  {index === 0 && <Icon name="bucket" />}
                  {name}
                </span>
              ) : (
                <button
                  type="button"
                  className="crumb-link"
                  title={name}
                  onClick={() => onNavigate(level.prefix)}
                >
                  {index === 0 && <Icon name="bucket" />}
                  {name}
                </button>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
