import { useId } from 'react'
import { Note } from './Note'
import type { FormProblems, ReceiveForm } from './receive-form'
import { TextField } from './ReceiveFields'

export interface UploadPageFieldsProps {
  form: ReceiveForm
  set: (patch: Partial<ReceiveForm>) => void
  problems: FormProblems
  /** The page would sit where the link lets uploaders write. */
  withinUploads: boolean
}

/** The opt-in browser upload page: what it is, where it is stored, what it says. */
export function UploadPageFields({ form, set, problems, withinUploads }: UploadPageFieldsProps) {
  const ids = useId()
  return (
    <div className="receive-page">
      <label className="receive-check">
        <input
          type="checkbox"
          checked={form.page}
          onChange={(event) => set({ page: event.target.checked })}
          aria-describedby={`${ids}-hint`}
        />
        <span className="receive-choice-text">
          <span className="receive-choice-title">Make a browser upload page</span>
          <span id={`${ids}-hint`} className="receive-hint">
            A page in your bucket that the recipient opens: they pick a file and it goes straight to
            your bucket. No AWS account or tools needed. You share the page’s link, which works as
            long as the upload link.
          </span>
        </span>
      </label>
      {form.page && (
        <div className="receive-page-fields">
          <TextField
            label="Page stored at"
            mono
            value={form.pageKey}
            onChange={(pageKey) => set({ pageKey })}
            maxLength={1024}
            error={problems.pageKey}
          />
          {withinUploads && (
            <Note tone="warning">
              <p>
                At the bucket’s root, a link for any file name may write every key, the page’s too:
                someone with the link could upload a file under the page’s name and replace it.
                Receive into a folder to rule that out.
              </p>
            </Note>
          )}
          <TextField
            label="Title"
            optional
            value={form.pageTitle}
            onChange={(pageTitle) => set({ pageTitle })}
            placeholder="Send a file"
            maxLength={120}
          />
          <div className="share-field">
            <label htmlFor={`${ids}-note`} className="field-label">
              Note for the recipient <span className="optional">optional</span>
            </label>
            <textarea
              id={`${ids}-note`}
              className="input receive-note"
              value={form.pageNote}
              onChange={(event) => set({ pageNote: event.target.value })}
              placeholder="What to send, and what happens next"
              rows={2}
              maxLength={1000}
            />
          </div>
        </div>
      )}
    </div>
  )
}
