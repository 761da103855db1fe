import { useId, type Ref } from 'react'
import { ExpiryNotes, ExpiryPreview } from './ExpiryNotes'
import { ExpiryPicker } from './ExpiryPicker'
import type { Lifetime } from './use-lifetime'

/**
 * The lifetime part of a share dialog: the picker, when the link would really expire, and why
 * it may stop working sooner (temporary credentials).
 */
export function LifetimeFields({
  lifetime,
  profileId,
  sliderRef
}: {
  lifetime: Lifetime
  profileId: string
  sliderRef?: Ref<HTMLInputElement>
}) {
  const previewId = useId()
  const { choice, expiry } = lifetime
  const { credentialsExpireAt } = expiry
  return (
    <>
      <ExpiryPicker
        choice={choice}
        onSeconds={lifetime.setSeconds}
        onAmount={lifetime.setAmount}
        onUnit={lifetime.setUnit}
        cap={credentialsExpireAt === null ? null : { expiresAt: credentialsExpireAt, profileId }}
        describedBy={previewId}
        sliderRef={sliderRef}
      />
      <ExpiryPreview id={previewId} expiry={expiry} seconds={choice.seconds} error={choice.error} />
      <ExpiryNotes expiry={expiry} profileId={profileId} />
    </>
  )
}
