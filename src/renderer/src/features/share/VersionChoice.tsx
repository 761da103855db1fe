import { useId } from 'react'
import { formatDateTime } from '../../../../shared/format'
import { uiLocale } from '../../lib/locale'
import type { PinTarget } from './use-object-versions'

/** A version id short enough to read; the full one is in the title. */
function shortId(versionId: string): string {
  return versionId.length > 14 ? `${versionId.slice(0, 12)}…` : versionId
}

/**
 * "Latest version" or "this version", for an object in a versioned bucket: a pinned link keeps
 * giving the same bytes after the object is overwritten.
 */
export function VersionChoice({
  pinTo,
  pinned,
  onPinned
}: {
  pinTo: PinTarget | null
  pinned: boolean
  onPinned: (pinned: boolean) => void
}) {
  const name = useId()
  if (pinTo === null) return null
  const when = pinTo.lastModified ? `, saved ${formatDateTime(pinTo.lastModified, uiLocale())}` : ''
  return (
    <fieldset className="share-choice version-choice">
      <legend className="field-label">Version</legend>
      <label className="choice">
        <input type="radio" name={name} checked={!pinned} onChange={() => onPinned(false)} />
        <span>
          Latest version <span className="choice-hint">(follows later overwrites)</span>
        </span>
      </label>
      <label className="choice">
        <input type="radio" name={name} checked={pinned} onChange={() => onPinned(true)} />
        <span>
          This version{' '}
          <code className="selectable" title={pinTo.versionId}>
            {shortId(pinTo.versionId)}
          </code>
          <span className="choice-hint">
            {when}
            {pinTo.isLatest === false ? ' (an older version)' : ''} — stays the same after an
            overwrite
          </span>
        </span>
      </label>
    </fieldset>
  )
}
