import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { errorMessage } from '../../../../shared/errors'
import type { InvokeArgs } from '../../../../shared/ipc-contract'
import type { IssuedLink } from '../../../../shared/models'
import { call } from '../../lib/api'
import { queryKeys } from '../../lib/query-keys'
import { useCopyText } from '../../lib/use-copy-text'
import { selfTestFailed } from './SelfTestResult'

export type ShareRequest = InvokeArgs<'links:create-download'>

export interface SharedLink {
  link: IssuedLink
  /** Whether the URL went to the clipboard. */
  copied: boolean
  /** Why the URL could not be put on the clipboard; null when it was, or when nobody tried. */
  copyError: string | null
}

/**
 * Creates a download link (main tests it once, unless asked not to) and puts it on the
 * clipboard in one go, unless its test failed: a link known not to work is not copied until
 * the user has read why and copies it anyway.
 *
 * A failed copy does not fail the whole: the link exists, so it is returned with the reason and
 * the dialog offers the URL to copy by hand. When the dialog has closed before the link arrives,
 * the clipboard is left alone: the user may have copied something else since. The Links view's
 * pages are asked for again either way (main's `onLinksChanged` says so too, but only while the
 * view is shown), and the profile's credentials status is checked again, since signing may have
 * renewed them.
 */
export function useShareLink() {
  const queryClient = useQueryClient()
  const { copyAsync } = useCopyText()
  const mounted = useRef(false)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  return useMutation({
    mutationFn: async (request: ShareRequest): Promise<SharedLink> => {
      const link = await call('createDownloadLink', request)
      if (!mounted.current || selfTestFailed(link)) return { link, copied: false, copyError: null }
      try {
        await copyAsync(link.url)
        return { link, copied: true, copyError: null }
      } catch (cause) {
        return { link, copied: false, copyError: errorMessage(cause) }
      }
    },
    onSuccess: ({ link }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.links })
      void queryClient.invalidateQueries({ queryKey: queryKeys.credentials(link.profileId) })
    }
  })
}
