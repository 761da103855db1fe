import { useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { ExportFormat } from '../../../../shared/models'
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
    return {
      openInBrowser: (id: string) => call('openLinkInBrowser', { id }),
      /** `deletePage`: also delete an upload link's page object from the bucket. */
      async forget(id: string, deletePage?: boolean) {
        await call('forgetLink', deletePage === undefined ? { id } : { id, deletePage })
        await refresh()
      },
      /** Forgets every expired link; resolves with how many went. */
      async clearExpired() {
        const cleared = await call('clearExpiredLinks')
        await refresh()
        return cleared
      },
      /** Puts every URL of a batch on the clipboard; resolves with how many. */
      copyBatch: (batchId: string) => call('copyBatch', { batchId }),
      /** Saves a batch's links through main's save dialog; null when the user cancelled it. */
      exportBatch: (batchId: string, format: ExportFormat) =>
        call('exportLinks', { format, batchId }),
      /** Forgets a batch and its links; resolves with how many links went. */
      async forgetBatch(batchId: string) {
        const forgotten = await call('forgetBatch', { batchId })
        await refresh()
        return forgotten
      }
    }
  }, [queryClient])
}

export type LinkActions = ReturnType<typeof useLinkActions>
