import { useId } from 'react'
import { formatRemaining } from '../../../../shared/countdown'
import { errorMessage } from '../../../../shared/errors'
import type { IssuedLink, UploadLinkDetails } from '../../../../shared/models'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { LiveText } from '../../lib/LiveText'
import { Message } from '../../lib/Message'
import { useCopyText } from '../../lib/use-copy-text'
import { CopyField } from './CopyField'
import { destinationInWords, uploadKindLabel, uploadLimitsInWords } from './upload-words'

/** A block of text to copy whole, such as a command: wraps between words only, else scrolls. */
function CopyBlock({ title, text, copyLabel }: { title: string; text: string; copyLabel: string }) {
  const id = useId()
  const copyText = useCopyText()
  const copied = copyText.copied === text
  return (
    <div className="upload-block">
      <div className="upload-block-head">
        <span id={id} className="field-label">
          {title}
        </span>
        <button
          type="button"
          className="button button-small"
          aria-label={copied ? 'Copied' : copyLabel}
          onClick={() => copyText.copy(text)}
        >
          <Icon name={copied ? 'check' : 'copy'} size={14} />
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre className="upload-command selectable" aria-labelledby={id} tabIndex={0}>
        {/* Each word unbreakable: lines wrap between words only, and a long URL scrolls. */}
        {text
          .split(/(\s+)/)
          .map((part, index) => (index % 2 === 1 ? part : <span key={index}>{part}</span>))}
      </pre>
      <CopyError error={copyText.error} />
    </div>
  )
}

/** The form fields of a POST link, in the order they must be sent (the file comes after them). */
function PostFields({ fields }: { fields: Record<string, string> }) {
  return (
    <div className="upload-block">
      <span className="field-label">Form fields, in this order, then the file as “file”</span>
      <dl className="upload-fields">
        {Object.entries(fields).map(([name, value]) => (
          <div key={name} className="upload-field-row">
            <dt className="mono">{name}</dt>
            <dd className="mono selectable" title={value}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

function Summary({ upload }: { upload: UploadLinkDetails }) {
  const headers = Object.entries(upload.headers ?? {})
  return (
    <ul className="upload-summary">
      <li>
        <span className="meta-label">Saves to</span>{' '}
        <span className="mono">{destinationInWords(upload)}</span>
      </li>
      <li>
        <span className="meta-label">Accepts</span> {uploadLimitsInWords(upload)}
        {upload.uploadMethod === 'PUT' && ' (a PUT cannot limit it)'}
      </li>
      {headers.map(([name, value]) => (
        <li key={name}>
          <span className="meta-label">Must send</span>{' '}
          <code>
            {name}: {value}
          </code>{' '}
          exactly
        </li>
      ))}
    </ul>
  )
}

/**
 * The upload link just made: the link to hand out (the page's, or the upload URL), what it
 * accepts in words, and what a technical uploader needs: the `curl` command and, for a POST, the
 * form fields.
 */
export function UploadResult({
  link,
  onOpenPage,
  openError
}: {
  link: IssuedLink
  onOpenPage: () => void
  openError: unknown
}) {
  const upload = link.upload
  if (!upload) return null
  const isPage = upload.kind === 'page'
  const linkLabel = isPage ? 'Page link' : upload.uploadMethod === 'PUT' ? 'Upload URL' : 'Form URL'
  return (
    <section className="share-result upload-result" aria-label="New upload link">
      <p className="result-line tone-success">
        <Icon name="check" />
        <span>
          {uploadKindLabel(upload)} link created —{' '}
          <LiveText text={(now) => formatRemaining(link.expiresAt, now)} />
        </span>
        {link.cappedBy === 'credentials' && (
          <span className="capped-marker">capped by credentials</span>
        )}
      </p>
      <div className="upload-block">
        <span className="field-label">
          {isPage ? 'Send this link to the recipient' : linkLabel}
        </span>
        <CopyField value={isPage ? link.url : upload.uploadUrl} label={linkLabel} />
        {isPage && (
          <div className="upload-open">
            <button type="button" className="button" onClick={onOpenPage}>
              <Icon name="external" />
              Open the page
            </button>
            <span className="receive-hint">See it as the recipient will.</span>
          </div>
        )}
        {openError ? (
          <p className="field-error" role="alert">
            Could not open the page: <Message text={errorMessage(openError)} />
          </p>
        ) : null}
      </div>
      <Summary upload={upload} />
      <CopyBlock title="Command line (curl)" text={upload.command} copyLabel="Copy command" />
      {upload.fields && <PostFields fields={upload.fields} />}
    </section>
  )
}
