import { BULK_CONFIRM_THRESHOLD, MAX_BULK_KEYS } from '../../../../shared/ipc-contract'
import { errorMessage } from '../../../../shared/errors'
import { formatBytes, formatCount, pluralize } from '../../../../shared/format'
import { keyName } from '../../../../shared/object-key'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import type { BulkShareTarget } from '../objects/share-target'
import type { PartCount, ScopeTotal } from './bulk-plan'

/** How a folder is named in the dialog: `photos/` for `2024/photos/`, the bucket for its root. */
export function folderLabel(bucket: string, prefix: string): string {
  return prefix ? `${keyName(prefix)}/` : bucket
}

/** "Share march/", "Share 12 objects", "Share 3 objects and 2 folders". */
export function bulkTitle(target: BulkShareTarget, locale: string | undefined): string {
  const [folder] = target.folders
  if (target.objects.length === 0 && target.folders.length === 1 && folder !== undefined) {
    return `Share ${folderLabel(target.bucket, folder)}`
  }
  const parts = [
    target.objects.length > 0 && pluralize(target.objects.length, 'object', 'objects', locale),
    target.folders.length > 0 && pluralize(target.folders.length, 'folder', 'folders', locale)
  ].filter(Boolean)
  return `Share ${parts.join(' and ')}`
}

/** Whether the user must tick "yes, create them all" first: many objects, or an unknown count. */
export function needsConfirmation(total: ScopeTotal): boolean {
  return !total.counting && (total.objects === null || total.objects > BULK_CONFIRM_THRESHOLD)
}

export interface BulkScopeProps {
  target: BulkShareTarget
  counts: readonly PartCount[]
  total: ScopeTotal
  confirmed: boolean
  onConfirm: (confirmed: boolean) => void
}

/**
 * What the bulk share covers, counted before anything is signed: the picked objects, and each
 * folder with everything under it. Above `BULK_CONFIRM_THRESHOLD` objects it asks to confirm.
 */
export function BulkScope({ target, counts, total, confirmed, onConfirm }: BulkScopeProps) {
  const locale = uiLocale()
  const sized = (objects: number, bytes: number) =>
    `${pluralize(objects, 'object', 'objects', locale)} (${formatBytes(bytes, locale)})`
  const pickedBytes = target.objects.reduce((sum, object) => sum + object.size, 0)
  const parts = target.objects.length > 0 ? counts.length + 1 : counts.length

  return (
    <div className="bulk-scope" aria-live="polite">
      <ul className="bulk-parts">
        {target.objects.length > 0 && (
          <li>
            <Icon name="file" className="bulk-part-icon" />
            <span>{sized(target.objects.length, pickedBytes)} picked in the list</span>
          </li>
        )}
        {target.folders.map((prefix, index) => {
          const part = counts[index] ?? { state: 'counting' }
          const where = prefix === '' ? 'the whole bucket ' : ''
          const below = prefix === '' ? '' : ' and its sub-folders'
          const name = (
            <span className="mono" title={`s3://${target.bucket}/${prefix}`}>
              {folderLabel(target.bucket, prefix)}
            </span>
          )
          return (
            <li key={prefix} data-testid="bulk-folder">
              <Icon name="folder" className="bulk-part-icon" />
              {part.state === 'counting' ? (
                <span className="muted">
                  Counting the objects in {where}
                  {name}
                  {below}…
                </span>
              ) : part.state === 'failed' ? (
                <span className="tone-error">
                  Couldn't count the objects in {name}: <Message text={errorMessage(part.error)} />
                </span>
              ) : (
                <span>
                  {part.count.truncated ? 'More than ' : ''}
                  {sized(part.count.objects, part.count.bytes)} in {where}
                  {name}
                  {below}
                </span>
              )}
            </li>
          )
        })}
      </ul>
      {parts > 1 && total.objects !== null && (
        <p className="bulk-total">{sized(total.objects, total.bytes)} in all</p>
      )}
      {total.tooMany && (
        <p className="bulk-problem" role="alert">
          <Icon name="error" /> One bulk share takes at most {formatCount(MAX_BULK_KEYS, locale)}{' '}
          objects. Share a smaller folder, or a few folders one after another.
        </p>
      )}
      {total.objects === 0 && (
        <p className="bulk-problem">
          <Icon name="warning" /> Nothing to share: no objects here.
        </p>
      )}
      {needsConfirmation(total) && !total.tooMany && (
        <label className="bulk-confirm">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(event) => onConfirm(event.target.checked)}
          />
          <span>
            {total.objects === null
              ? 'Create a link for every object, however many there are'
              : `Yes, create ${formatCount(total.objects, locale)} links, one for each object`}
          </span>
        </label>
      )}
    </div>
  )
}
