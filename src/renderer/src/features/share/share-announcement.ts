import { selfTestFailed } from './SelfTestResult'
import type { SharedLink } from './use-share-link'

/** What a screen reader hears once a link is made: whether it works, and where it went. */
export function announcement({ link, copied, copyError }: SharedLink): string {
  if (selfTestFailed(link)) {
    return `Link created, but its test failed: ${link.selfTest?.message ?? ''} It was not copied.`
  }
  const tested =
    link.selfTest?.outcome === 'works'
      ? 'Link created and tested: it works'
      : 'Link created (not tested)'
  if (copyError !== null) return `${tested}, but it could not be copied to the clipboard.`
  return copied ? `${tested}. Copied to the clipboard.` : `${tested}.`
}
