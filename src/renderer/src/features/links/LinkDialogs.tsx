import { pluralize } from '../../../../shared/format'
import type { IssuedLink, RevokeResult } from '../../../../shared/models'
import { uiLocale } from '../../lib/locale'
import { QrCodeDialog } from '../qr/QrCodeDialog'
import { linkName } from '../share/upload-words'
import { ClearExpiredDialog } from './ClearExpiredDialog'
import { ForgetPageDialog } from './ForgetPageDialog'
import { LinkDetailsDialog } from './LinkDetailsDialog'
import { RevokeDialog } from './RevokeDialog'
import type { LinkActions } from './use-link-actions'
import type { Feedback, LinkDialog } from './use-link-handlers'

export interface LinkDialogsProps {
  dialog: LinkDialog | null
  onOpen: (dialog: LinkDialog | null) => void
  actions: LinkActions
  feedback: Feedback
  /** Expired links in the whole registry, for "Clear expired". */
  expiredTotal: number
  forget: (link: IssuedLink, deletePage?: boolean) => Promise<void>
  clearExpired: () => Promise<void>
}

function revokedInWords(result: RevokeResult, link: IssuedLink): string {
  const links = pluralize(result.revoked, 'link', 'links', uiLocale())
  return result.deletedObject
    ? `Deleted \`${link.key}\` from bucket \`${link.bucket}\`: ${links} to it now show as revoked.`
    : `Marked the link to ${linkName(link)} revoked.`
}

/** Whichever dialog of the Links view is open: one at a time. */
export function LinkDialogs(props: LinkDialogsProps) {
  const { dialog, onOpen, actions, feedback } = props
  const close = () => onOpen(null)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'forget-page':
      return (
        <ForgetPageDialog
          key={dialog.link.id}
          link={dialog.link}
          onConfirm={(deletePage) => {
            close()
            void props.forget(dialog.link, deletePage)
          }}
          onCancel={close}
        />
      )
    case 'clear-expired':
      return (
        <ClearExpiredDialog
          count={props.expiredTotal}
          onConfirm={async () => {
            await props.clearExpired()
            close()
          }}
          onCancel={close}
        />
      )
    case 'revoke':
      return (
        <RevokeDialog
          key={dialog.link.id}
          link={dialog.link}
          actions={actions}
          onDone={(result, link) => {
            close()
            feedback.notify('info', revokedInWords(result, link))
          }}
          onCancel={close}
        />
      )
    case 'details':
      return (
        <LinkDetailsDialog
          key={dialog.link.id}
          link={dialog.link}
          actions={actions}
          onShow={(link) => onOpen({ kind: 'details', link })}
          onClose={close}
        />
      )
    case 'qr':
      return <QrCodeDialog url={dialog.link.url} name={linkName(dialog.link)} onClose={close} />
  }
}
