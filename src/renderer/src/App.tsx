import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react'
import { BrowseView } from './BrowseView'
import { BulkShareDialog } from './features/bulk/BulkShareDialog'
import { LinksPanel } from './features/links/LinksPanel'
import type { BulkShareTarget, ShareTarget } from './features/objects/share-target'
import { ReceiveDialog } from './features/share/ReceiveDialog'
import type { ReceiveTarget } from './features/share/receive-target'
import { PromptHost } from './features/prompts/PromptHost'
import { ShareDialog } from './features/share/ShareDialog'
import { Icon, type IconName } from './lib/Icon'

type View = 'browse' | 'links'

const VIEWS: { id: View; label: string; icon: IconName }[] = [
  { id: 'browse', label: 'Browse', icon: 'bucket' },
  { id: 'links', label: 'Links', icon: 'links' }
]

/**
 * The window: a header with the view switch, the Browse and Links views, and the share dialog.
 *
 * Browse stays mounted while Links shows, so the open folder, its scroll position and the
 * selection are still there on the way back.
 */
export function App() {
  const [view, setView] = useState<View>('browse')
  const [shareTarget, setShareTarget] = useState<ShareTarget | null>(null)
  const [bulkTarget, setBulkTarget] = useState<BulkShareTarget | null>(null)
  const [receiveTarget, setReceiveTarget] = useState<ReceiveTarget | null>(null)
  const returnFocusTo = useRef<HTMLElement | null>(null)
  const baseId = useId()
  const tabId = (id: View) => `${baseId}-tab-${id}`
  const panelId = (id: View) => `${baseId}-panel-${id}`

  const openShare = useCallback((target: ShareTarget) => {
    returnFocusTo.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null
    setShareTarget(target)
  }, [])

  const openBulkShare = useCallback((target: BulkShareTarget) => {
    returnFocusTo.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null
    setBulkTarget(target)
  }, [])

  const openReceive = useCallback((target: ReceiveTarget) => {
    returnFocusTo.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null
    setReceiveTarget(target)
  }, [])

  const closeShare = useCallback(() => {
    setShareTarget(null)
    setBulkTarget(null)
    setReceiveTarget(null)
    const element = returnFocusTo.current
    // After the dialog is gone: a modal dialog keeps focus inside itself while it is open.
    setTimeout(() => {
      if (element?.isConnected) element.focus()
    }, 0)
  }, [])

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = VIEWS.findIndex((candidate) => candidate.id === view)
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key as 'ArrowRight' | 'ArrowLeft']
    const target =
      event.key === 'Home'
        ? VIEWS[0]
        : event.key === 'End'
          ? VIEWS.at(-1)
          : step
            ? VIEWS[(index + step + VIEWS.length) % VIEWS.length]
            : undefined
    if (!target) return
    event.preventDefault()
    setView(target.id)
    document.getElementById(tabId(target.id))?.focus()
  }

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-brand">
          <Icon name="logo" className="app-logo" />
          {/* The page's one h1: views and dialogs use h2 and below under it. */}
          <h1 className="app-name">S3 Share Manager</h1>
        </div>
        <div className="segmented" role="tablist" aria-label="View" onKeyDown={onTabKeyDown}>
          {VIEWS.map((candidate) => (
            <button
              key={candidate.id}
              id={tabId(candidate.id)}
              type="button"
              role="tab"
              className="segment"
              aria-selected={view === candidate.id}
              aria-controls={panelId(candidate.id)}
              tabIndex={view === candidate.id ? 0 : -1}
              onClick={() => setView(candidate.id)}
            >
              <Icon name={candidate.icon} />
              {candidate.label}
            </button>
          ))}
        </div>
        <div className="app-header-end" />
      </header>
      <main className="app-main">
        <div
          id={panelId('browse')}
          role="tabpanel"
          aria-labelledby={tabId('browse')}
          className="view"
          hidden={view !== 'browse'}
        >
          <BrowseView onShare={openShare} onShareMany={openBulkShare} onReceive={openReceive} />
        </div>
        {view === 'links' && (
          <div
            id={panelId('links')}
            role="tabpanel"
            aria-labelledby={tabId('links')}
            className="view"
          >
            <LinksPanel />
          </div>
        )}
      </main>
      {shareTarget && (
        <ShareDialog
          target={shareTarget}
          versionId={shareTarget.versionId ?? null}
          onClose={closeShare}
        />
      )}
      {bulkTarget && <BulkShareDialog target={bulkTarget} onClose={closeShare} />}
      <PromptHost />
      {receiveTarget && <ReceiveDialog target={receiveTarget} onClose={closeShare} />}
    </div>
  )
}
