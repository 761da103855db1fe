import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { ContextMenu, type ContextMenuItem } from '../../lib/ContextMenu'
import { EmptyState } from '../../lib/EmptyState'
import { ErrorState } from '../../lib/ErrorState'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import type { ReceiveTarget } from '../share/receive-target'
import { parseBucketInput, type BucketLocation } from './bucket-input'
import { BucketItem, BucketSkeleton, toItem, type BucketMenu } from './BucketItem'
import { useBuckets } from './use-buckets'

export interface BucketListProps {
  profileId: string
  /** The `--profile` value for CLI hints; null when credentials come from the environment. */
  cliProfile: string | null
  selectedBucket: string | null
  onOpen: (location: BucketLocation) => void
  /** Opens the receive dialog (upload links) for a bucket's root; adds a right-click menu. */
  onReceive?: (target: ReceiveTarget) => void
}

/** The sidebar's bucket list: filter as you type, or type a name or `s3://` URI to open it directly. */
export function BucketList({
  profileId,
  cliProfile,
  selectedBucket,
  onOpen,
  onReceive
}: BucketListProps) {
  const buckets = useBuckets(profileId)
  const [filter, setFilter] = useState('')
  const [menu, setMenu] = useState<BucketMenu | null>(null)
  const menuItems = (bucket: string): ContextMenuItem[] => [
    { id: 'open', label: 'Open', onSelect: () => onOpen({ bucket, prefix: '' }) },
    {
      id: 'receive',
      label: 'Receive files here…',
      onSelect: () => onReceive?.({ profileId, bucket, prefix: '' })
    }
  ]
  const headingId = useId()
  const listRef = useRef<HTMLUListElement>(null)
  const locale = uiLocale()

  const all = useMemo(() => (buckets.data ?? []).map(toItem), [buckets.data])
  const needle = filter.trim().toLowerCase()
  const visible = useMemo(
    () => (needle ? all.filter((item) => item.search.includes(needle)) : all),
    [all, needle]
  )
  const typed = parseBucketInput(filter)
  const typedIsListed =
    typed?.location.prefix === '' && all.some((item) => item.name === typed.location.bucket)
  // Offer to open what was typed when it is a URI, or when the filter matches nothing listed
  // (which includes a profile that may not list buckets at all).
  const openTyped =
    typed && !typedIsListed && (typed.kind === 'uri' || visible.length === 0)
      ? typed.location
      : null

  const focusButton = (index: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button')
    buttons?.[Math.max(0, Math.min(index, buttons.length - 1))]?.focus()
  }

  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      focusButton(0)
    } else if (event.key === 'Enter') {
      const only = visible.length === 1 ? visible[0] : undefined
      if (openTyped) onOpen(openTyped)
      else if (only) onOpen({ bucket: only.name, prefix: '' })
    } else if (event.key === 'Escape' && filter) {
      event.preventDefault()
      setFilter('')
    }
  }

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = Array.from(listRef.current?.querySelectorAll('button') ?? [])
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0) return
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: buttons.length - 1
    }
    const target = moves[event.key]
    if (target === undefined) return
    event.preventDefault()
    if (target < 0) listRef.current?.closest('section')?.querySelector('input')?.focus()
    else focusButton(target)
  }

  return (
    <section className="bucket-list" aria-labelledby={headingId}>
      <div className="sidebar-heading">
        <h2 id={headingId} className="sidebar-title">
          Buckets
        </h2>
        {buckets.data && <span className="count-pill">{all.length}</span>}
        <button
          type="button"
          className="icon-button"
          aria-label="Refresh buckets"
          title="Refresh buckets"
          disabled={buckets.isFetching}
          onClick={() => void buckets.refetch()}
        >
          <Icon name="refresh" className={buckets.isFetching ? 'spin' : undefined} />
        </button>
      </div>
      <div className="sidebar-search">
        <input
          type="search"
          className="input"
          placeholder="Filter or s3://bucket/…"
          aria-label="Filter buckets"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={onFilterKeyDown}
        />
      </div>
      <div className="bucket-scroll">
        {(openTyped || visible.length > 0) && (
          <ul className="bucket-items" ref={listRef} onKeyDown={onListKeyDown}>
            {openTyped && (
              <li>
                <button
                  type="button"
                  className="bucket bucket-open-typed"
                  onClick={() => onOpen(openTyped)}
                >
                  <Icon name="chevronRight" />
                  <span className="bucket-text">
                    <span className="bucket-label">
                      Open s3://{openTyped.bucket}/{openTyped.prefix}
                    </span>
                    <span className="bucket-sub">Go straight to this bucket</span>
                  </span>
                </button>
              </li>
            )}
            {visible.map((item) => (
              <BucketItem
                key={item.name}
                item={item}
                locale={locale}
                current={item.name === selectedBucket}
                onOpen={onOpen}
                onMenu={onReceive && setMenu}
              />
            ))}
          </ul>
        )}
        {buckets.isPending && buckets.fetchStatus !== 'idle' && <BucketSkeleton />}
        {buckets.isError && (
          <ErrorState
            compact
            title="Couldn't list buckets"
            error={buckets.error}
            onRetry={() => void buckets.refetch()}
            retrying={buckets.isFetching}
          >
            <p className="state-hint">
              You can still open a bucket you may read: type its name or an <code>s3://</code> URI
              above.
            </p>
          </ErrorState>
        )}
        {buckets.isSuccess && all.length === 0 && (
          <EmptyState compact icon="bucket" title="No buckets yet">
            <p>Create one, then refresh:</p>
            <code className="command">
              aws s3 mb s3://my-bucket{cliProfile ? ` --profile ${cliProfile}` : ''}
            </code>
            <p>Or type the name of a bucket you can read above.</p>
          </EmptyState>
        )}
        {menu && (
          <ContextMenu
            label={menu.bucket}
            x={menu.x}
            y={menu.y}
            items={menuItems(menu.bucket)}
            onClose={(reason) => {
              setMenu(null)
              if (reason !== 'outside') menu.button.focus()
            }}
          />
        )}
        {buckets.isSuccess && all.length > 0 && visible.length === 0 && (
          <p className="sidebar-note" role="status">
            No buckets match “{filter.trim()}”.
          </p>
        )}
      </div>
    </section>
  )
}
