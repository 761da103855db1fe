import type { IssuedLink } from '../../../../shared/models'

/** What each row's buttons do; one stable object, so that rows stay memoized. */
export interface LinkRowActions {
  onCopy: (link: IssuedLink) => void
  onOpen: (link: IssuedLink) => void
  onForget: (link: IssuedLink) => void
  onTest: (link: IssuedLink) => void
  onRenew: (link: IssuedLink) => void
  onWatch: (link: IssuedLink, watched: boolean) => void
  onRevoke: (link: IssuedLink) => void
  onQr: (link: IssuedLink) => void
  onDetails: (link: IssuedLink) => void
}

export interface LinkRowHandlers {
  /** The link whose URL was just copied, for the row's "Copied" feedback. */
  copiedId: string | null
  /** Links being tested or renewed right now. */
  busyIds: ReadonlySet<string>
  actions: LinkRowActions
}
