import { useQuery } from '@tanstack/react-query'
import { MAX_LINK_URL_LENGTH, type DownloadLinkOptions } from '../../../../shared/ipc-contract'
import { call } from '../../lib/api'
import { useDebouncedValue } from '../../lib/use-debounced-value'

/** How long the options must stay still before main signs a trial link to measure. */
export const MEASURE_DEBOUNCE_MS = 300

/**
 * How long the link would be with these options, measured by main (it signs without
 * recording), once they stop changing; nothing while `options` is null.
 *
 * `tooLong` is the reason to refuse signing: the user's own choices (a long name, a
 * Content-Type) take the link past what servers accept. A failed measurement blocks nothing:
 * creating the link will say what is wrong.
 */
export function useLinkMeasure(options: DownloadLinkOptions | null) {
  const request = useDebouncedValue(
    options === null ? null : JSON.stringify(options),
    MEASURE_DEBOUNCE_MS
  )
  const query = useQuery({
    queryKey: ['share-measure', request],
    queryFn: () => call('measureDownloadLink', JSON.parse(request ?? '{}') as DownloadLinkOptions),
    enabled: request !== null,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY
  })
  // A measurement of other options than the current ones says nothing about them.
  const current = options !== null && request === JSON.stringify(options) ? query.data : undefined
  const length = current?.length ?? null
  return {
    measure: current ?? null,
    tooLong:
      length !== null && length > MAX_LINK_URL_LENGTH
        ? `This link would be ${length.toLocaleString('en')} characters long, more than the ` +
          `${MAX_LINK_URL_LENGTH.toLocaleString('en')} many servers accept. Shorten the download ` +
          'name or the Content-Type, or leave them out.'
        : null
  }
}
