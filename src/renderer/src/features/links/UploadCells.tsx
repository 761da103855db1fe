import type { LinkStatus } from '../../../../shared/countdown'
import { errorMessage } from '../../../../shared/errors'
import { formatFullDateTime } from '../../../../shared/format'
import type { IssuedLink, UploadLinkDetails } from '../../../../shared/models'
import { parentPrefix } from '../../../../shared/object-key'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import {
  destinationInWords,
  destinationName,
  receivedInWords,
  recentInWords,
  uploadKindLabel,
  uploadLimitsInWords
} from '../share/upload-words'
import { useCheckReceived, useReceivedFiles } from './use-received'
import './uploads.css'

/** What an upload link is: its kind, where files land, what it accepts. */
export function UploadObjectCell({
  bucket,
  upload
}: {
  bucket: string
  upload: UploadLinkDetails
}) {
  const { destination } = upload
  const folder = destination.kind === 'key' ? parentPrefix(destination.key) : destination.prefix
  const limits = uploadLimitsInWords(upload)
  return (
    <div role="cell" className="links-cell cell-object">
      <span className="upload-line" title={`s3://${bucket}/${destinationInWords(upload)}`}>
        <span className={`upload-kind kind-${upload.kind}`}>{uploadKindLabel(upload)}</span>
        <span className={`object-name${destination.kind === 'prefix' ? ' is-any-name' : ''}`}>
          {destinationName(upload)}
        </span>
      </span>
      <span className="object-prefix" title={`${folder || '/'} · ${limits}`}>
        {folder || '/'} · <span className="upload-limits">{limits}</span>
      </span>
    </div>
  )
}

/**
 * Under the status badge: what has arrived ("No files yet", "2 files · 3.4 MB"), with the
 * newest names on hover (and for screen readers).
 */
export function ReceivedLine({ linkId, status }: { linkId: string; status: LinkStatus }) {
  const received = useReceivedFiles(linkId, status)
  const locale = uiLocale()
  const data = received.data
  let text: string
  let title: string | undefined
  if (received.isError) {
    text = 'Check failed'
    title = errorMessage(received.error)
  } else if (data) {
    text = receivedInWords(data, locale)
    const checked = `Checked ${formatFullDateTime(data.checkedAt, locale)}`
    title = data.files > 0 ? `${recentInWords(data, locale)}\n${checked}` : checked
  } else {
    text = received.isFetching ? 'Checking…' : 'Not checked'
  }
  const names = data && data.files > 0 ? recentInWords(data, locale, 3).replaceAll('\n', ', ') : ''
  return (
    <span
      className={`received-line${data && data.files > 0 ? ' has-files' : ''}${received.isError ? ' is-error' : ''}`}
      title={title}
      data-testid="received"
    >
      {data && data.files > 0 && <Icon name="arrowDown" size={11} />}
      {text}
      {names && <span className="visually-hidden">: {names}</span>}
    </span>
  )
}

/** The row's button to check for arrivals now. */
export function CheckReceivedButton({ link, name }: { link: IssuedLink; name: string }) {
  const { check, checking } = useCheckReceived(link.id)
  return (
    <button
      type="button"
      className="icon-button"
      onClick={check}
      disabled={checking}
      aria-label={`Check files received through ${name}`}
      title="Check for files received through this link"
    >
      <Icon name="refresh" className={checking ? 'spin' : undefined} />
    </button>
  )
}
