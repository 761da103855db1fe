import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { useCopyText } from '../../lib/use-copy-text'

/**
 * A read-only one-line value (a URL) with a Copy button; `copyLabel` renames the button
 * ("Copy anyway" for a link that failed its test).
 */
export function CopyField({
  value,
  label,
  copyLabel = 'Copy',
  onCopied
}: {
  value: string
  label: string
  copyLabel?: string
  onCopied?: () => void
}) {
  const copyText = useCopyText()
  const copied = copyText.copied === value
  return (
    <>
      <div className="url-row">
        <input
          type="text"
          readOnly
          className="input mono url-field"
          value={value}
          aria-label={label}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => copyText.copy(value, { onCopied })}>
          <Icon name={copied ? 'check' : 'copy'} />
          {copied ? 'Copied' : copyLabel}
        </button>
      </div>
      <CopyError error={copyText.error} />
    </>
  )
}
