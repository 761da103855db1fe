import { useEffect, useRef, useState } from 'react'
import { pluralize } from '../../../../shared/format'
import type { ExportFormat, LinkBatch } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { COPIED_FEEDBACK_MS } from '../../lib/use-copy-text'

export interface BatchHandlers {
  /** Resolves with whether the URLs reached the clipboard. */
  onCopyAll: (batch: LinkBatch) => Promise<boolean>
  onExport: (batch: LinkBatch, format: ExportFormat) => Promise<void>
  onForgetAll: (batch: LinkBatch) => Promise<void>
}

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'text', label: 'Text' }
]

/**
 * What can be done with a whole batch: copy every URL, export again, forget it.
 *
 * Forgetting asks first, naming how many links go, and can be undone for a few seconds only
 * (the URLs themselves keep working until they expire, but the app no longer lists them).
 */
export function BatchActions({ batch, handlers }: { batch: LinkBatch; handlers: BatchHandlers }) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [copied, setCopied] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const forgetRef = useRef<HTMLButtonElement>(null)
  const links = pluralize(batch.linkCount, 'link', 'links', uiLocale())

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS)
    return () => clearTimeout(timer)
  }, [copied])

  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
  }, [confirming])

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    try {
      await action()
    } finally {
      setBusy(false)
    }
  }

  const cancel = () => {
    setConfirming(false)
    setTimeout(() => forgetRef.current?.focus(), 0)
  }

  if (confirming) {
    return (
      <div className="batch-actions batch-confirm" role="group" aria-label="Confirm forgetting">
        <p>
          Forget all {links} of this batch? The URLs keep working until they expire, but this app no
          longer lists them.
        </p>
        <button
          ref={confirmRef}
          type="button"
          className="button button-small button-danger"
          disabled={busy}
          onClick={() => void run(() => handlers.onForgetAll(batch))}
        >
          Forget {links}
        </button>
        <button type="button" className="button button-small" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    )
  }

  return (
    <div className="batch-actions" role="group" aria-label="Batch actions">
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            if (await handlers.onCopyAll(batch)) setCopied(true)
          })
        }
      >
        <Icon name={copied ? 'check' : 'copy'} size={14} />
        {copied ? 'Copied' : 'Copy all'}
      </button>
      <span className="batch-export" role="group" aria-label="Export">
        <span className="batch-export-label" aria-hidden="true">
          Export
        </span>
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="button button-small"
            disabled={busy}
            aria-label={`Export as ${label}`}
            onClick={() => void run(() => handlers.onExport(batch, format))}
          >
            {label}
          </button>
        ))}
      </span>
      <button
        ref={forgetRef}
        type="button"
        className="button button-small batch-forget"
        disabled={busy}
        onClick={() => setConfirming(true)}
      >
        <Icon name="trash" size={14} />
        Forget all
      </button>
    </div>
  )
}
