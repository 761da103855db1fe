import { useId, type Ref } from 'react'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import type { FormProblems, ReceiveForm } from './receive-form'
import { Choice } from './ReceiveFields'
import type { ReceiveTarget } from './receive-target'

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
  return (
    <>
      <div className="share-object">
        <Icon name="folder" className="share-object-icon" />
        <div className="share-object-text">
          <div
            className="share-key mono selectable"
            title={`s3://${target.bucket}/${target.prefix}`}
          >
            s3://{target.bucket}/{target.prefix}
          </div>
          <div className="share-meta">
            <span>
              <span className="meta-label">Bucket</span>{' '}
              <span className="mono">{target.bucket}</span>
            </span>
            <span>
              <span className="meta-label">Folder</span> <span className="mono">{folder}</span>
            </span>
            <span>
              <span className="meta-label">Profile</span>{' '}
              <span className="mono">{target.profileId}</span>
            </span>
          </div>
        </div>
      </div>

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
