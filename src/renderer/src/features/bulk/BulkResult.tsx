import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { formatCount, formatMoment, pluralize } from '../../../../shared/format'
import type { ExportFormat, JobState } from '../../../../shared/models'
import { call } from '../../lib/api'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import { useCopyText } from '../../lib/use-copy-text'
import { Note } from '../share/Note'
import { BatchLinksTable } from './BatchLinksTable'
import { jobTally } from './job-state'
import { useBatchLinks } from './use-batch-links'

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'text', label: 'Text' }
]

/**
 * A finished bulk share: what was made, failed or cancelled, the links themselves, and ways to
 * take them away (copy all, export to a file main writes after its save dialog).
 */
export function BulkResult({ job }: { job: JobState }) {
  const locale = uiLocale()
  const tally = jobTally(job)
  const batchId = job.batchId
  const batch = useBatchLinks(batchId)
  const copyOne = useCopyText()
  const [done, setDone] = useState('')

  const copyAll = useMutation({
    mutationFn: (id: string) => call('copyBatch', { batchId: id }),
    onSuccess: (count) =>
      setDone(`Copied ${pluralize(count, 'link', 'links', locale)} to the clipboard, one per line.`)
  })
  const exportAs = useMutation({
    mutationFn: ({ id, format }: { id: string; format: ExportFormat }) =>
      call('exportLinks', { format, batchId: id }),
    onSuccess: (saved) =>
      saved && setDone(`Saved ${pluralize(saved.count, 'link', 'links', locale)} to ${saved.path}`)
  })
  const failure = copyAll.error ?? exportAs.error
  const first = batch.links[0]

  return (
    <section className="bulk-result" aria-label="Result">
      <p className="bulk-tally">
        <span className="tally-made">
          <Icon name="check" /> {pluralize(tally.made, 'link', 'links', locale)} made
        </span>
        {tally.failed > 0 && (
          <span className="tally-failed">
            <Icon name="error" /> {formatCount(tally.failed, locale)} failed
          </span>
        )}
        {job.state === 'cancelled' && (
          <span className="tally-skipped">{formatCount(tally.skipped, locale)} cancelled</span>
        )}
        {first && (
          <span className="muted">
            Work until {formatMoment(first.expiresAt, locale)}
            {first.cappedBy === 'credentials' && ' (capped by the credentials)'}
          </span>
        )}
      </p>
      {job.state === 'failed' && job.error && (
        <Note tone="error" role="alert">
          <p>
            The share stopped: <Message text={job.error.message} />
          </p>
        </Note>
      )}

      {batchId !== null && tally.made > 0 && (
        <>
          <div className="bulk-actions">
            <button
              type="button"
              className="button"
              disabled={copyAll.isPending}
              onClick={() => copyAll.mutate(batchId)}
            >
              <Icon name="copy" /> Copy all
            </button>
            <div className="bulk-export" role="group" aria-label="Export">
              <span className="bulk-export-label">Export</span>
              {FORMATS.map(({ format, label }) => (
                <button
                  key={format}
                  type="button"
                  className="button"
                  aria-label={`Export ${label}`}
                  disabled={exportAs.isPending}
                  onClick={() => exportAs.mutate({ id: batchId, format })}
                >
                  {label}
                </button>
              ))}
            </div>
            <p className="bulk-done" role="status">
              {done}
            </p>
          </div>
          {failure && (
            <p className="field-error" role="alert">
              <Message text={errorMessage(failure)} />
            </p>
          )}
          <BatchLinksTable
            links={batch.links}
            total={batch.total ?? tally.made}
            onEndReached={() => {
              const { hasNextPage, isFetchingNextPage, fetchNextPage } = batch.query
              if (hasNextPage && !isFetchingNextPage) void fetchNextPage()
            }}
            onCopy={(link) => copyOne.copy(link.url, { key: link.id })}
            copiedId={copyOne.copied}
          />
          <CopyError error={copyOne.error} />
          {batch.query.isError && (
            <p className="field-error" role="alert">
              Could not read the links: <Message text={errorMessage(batch.query.error)} />
            </p>
          )}
        </>
      )}

      {job.errors.length > 0 && (
        <details className="bulk-errors" open={tally.made === 0}>
          <summary>
            {pluralize(job.failed, 'object', 'objects', locale)} could not be shared
          </summary>
          <ul>
            {job.errors.map((error) => (
              <li key={error.key}>
                <span className="mono">{error.key}</span>: <Message text={error.message} />
              </li>
            ))}
          </ul>
          {job.failed > job.errors.length && (
            <p className="muted">and {formatCount(job.failed - job.errors.length, locale)} more</p>
          )}
        </details>
      )}
    </section>
  )
}
