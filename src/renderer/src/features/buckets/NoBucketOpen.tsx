import { errorMessage } from '../../../../shared/errors'
import { EmptyState } from '../../lib/EmptyState'
import { Message } from '../../lib/Message'
import { useBuckets } from './use-buckets'

export interface NoBucketOpenProps {
  profileId: string
  /** The `--profile` value for CLI hints; null when credentials come from the environment. */
  cliProfile: string | null
}

/**
 * The main pane before a bucket is open: it says what the sidebar's list says, so a profile that
 * cannot list buckets is not asked to pick one.
 *
 * It reads the same cached listing as the sidebar; the sidebar keeps the retry.
 */
export function NoBucketOpen({ profileId, cliProfile }: NoBucketOpenProps) {
  const buckets = useBuckets(profileId)
  if (buckets.isError) {
    return (
      <EmptyState icon="bucket" title="No bucket can be listed with this profile">
        <p>
          <Message text={errorMessage(buckets.error)} />
        </p>
        <p>
          You can still open a bucket you may read: type its name or an <code>s3://</code> URI in
          the sidebar&apos;s filter.
        </p>
      </EmptyState>
    )
  }
  if (buckets.isSuccess && buckets.data.length === 0) {
    return (
      <EmptyState icon="bucket" title="This profile has no buckets yet">
        <p>Create one, then refresh the list in the sidebar:</p>
        <code className="command">
          aws s3 mb s3://my-bucket{cliProfile ? ` --profile ${cliProfile}` : ''}
        </code>
        <p>Or type the name of a bucket you can read in the sidebar&apos;s filter.</p>
      </EmptyState>
    )
  }
  return (
    <EmptyState icon="bucket" title="Choose a bucket">
      <p>Pick one in the sidebar, or type a bucket name or an s3:// URI there to open it.</p>
    </EmptyState>
  )
}
