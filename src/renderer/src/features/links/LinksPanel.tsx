import { useCallback, useId, useMemo, useState } from 'react'
import { errorMessage } from '../../../../shared/errors'
import type { LinkSortField, LinkStatusFilter } from '../../../../shared/models'
import { Message } from '../../lib/Message'
import { useDebouncedValue } from '../../lib/use-debounced-value'
import { DEFAULT_SORT, nextSortOrder, type LinkFilter } from './link-query'
import { LinkDialogs } from './LinkDialogs'
import { LinksBanner } from './LinksBanner'
import { LinksTable } from './LinksTable'
import { LinksToolbar } from './LinksToolbar'
import { RegistryNotices } from './RegistryNotices'
import { NotificationsToggle } from './NotificationsToggle'
import { TestAllLinks } from './TestAllLinks'
import { UndoToast } from './UndoToast'
import { useBatchHandlers } from './use-batch-handlers'
import { useLinkActions } from './use-link-actions'
import { useLinkHandlers, type Feedback, type LinkDialog } from './use-link-handlers'
import { useLinkHead, useRegistryCounts } from './use-link-pages'
import { useLinkRegistry, useRefreshOnLinksChanged } from './use-link-registry'
import { useUndoOffer } from './use-undo'
import './links.css'
import './links-trust.css'

/** Main searches the whole registry; waiting for a pause in typing spares it a query per key. */
const SEARCH_DELAY_MS = 200

const EMPTY_BY_STATUS: Record<LinkStatusFilter, string> = {
  all: 'No links yet. Share an object and its link shows up here, with a live countdown.',
  active: 'No active links.',
  expiring: 'No links are expiring soon.',
  expired: 'No expired links.',
  revoked: 'No revoked links.'
}

type Notice = { tone: 'error' | 'info'; text: string }

/**
 * Every link issued from this app and the command line, with live countdowns.
 *
 * Main filters, sorts and counts; the view asks for the pages in sight and asks again when the
 * registry changes or a shown link changes status.
 */
export function LinksPanel() {
  useRefreshOnLinksChanged()
  const registry = useLinkRegistry()
  const [status, setStatus] = useState<LinkStatusFilter>('all')
  const [bucket, setBucket] = useState('')
  const [profileId, setProfileId] = useState('')
  const [text, setText] = useState('')
  const [sort, setSort] = useState(DEFAULT_SORT)
  const searchText = useDebouncedValue(text.trim(), SEARCH_DELAY_MS)
  const filter: LinkFilter = useMemo(
    () => ({
      status,
      bucket: bucket || undefined,
      profileId: profileId || undefined,
      text: searchText || undefined,
      sort,
      groupBatches: true
    }),
    [status, bucket, profileId, searchText, sort]
  )
  const head = useLinkHead(filter)
  const narrowed = bucket !== '' || profileId !== '' || searchText !== ''
  const registryCounts = useRegistryCounts(narrowed)
  const expiredTotal = (narrowed ? registryCounts.data?.expired : head.data?.counts.expired) ?? 0

  const [notice, setNotice] = useState<Notice | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [dialog, setDialog] = useState<LinkDialog | null>(null)
  const undo = useUndoOffer()
  const { offerUndo } = undo
  const feedback: Feedback = useMemo(
    () => ({
      notify: (tone, text) => {
        setNotice({ tone, text })
        if (tone === 'info') setAnnouncement(text.replaceAll('`', ''))
      },
      announce: setAnnouncement,
      offerUndo: (removal, text) => {
        offerUndo(removal, text)
        const undoable = removal.undoToken ? ' Undo is available for 10 seconds.' : ''
        setAnnouncement(`${text}${undoable}`)
      }
    }),
    [offerUndo]
  )
  const actions = useLinkActions()
  const { linkHandlers, forget } = useLinkHandlers(actions, feedback, setDialog)
  const { batchHandlers, clearExpired, undo: undoRemoval } = useBatchHandlers(actions, feedback)
  const onSort = useCallback(
    (field: LinkSortField) => setSort((current) => nextSortOrder(current, field)),
    []
  )

  const titleId = useId()
  const emptyText = head.isPending
    ? 'Loading links…'
    : head.error
      ? null
      : searchText
        ? `No ${status === 'all' ? '' : `${status} `}links match “${searchText}”.`
        : narrowed
          ? 'No links match these filters.'
          : EMPTY_BY_STATUS[status]

  return (
    <section className="links-panel" aria-labelledby={titleId}>
      <LinksToolbar
        titleId={titleId}
        total={registry.data?.total ?? null}
        counts={head.data?.counts ?? null}
        status={status}
        onStatus={setStatus}
        text={text}
        onText={setText}
        bucket={bucket}
        buckets={registry.data?.buckets ?? []}
        onBucket={setBucket}
        profileId={profileId}
        profileIds={registry.data?.profileIds ?? []}
        onProfile={setProfileId}
        expiredTotal={expiredTotal}
        onClearExpired={() => setDialog({ kind: 'clear-expired' })}
        actions={
          <>
            <NotificationsToggle />
            <TestAllLinks actions={actions} announce={setAnnouncement} />
          </>
        }
      />
      <RegistryNotices status={registry.data} />
      {head.error && (
        <LinksBanner
          tone="error"
          action={
            <button
              type="button"
              className="button subtle"
              onClick={() => void head.refetch()}
              disabled={head.isFetching}
            >
              {head.isFetching ? 'Trying again…' : 'Try again'}
            </button>
          }
        >
          Could not load the links: <Message text={errorMessage(head.error)} />
        </LinksBanner>
      )}
      {notice && (
        <LinksBanner tone={notice.tone} onDismiss={() => setNotice(null)}>
          <Message text={notice.text} />
        </LinksBanner>
      )}
      <LinksTable
        filter={filter}
        head={head.data}
        labelledBy={titleId}
        sort={sort}
        onSort={onSort}
        linkHandlers={linkHandlers}
        batchHandlers={batchHandlers}
        emptyText={emptyText}
      />
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <UndoToast
        offer={undo.offer}
        onUndo={async (offer) => {
          await undoRemoval(offer)
          undo.dismiss()
        }}
        onDismiss={undo.dismiss}
      />
      <LinkDialogs
        dialog={dialog}
        onOpen={setDialog}
        actions={actions}
        feedback={feedback}
        expiredTotal={expiredTotal}
        forget={forget}
        clearExpired={clearExpired}
      />
    </section>
  )
}
