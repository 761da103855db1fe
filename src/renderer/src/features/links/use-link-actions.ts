import { useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { ExportFormat, LinkRemoval } from '../../../../shared/models'
import { call } from '../../lib/api'
import { linkKeys } from './link-query'

/**
 * What the Links view asks main to do. Each change refreshes the list as soon as main confirms,
 * without waiting for the change event (which then finds nothing new).
 */
export function useLinkActions() {
  const queryClient = useQueryClient()
  return useMemo(() => {
    const refresh = () => queryClient.invalidateQueries({ queryKey: linkKeys.all })
    /** Runs a change, then refreshes the list whether or not it worked. */
    async function changing<T>(change: () => Promise<T>): Promise<T> {
      try {
        return await change()
      } finally {
        await refresh()
      }
    }
    return {
      openInBrowser: (id: string) => call('openLinkInBrowser', { id }),
      /** `deletePage`: also delete an upload link's page object from the bucket. */
      forget: (id: string, deletePage?: boolean): Promise<LinkRemoval> =>
        changing(() => call('forgetLink', deletePage === undefined ? { id } : { id, deletePage })),
      /** Forgets every expired link. */
      clearExpired: (): Promise<LinkRemoval> => changing(() => call('clearExpiredLinks')),
      /** Puts every URL of a batch on the clipboard; resolves with how many. */
      copyBatch: (batchId: string) => call('copyBatch', { batchId }),
      /** Saves a batch's links through main's save dialog; null when the user cancelled it. */
      exportBatch: (batchId: string, format: ExportFormat) =>
        call('exportLinks', { format, batchId }),
      /** Forgets a batch and its links. */
      forgetBatch: (batchId: string): Promise<LinkRemoval> =>
        changing(() => call('forgetBatch', { batchId })),
      /** Brings back what a removal took, within `UNDO_WINDOW_MS`; resolves with how many. */
      undo: (undoToken: string) => changing(() => call('undoRemoval', { undoToken })),
      test: (id: string) => changing(() => call('testLink', { id })),
      testAll: () => call('testAllLinks'),
      cancelJob: (jobId: string) => call('cancelJob', { jobId }),
      renew: (id: string) => changing(() => call('renewLink', { id })),
      watch: (id: string, watched: boolean) => changing(() => call('watchLink', { id, watched })),
      planRevoke: (id: string) => call('planRevoke', { id }),
      revoke: (id: string, action: 'delete-object' | 'mark') =>
        changing(() => call('revokeLink', { id, action })),
      chain: (id: string) => call('getLinkChain', { id })
    }
  }, [queryClient])
}

export type LinkActions = ReturnType<typeof useLinkActions>
