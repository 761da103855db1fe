import { formatClockTime } from '../../../shared/format'
import { uiLocale } from './locale'
import { useNowSelect } from './use-now'

export interface LiveTextProps {
  /** The text at a moment (epoch ms); must depend only on `now` and values fixed while shown. */
  text: (now: number) => string
  /** Wraps the text in a span with this class; bare text otherwise. */
  className?: string
}

/**
 * Text that follows the shared clock, such as "expires in 14 min 03 s".
 *
 * Only this element re-renders, and only when its text changes, so a countdown inside a form or
 * a table row leaves the rest alone.
 */
export function LiveText({ text, className }: LiveTextProps) {
  const value = useNowSelect(text)
  return className ? <span className={className}>{value}</span> : <>{value}</>
}

/** A moment as a clock time ("14:32"), live: it gains its date once it is no longer today. */
export function LiveClockTime({ at }: { at: number }) {
  const locale = uiLocale()
  return <LiveText text={(now) => formatClockTime(at, now, locale)} />
}
