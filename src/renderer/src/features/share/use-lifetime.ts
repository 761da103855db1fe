import { usePreferences } from '../../lib/use-preferences'
import { useExpiryChoice } from './use-expiry-choice'
import { useShareExpiry } from './use-share-expiry'

/**
 * A new link's lifetime, as every share dialog picks it: the choice (slider, presets, exact
 * field), starting from the lifetime chosen last, and when a link made now would really stop
 * working with the profile's credentials.
 */
export function useLifetime(profileId: string) {
  const preferences = usePreferences()
  const { choice, setSeconds, setAmount, setUnit } = useExpiryChoice(
    preferences.defaultExpiresInSeconds
  )
  const expiry = useShareExpiry(profileId, choice.seconds)
  return {
    choice,
    setSeconds,
    setAmount,
    setUnit,
    expiry,
    /** The next share dialog starts with the lifetime chosen now. */
    remember: () => preferences.save({ defaultExpiresInSeconds: choice.seconds })
  }
}

export type Lifetime = ReturnType<typeof useLifetime>
