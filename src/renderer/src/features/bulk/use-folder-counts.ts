import { useQueries } from '@tanstack/react-query'
import { MAX_BULK_KEYS } from '../../../../shared/ipc-contract'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'
import type { PartCount } from './bulk-plan'

/**
 * How many objects (and bytes) each folder holds, sub-folders included, counted by main.
 *
 * Counted afresh each time a dialog opens: a folder may have grown since. Counting stops at the
 * most one bulk share takes.
 */
export function useFolderCounts(profileId: string, bucket: string, folders: readonly string[]) {
  return useQueries({
    queries: folders.map((prefix) => ({
      queryKey: queryKeys.objectCount(profileId, bucket, prefix),
      queryFn: () => call('countObjects', { profileId, bucket, prefix, limit: MAX_BULK_KEYS }),
      staleTime: 0
    })),
    combine: (results): PartCount[] =>
      results.map((result) =>
        result.isSuccess
          ? { state: 'counted', count: result.data }
          : result.isError
            ? { state: 'failed', error: result.error }
            : { state: 'counting' }
      )
  })
}
