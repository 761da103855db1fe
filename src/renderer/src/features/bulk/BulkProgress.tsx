import type { JobState } from '../../../../shared/models'
import { formatCount, pluralize } from '../../../../shared/format'
import { uiLocale } from '../../lib/locale'

/**
 * A job under way: how many links are made of how many, how fast, as text and as a bar.
 *
 * `listing` counts the keys found while the folders of a mixed selection are listed, before
 * main has a job.
 */
export function BulkProgress({ job, listing }: { job: JobState | null; listing: number | null }) {
  const locale = uiLocale()
  const count = (value: number) => formatCount(value, locale)

  if (job === null || job.phase === 'listing') {
    const found = listing ?? job?.done ?? 0
    return (
      <section className="bulk-progress" aria-label="Progress">
        <p className="bulk-progress-line">
          <strong>Listing the objects to share…</strong>{' '}
          <span className="muted">{pluralize(found, 'object', 'objects', locale)} found</span>
        </p>
        <progress className="bulk-bar" aria-label="Listing objects" />
      </section>
    )
  }

  const total = job.total ?? job.done
  return (
    <section className="bulk-progress" aria-label="Progress">
      <p className="bulk-progress-line">
        <strong>
          Creating links… {count(job.done)} of {count(total)}
        </strong>
        <span className="muted">{count(Math.round(job.ratePerSecond))} per second</span>
      </p>
      <progress
        className="bulk-bar"
        aria-label="Links created"
        max={Math.max(total, 1)}
        value={job.done}
        aria-valuetext={`${count(job.done)} of ${count(total)}`}
      />
      {job.failed > 0 && (
        <p className="bulk-progress-failed">
          {pluralize(job.failed, 'object', 'objects', locale)} failed so far
        </p>
      )}
    </section>
  )
}
