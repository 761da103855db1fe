import { useEffect } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { formatCount, pluralize } from '../../../../shared/format'
import type { JobState } from '../../../../shared/models'
import { Message } from '../../lib/Message'
import { uiLocale } from '../../lib/locale'
import { Icon } from '../../lib/Icon'
import type { LinkActions } from './use-link-actions'
import { useLinkTests } from './use-link-tests'

function progressInWords(job: JobState, locale: string | undefined): string {
  const of = job.total === null ? '' : ` of ${formatCount(job.total, locale)}`
  const failed = job.failed > 0 ? `, ${formatCount(job.failed, locale)} failed` : ''
  if (job.state === 'running') return `Testing: ${formatCount(job.done, locale)}${of}${failed}…`
  const tested = pluralize(job.done, 'link', 'links', locale)
  const outcome =
    job.failed === 0
      ? job.done === 0
        ? ''
        : ': all work'
      : `: ${formatCount(job.failed, locale)} failed (see their rows)`
  if (job.state === 'cancelled') return `Cancelled after testing ${tested}${outcome}.`
  if (job.state === 'failed') return `Testing stopped after ${tested}: ${job.error?.message ?? ''}`
  return `Tested ${tested}${outcome}.`
}

/** "Test all active", its progress with Cancel, and how many failed once it is done. */
export function TestAllLinks({
  actions,
  announce
}: {
  actions: LinkActions
  /** Says the outcome to screen readers once the job ends (progress is shown, not said). */
  announce: (text: string) => void
}) {
  const tests = useLinkTests(actions)
  const locale = uiLocale()
  const { job } = tests
  const running = job?.state === 'running'
  const outcome = job && !running ? progressInWords(job, locale) : null
  useEffect(() => {
    if (outcome) announce(outcome)
  }, [outcome, announce])
  return (
    <div className="test-all">
      {!running && (
        <button
          type="button"
          className="button"
          onClick={() => void tests.start()}
          disabled={tests.starting}
          title="Fetch the first byte of every active download link, to see which still work"
        >
          <Icon name="test" />
          {tests.starting ? 'Starting…' : 'Test all active'}
        </button>
      )}
      <div className="test-all-status">
        {job && (
          <>
            {running && (
              <progress
                className="test-all-progress"
                value={job.done}
                max={job.total ?? undefined}
                aria-label="Testing links"
              />
            )}
            <span className={job.failed > 0 ? 'tone-failed' : undefined}>
              {progressInWords(job, locale)}
            </span>
          </>
        )}
        {tests.error !== null && (
          <span className="tone-failed">
            Could not test the links: <Message text={errorMessage(tests.error)} />
          </span>
        )}
      </div>
      {running && (
        <button type="button" className="button button-small" onClick={() => void tests.cancel()}>
          Cancel
        </button>
      )}
      {!running && (job || tests.error !== null) && (
        <button type="button" className="button subtle button-small" onClick={tests.dismiss}>
          Dismiss
        </button>
      )}
    </div>
  )
}
