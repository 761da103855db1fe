import { useId, type Ref } from 'react'
import { ExpiryNotes, ExpiryPreview } from './ExpiryNotes'
import { ExpiryPicker } from './ExpiryPicker'
import { UntilField, UntilPreview } from './UntilField'
import type { Lifetime } from './use-lifetime'
import type { Until } from './use-until'

/**
 * A download link's lifetime: the picker, or "until" a moment, when the link would really
 * stop working, and why it may stop sooner.
 *
 * Touching the slider, a preset or the exact field goes back from "until" to a lifetime.
 */
export function DownloadLifetime({
  lifetime,
  until,
  onUntilText,
  profileId,
  sliderRef
}: {
  lifetime: Lifetime
  until: Until
  onUntilText: (text: string) => void
  profileId: string
  sliderRef?: Ref<HTMLInputElement>
}) {
  const previewId = useId()
  const { choice, expiry } = lifetime
  const { credentialsExpireAt } = expiry
  const fromPicker =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      until.clear()
      set(value)
    }
  return (
    <>
      <ExpiryPicker
        choice={choice}
        onSeconds={fromPicker(lifetime.setSeconds)}
        onAmount={fromPicker(lifetime.setAmount)}
        onUnit={fromPicker(lifetime.setUnit)}
        cap={credentialsExpireAt === null ? null : { expiresAt: credentialsExpireAt, profileId }}
        describedBy={previewId}
        sliderRef={sliderRef}
      />
      <UntilField until={until} onText={onUntilText} describedBy={previewId} />
      {until.active ? (
        until.problem === null ? (
          <UntilPreview id={previewId} at={until.at} />
        ) : (
          <ExpiryPreview id={previewId} expiry={expiry} seconds={0} error={until.problem} />
        )
      ) : (
        <ExpiryPreview
          id={previewId}
          expiry={expiry}
          seconds={choice.seconds}
          error={choice.error}
        />
      )}
      <ExpiryNotes expiry={expiry} profileId={profileId} />
    </>
  )
}
