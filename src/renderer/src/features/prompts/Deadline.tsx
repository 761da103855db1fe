import { formatCountdown } from '../../../../shared/countdown'
import { useDeadline, useNow } from '../../lib/use-now'

/** "Code expires in 9 min 41 s", counting down on the shared clock. */
export function Deadline({ at, label }: { at: string; label: string }) {
  const deadline = Date.parse(at)
  useDeadline(deadline)
  const now = useNow()
  const left = deadline - now
  return (
    <p className="prompt-deadline muted" data-testid="prompt-deadline">
      {left > 0 ? `${label} ${formatCountdown(left)}` : 'Time is up.'}
    </p>
  )
}
