import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { IssuedLink, LinksSnapshot } from '../../../../shared/models'
import { call, errorMessage } from '../../lib/api'
import { linksQueryKey } from '../links/use-links'
import { credentialsStatusKey } from './use-credentials-status'

export interface ShareRequest {
  profileId: string
  bucket: string
  key: string
  expiresInSeconds: number
  label: string
  downloadFilename: string | null
}

export interface SharedLink {
  link: IssuedLink
  /** Why the URL could not be put on the clipboard; null when it was. */
  copyError: string | null
}

/**
 * Creates a download link and puts it on the clipboard in one go.
 *
 * A failed copy does not fail the whole: the link exists, so it is returned with the reason and
 * the dialog offers the URL to copy by hand. The links list gets the new link at once (main's
 * `onLinksChanged` brings it too), and the profile's credentials status is checked again, since
 * signing may have renewed them.
 */
export function useShareLink() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (request: ShareRequest): Promise<SharedLink> => {
      const link = await call('createDownloadLink', request)
      try {
        await call('writeClipboardText', { text: link.url })
        return { link, copyError: null }
      } catch (cause) {
        return { link, copyError: errorMessage(cause) }
      }
    },
    onSuccess: ({ link }) => {
      queryClient.setQueryData<LinksSnapshot>(linksQueryKey, (current) =>
        current && !current.links.some((known) => known.id === link.id)
          ? { ...current, links: [...current.links, link] }
          : current
      )
      void queryClient.invalidateQueries({ queryKey: credentialsStatusKey(link.profileId) })
    }
  })
}
