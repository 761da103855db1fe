import { errorMessage } from '../../../shared/errors'
import { Message } from './Message'

/** Why a copy to the clipboard failed, from `useCopyText().error`; nothing while all is well. */
export function CopyError({
  error,
  className = 'field-error'
}: {
  error: unknown
  className?: string
}) {
  if (!error) return null
  return (
    <p className={className} role="alert">
      Could not copy: <Message text={errorMessage(error)} />
    </p>
  )
}
