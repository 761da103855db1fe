import type { Ref } from 'react'
import type { DownloadNameRule } from '../../../../shared/models'
import { ExpiryNotes, ExpiryPreview, type ShareExpiry } from '../share/ExpiryNotes'
import { ExpiryPicker } from '../share/ExpiryPicker'
import { TextField } from '../share/ReceiveFields'
import type { useExpiryChoice } from '../share/use-expiry-choice'

const NAME_RULES: { rule: DownloadNameRule; label: string; hint: string }[] = [
  {
    rule: 'object-name',
    label: "The object's own name",
    hint: 'Each link downloads as its file name (reports/q1.pdf saves as q1.pdf).'
  },
  {
    rule: 'none',
    label: "The browser's default",
    hint: 'No name is set; browsers usually take it from the URL.'
  }
]

export interface BulkSetupProps {
  ids: string
  profileId: string
  expiryChoice: ReturnType<typeof useExpiryChoice>
  expiry: ShareExpiry
  label: string
  onLabel: (label: string) => void
  rule: DownloadNameRule
  onRule: (rule: DownloadNameRule) => void
  sliderRef: Ref<HTMLInputElement>
}

/** One lifetime, label and download-name rule for every link of the batch. */
export function BulkSetup(props: BulkSetupProps) {
  const { ids, profileId, expiry } = props
  const { choice, setSeconds, setAmount, setUnit } = props.expiryChoice
  const { credentialsExpireAt } = expiry
  return (
    <>
      <ExpiryPicker
        choice={choice}
        onSeconds={setSeconds}
        onAmount={setAmount}
        onUnit={setUnit}
        cap={credentialsExpireAt === null ? null : { expiresAt: credentialsExpireAt, profileId }}
        describedBy={`${ids}-preview`}
        sliderRef={props.sliderRef}
      />
      <ExpiryPreview
        id={`${ids}-preview`}
        expiry={expiry}
        seconds={choice.seconds}
        error={choice.error}
      />
      <ExpiryNotes expiry={expiry} profileId={profileId} plural />

      <div className="share-fields">
        <TextField
          label={
            <>
              Label <span className="optional">optional, for every link</span>
            </>
          }
          value={props.label}
          onChange={props.onLabel}
          placeholder="Who or what they are for"
          maxLength={200}
        />
        <fieldset className="share-field bulk-rule">
          <legend className="field-label">Download as</legend>
          {NAME_RULES.map((option) => (
            <label key={option.rule} className="bulk-rule-option" title={option.hint}>
              <input
                type="radio"
                name={`${ids}-rule`}
                value={option.rule}
                checked={props.rule === option.rule}
                onChange={() => props.onRule(option.rule)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
      </div>
    </>
  )
}
