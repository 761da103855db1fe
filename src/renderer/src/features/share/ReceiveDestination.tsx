import { useId, type Ref } from 'react'
import { Message } from '../../lib/Message'
import type { FormProblems, ReceiveForm } from './receive-form'
import { Choice } from './ReceiveFields'
import type { ReceiveTarget } from './receive-target'
import { MetaItem, ShareSubject } from './ShareSubject'

export interface ReceiveDestinationProps {
  target: ReceiveTarget
  form: ReceiveForm
  set: (patch: Partial<ReceiveForm>) => void
  problems: FormProblems
  /** The first choice, focused when the dialog opens. */
  firstRef: Ref<HTMLInputElement>
}

/** Where uploads land: the folder, and whether under any file name or one exact name. */
export function ReceiveDestination({
  target,
  form,
  set,
  problems,
  firstRef
}: ReceiveDestinationProps) {
  const ids = useId()
  const folder = target.prefix || '(bucket root)'
  const uri = `s3://${target.bucket}/${target.prefix}`
  return (
    <>
      <ShareSubject icon="folder" uri={uri} name={uri}>
        <MetaItem label="Bucket" mono>
          {target.bucket}
        </MetaItem>
        <MetaItem label="Folder" mono>
          {folder}
        </MetaItem>
        <MetaItem label="Profile" mono>
          {target.profileId}
        </MetaItem>
      </ShareSubject>

      <fieldset className="receive-group">
        <legend className="field-label">Save uploads as</legend>
        <label className="receive-choice">
          <input
            ref={firstRef}
            type="radio"
            name={`${ids}-destination`}
            checked={form.destination === 'prefix'}
            onChange={() => set({ destination: 'prefix' })}
            aria-describedby={`${ids}-prefix-hint`}
          />
          <span className="receive-choice-text">
            <span className="receive-choice-title">Any file name in this folder</span>
            <span id={`${ids}-prefix-hint`} className="receive-hint">
              Each file keeps the uploader’s name:{' '}
              <code>
                {target.prefix}
                <i>name</i>
              </code>
              . A file with the same name replaces the one before.
            </span>
          </span>
        </label>
        <Choice
          name={`${ids}-destination`}
          checked={form.destination === 'key'}
          onChange={() => set({ destination: 'key' })}
          title="One exact name"
          hint="Whatever the uploader’s file is called, it is saved under the name you choose."
        />
        {form.destination === 'key' && (
          <div className="receive-name-field">
            <label htmlFor={`${ids}-name`} className="field-label">
              File name
            </label>
            <div className="receive-name">
              {target.prefix && (
                <span className="receive-name-prefix mono" title={target.prefix}>
                  {target.prefix}
                </span>
              )}
              <input
                id={`${ids}-name`}
                type="text"
                className="input mono"
                value={form.fileName}
                onChange={(event) => set({ fileName: event.target.value })}
                placeholder="report.pdf"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={problems.fileName !== undefined}
                aria-describedby={problems.fileName ? `${ids}-name-error` : undefined}
              />
            </div>
            <p id={`${ids}-name-error`} className="field-error">
              {problems.fileName && <Message text={problems.fileName} />}
            </p>
          </div>
        )}
      </fieldset>
    </>
  )
}
