import { errorMessage } from '../../../../shared/errors'
import type { ProfileTestResult } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { TextField } from './ProfileFormFields'

export interface ProfileFormTestProps {
  bucket: string
  onBucketChange: (bucket: string) => void
  onTest: () => void
  pending: boolean
  result: ProfileTestResult | null
  /** A failure of the request itself (not of the connection). */
  error: unknown
  /** Why the test cannot run yet (the draft has a problem); null when it can. */
  blockedBy: string | null
}

/**
 * The connection test before saving: ListBuckets, or HeadBucket on a bucket the user names
 * (keys limited to a few buckets may not list them). Says what worked or exactly what failed.
 */
export function ProfileFormTest({
  bucket,
  onBucketChange,
  onTest,
  pending,
  result,
  error,
  blockedBy
}: ProfileFormTestProps) {
  return (
    <section className="profile-test" aria-label="Connection test">
      <div className="profile-test-row">
        <TextField
          label="Bucket to check"
          optional
          mono
          placeholder="Lists all buckets when empty"
          value={bucket}
          onChange={onBucketChange}
          error={null}
        />
        <button
          type="button"
          className="button"
          onClick={onTest}
          disabled={pending || blockedBy !== null}
          title={blockedBy ?? undefined}
        >
          <Icon name={pending ? 'refresh' : 'check'} />
          {pending ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {result && (
          <p className={`profile-test-result outcome-${result.outcome}`}>
            <Icon
              name={
                result.outcome === 'passed'
                  ? 'check'
                  : result.outcome === 'failed'
                    ? 'error'
                    : 'key'
              }
            />
            <span>
              <Message text={result.message} />
            </span>
          </p>
        )}
        {error !== null && error !== undefined && (
          <p className="profile-test-result outcome-failed">
            <Icon name="error" />
            <span>
              The test could not run: <Message text={errorMessage(error)} />
            </span>
          </p>
        )}
      </div>
    </section>
  )
}
