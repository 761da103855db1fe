import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useDeferredValue, useId, useRef, useState } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { formatCount, pluralize } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { keyName } from '../../../../shared/object-key'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import { useCopyText } from '../../lib/use-copy-text'
import { LINK_SORTS, type LinkFilter, type LinkSort } from './link-list'
import { LinkRow, ROW_HEIGHT } from './LinkRow'
import { useLinkView } from './use-link-view'
import { useLinks } from './use-links'
import './links.css'

const HEADER_HEIGHT = 32

const FILTERS: readonly { value: LinkFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'all', label: 'All' }
]

type Notice = { tone: 'error' | 'info'; text: string }

/** Every link issued from this app, with live countdowns; virtualized for long histories. */
export function LinksPanel() {
  const {
    links,
    recoveredFrom,
    loading,
    error,
    reloading,
    reload,
    openInBrowser,
    forget,
    clearExpired
  } = useLinks()
  const [filter, setFilter] = useState<LinkFilter>('all')
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<LinkSort>('created-desc')
  const deferredQuery = useDeferredValue(query)
  const { rows, counts, expiredTotal } = useLinkView(links, filter, deferredQuery, sort)

  const [notice, setNotice] = useState<Notice | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const { copy, copied: copiedId } = useCopyText()
  const [recoveryDismissed, setRecoveryDismissed] = useState(false)
  const [clearing, setClearing] = useState(false)
  const ids = useId()

  const handleCopy = useCallback(
    (link: IssuedLink) =>
      copy(link.url, {
        key: link.id,
        onCopied: () => setAnnouncement(`Link to ${keyName(link.key)} copied to the clipboard.`),
        onError: (cause) =>
          setNotice({ tone: 'error', text: `Could not copy the link: ${errorMessage(cause)}` })
      }),
    [copy]
  )

  const handleOpen = useCallback(
    async (link: IssuedLink) => {
      try {
        await openInBrowser(link)
      } catch (cause) {
        setNotice({ tone: 'error', text: `Could not open the link: ${errorMessage(cause)}` })
      }
    },
    [openInBrowser]
  )

  const handleForget = useCallback(
    async (link: IssuedLink) => {
      try {
        await forget(link)
        setAnnouncement(`Forgot the link to ${keyName(link.key)}.`)
      } catch (cause) {
        setNotice({ tone: 'error', text: `Could not forget the link: ${errorMessage(cause)}` })
      }
    },
    [forget]
  )

  const handleClearExpired = async () => {
    setClearing(true)
    try {
      const cleared = await clearExpired()
      const text = `Cleared ${pluralize(cleared, 'expired link', 'expired links', uiLocale())}.`
      setNotice({ tone: 'info', text })
      setAnnouncement(text)
    } catch (cause) {
      setNotice({ tone: 'error', text: `Could not clear expired links: ${errorMessage(cause)}` })
    } finally {
      setClearing(false)
    }
  }

  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh values each render by design; rows are memoized instead.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.link.id ?? index,
    scrollMargin: HEADER_HEIGHT,
    overscan: 8
  })

  const searching = deferredQuery.trim() !== ''
  const emptyText = loading
    ? 'Loading links…'
    : links.length === 0
      ? 'No links yet. Share an object and its link shows up here, with a live countdown.'
      : searching
        ? `No ${filter === 'all' ? '' : `${filter} `}links match “${deferredQuery.trim()}”.`
        : filter === 'active'
          ? 'No active links. Every link you made has expired.'
          : 'No expired links.'

  return (
    <section className="links-panel" aria-labelledby={`${ids}-title`}>
      <header className="links-toolbar">
        <h2 id={`${ids}-title`} className="links-title">
          Links <span className="count-pill">{formatCount(links.length, uiLocale())}</span>
        </h2>
        <label className="search-field links-search">
          <Icon name="search" className="search-icon" />
          <span className="visually-hidden">Search links</span>
          <input
            type="search"
            className="input"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Search key, bucket, label, profile"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <fieldset className="links-filter">
          <legend className="visually-hidden">Show</legend>
          {FILTERS.map((option) => (
            <label key={option.value} className="filter-segment">
              <input
                type="radio"
                name={`${ids}-filter`}
                value={option.value}
                checked={filter === option.value}
                onChange={() => setFilter(option.value)}
              />
              <span className="filter-text">
                {option.label}{' '}
                <span className="filter-count">
                  {formatCount(counts[option.value], uiLocale())}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="links-sort">
          <span className="visually-hidden">Sort</span>
          <select
            className="select"
            value={sort}
            onChange={(event) => setSort(event.target.value as LinkSort)}
          >
            {LINK_SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button clear-expired"
          onClick={handleClearExpired}
          disabled={expiredTotal === 0 || clearing}
          title="Forget every expired link. They no longer work anyway."
        >
          Clear expired ({formatCount(expiredTotal, uiLocale())})
        </button>
      </header>

      {recoveredFrom && !recoveryDismissed && (
        <div className="links-banner tone-warning" role="alert">
          <Icon name="warning" />
          <p>
            The links file could not be read and was moved to{' '}
            <code className="path">{recoveredFrom.movedTo}</code>; starting with an empty list.
            <span className="banner-detail">{recoveredFrom.reason}</span>
          </p>
          <button
            type="button"
            className="button subtle"
            onClick={() => setRecoveryDismissed(true)}
          >
            Dismiss
          </button>
        </div>
      )}
      {error && (
        <div className="links-banner tone-error" role="alert">
          <Icon name="warning" />
          <p>
            Could not load the links: <Message text={errorMessage(error)} />
          </p>
          <button type="button" className="button subtle" onClick={reload} disabled={reloading}>
            {reloading ? 'Trying again…' : 'Try again'}
          </button>
        </div>
      )}
      {notice && (
        <div
          className={`links-banner tone-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : undefined}
        >
          {notice.tone === 'error' && <Icon name="warning" />}
          <p>
            <Message text={notice.text} />
          </p>
          <button type="button" className="button subtle" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}

      <div className="links-frame">
        <div
          ref={scrollRef}
          className="links-scroll"
          role="table"
          aria-labelledby={`${ids}-title`}
          aria-rowcount={rows.length + 1}
        >
          <div role="rowgroup" className="links-head" style={{ height: HEADER_HEIGHT }}>
            <div role="row" aria-rowindex={1} className="links-row links-header-row">
              <span role="columnheader" className="links-cell cell-status">
                Status
              </span>
              <span role="columnheader" className="links-cell cell-object">
                Object
              </span>
              <span role="columnheader" className="links-cell cell-label">
                Label
              </span>
              <span role="columnheader" className="links-cell cell-where">
                Bucket · profile
              </span>
              <span
                role="columnheader"
                className="links-cell cell-created"
                aria-sort={
                  sort === 'created-asc'
                    ? 'ascending'
                    : sort === 'created-desc'
                      ? 'descending'
                      : undefined
                }
              >
                Created
              </span>
              <span
                role="columnheader"
                className="links-cell cell-expiry"
                aria-sort={
                  sort === 'expires-asc'
                    ? 'ascending'
                    : sort === 'expires-desc'
                      ? 'descending'
                      : undefined
                }
              >
                Expiry
              </span>
              <span role="columnheader" className="links-cell cell-actions">
                <span className="visually-hidden">Actions</span>
              </span>
            </div>
          </div>
          <div
            role="rowgroup"
            className="links-body"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]
              if (!entry) return null
              return (
                <LinkRow
                  key={item.key}
                  entry={entry}
                  rowIndex={item.index + 2}
                  top={item.start - HEADER_HEIGHT}
                  justCopied={copiedId === entry.link.id}
                  onCopy={handleCopy}
                  onOpen={handleOpen}
                  onForget={handleForget}
                />
              )
            })}
          </div>
        </div>
        {rows.length === 0 && !error && <p className="links-empty">{emptyText}</p>}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </section>
  )
}
