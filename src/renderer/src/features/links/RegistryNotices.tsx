import { useState, type ReactNode } from 'react'
import { formatCount, pluralize } from '../../../../shared/format'
import type { LinkRegistryStatus } from '../../../../shared/models'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import { LinksBanner, type LinksBannerProps } from './LinksBanner'

const DISMISSED_KEY = 's3sm.links.dismissed.'

function wasDismissed(id: string): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY + id) !== null
  } catch {
    return false
  }
}

function rememberDismissed(id: string): void {
  try {
    sessionStorage.setItem(DISMISSED_KEY + id, '1')
  } catch {
    // Without storage the notice simply shows again next time.
  }
}

/** A notice that stays away for the session once dismissed, including when the view reopens. */
function Notice({ id, ...banner }: LinksBannerProps & { id: string; children: ReactNode }) {
  const [dismissed, setDismissed] = useState(() => wasDismissed(id))
  if (dismissed) return null
  return (
    <LinksBanner
      {...banner}
      onDismiss={() => {
        rememberDismissed(id)
        setDismissed(true)
      }}
    />
  )
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path
}

/** What happened to the registry that the user should know: an import, a recovery, lost rows. */
export function RegistryNotices({ status }: { status: LinkRegistryStatus | undefined }) {
  if (!status) return null
  const locale = uiLocale()
  const { recoveredFrom, imported, unreadable } = status
  return (
    <>
      {recoveredFrom && (
        <Notice
          id={`recovered:${recoveredFrom.movedTo}`}
          tone="warning"
          detail={recoveredFrom.reason}
        >
          <Message
            text={`The links database could not be read and was moved to \`${recoveredFrom.movedTo}\`; starting with an empty list.`}
          />
        </Notice>
      )}
      {imported && (
        <Notice
          id={`imported:${imported.at}`}
          tone="info"
          detail={
            imported.skipped > 0
              ? `${pluralize(imported.skipped, 'entry', 'entries', locale)} of the old file could not be read and ${imported.skipped === 1 ? 'was' : 'were'} skipped.`
              : undefined
          }
        >
          <Message
            text={`Imported ${pluralize(imported.count, 'link', 'links', locale)} from ${fileName(imported.from)}; the old file is kept as \`${imported.backup}\`.`}
          />
        </Notice>
      )}
      {unreadable > 0 && (
        <Notice id={`unreadable:${unreadable}`} tone="warning">
          {formatCount(unreadable, locale)} stored {unreadable === 1 ? 'link' : 'links'} could not
          be read and {unreadable === 1 ? 'is' : 'are'} not shown.
        </Notice>
      )}
    </>
  )
}
