import { useReducer } from 'react'
import { DEFAULT_EXPIRY_SECONDS } from '../../../../shared/expiry-scale'
import {
  parseExactDuration,
  toExactDuration,
  type DurationUnit
} from '../../../../shared/exact-duration'

export interface ExpiryChoice {
  /** The last valid lifetime, in seconds: what the slider shows and what a new link gets. */
  seconds: number
  /** The exact field as typed. */
  amount: string
  unit: DurationUnit
  /** Why the exact field's content is not a valid lifetime; null when it is. */
  error: string | null
}

type Action =
  | { type: 'set'; seconds: number }
  | { type: 'amount'; amount: string }
  | { type: 'unit'; unit: DurationUnit }

function fromSeconds(seconds: number): ExpiryChoice {
  return { seconds, ...toExactDuration(seconds), error: null }
}

function reduce(state: ExpiryChoice, action: Action): ExpiryChoice {
  switch (action.type) {
    case 'set':
      return fromSeconds(action.seconds)
    case 'amount':
    case 'unit': {
      const amount = action.type === 'amount' ? action.amount : state.amount
      const unit = action.type === 'unit' ? action.unit : state.unit
      const parsed = parseExactDuration(amount, unit)
      return parsed.ok
        ? { seconds: parsed.seconds, amount, unit, error: null }
        : { ...state, amount, unit, error: parsed.message }
    }
  }
}

/**
 * The lifetime picked in the share dialog, shared by its slider, presets and exact field.
 *
 * The slider and presets set the lifetime and rewrite the exact field in its best unit; typing
 * in the exact field changes the lifetime only while what is typed is valid, so the slider never
 * shows an impossible value. A unit change keeps the number ("3", then "days", means 3 days).
 */
export function useExpiryChoice(initialSeconds = DEFAULT_EXPIRY_SECONDS) {
  const [choice, dispatch] = useReducer(reduce, initialSeconds, fromSeconds)
  return {
    choice,
    setSeconds: (seconds: number) => dispatch({ type: 'set', seconds }),
    setAmount: (amount: string) => dispatch({ type: 'amount', amount }),
    setUnit: (unit: DurationUnit) => dispatch({ type: 'unit', unit })
  }
}
