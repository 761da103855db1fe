import { useMutation } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { call } from '../../lib/api'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { DialogFrame } from './DialogFrame'
import { LifetimeFields } from './LifetimeFields'
import { Note } from './Note'
import {
  pageWithinUploads,
  uploadRequest,
  type FormField,
  type FormProblems,
  type ReceiveForm
} from './receive-form'
import type { ReceiveTarget } from './receive-target'
import { ReceiveDestination } from './ReceiveDestination'
import { TextField } from './ReceiveFields'
import { ReceiveMethod } from './ReceiveMethod'
import { UploadPageFields } from './UploadPageFields'
import { UploadResult } from './UploadResult'
import { useLifetime } from './use-lifetime'
import { useReceiveForm } from './use-receive-form'
import { useUploadLink } from './use-upload-link'
import './share.css'
import './receive.css'

export interface ReceiveDialogProps {
  target: ReceiveTarget
  onClose: () => void
}

/**
 * The share dialog's "Receive files" mode: an upload link into a folder, for someone without
 * AWS access. Once made, the dialog shows the link, its limits and a `curl` command in place of
 * the form; "Change" goes back to the form as it was.
 *
 * A field's problem shows once it has content, and every problem after a first try to create.
 */
export function ReceiveDialog({ target, onClose }: ReceiveDialogProps) {
  const firstRef = useRef<HTMLInputElement>(null)
  const resultRef = useRef<HTMLDivElement>(null)
  const lifetime = useLifetime(target.profileId)
  const { form, set, problems } = useReceiveForm(target)
  const [tried, setTried] = useState(false)
  const [showResult, setShowResult] = useState(false)
  const upload = useUploadLink()
  const openPage = useMutation({ mutationFn: (id: string) => call('openLinkInBrowser', { id }) })

  const shown: FormProblems = tried ? problems : visibleProblems(problems, form)
  const invalid = Object.keys(problems).length > 0 || lifetime.choice.error !== null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (showResult || upload.isPending) return
    setTried(true)
    if (invalid) {
      const formElement = event.currentTarget
      // Once React shows every problem: focus the first field that has one.
      setTimeout(() => formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0)
      return
    }
    lifetime.remember()
    upload.mutate(uploadRequest(target, form, lifetime.choice.seconds), {
      onSuccess: () => {
        setShowResult(true)
        setTimeout(() => resultRef.current?.focus(), 0)
      }
    })
  }

  const link = showResult ? upload.data : undefined
  const folder = target.prefix || target.bucket
  return (
    <DialogFrame
      title={
        <>
          Receive files in <span className="mono">{folder}</span>
        </>
      }
      icon="upload"
      className="receive-dialog"
      onClose={onClose}
      onSubmit={submit}
      initialFocus={firstRef}
      footer={
        link ? (
          <>
            <button type="button" className="button" onClick={() => setShowResult(false)}>
              Change and make another
            </button>
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={upload.isPending || lifetime.choice.error !== null}
            >
              <Icon name={upload.isPending ? 'refresh' : 'upload'} />
              {upload.isPending ? 'Creating…' : 'Create upload link'}
            </button>
          </>
        )
      }
    >
      {link ? (
        <div ref={resultRef} tabIndex={-1} className="receive-result-focus">
          <UploadResult
            link={link}
            onOpenPage={() => openPage.mutate(link.id)}
            openError={openPage.error}
          />
        </div>
      ) : (
        <>
          <ReceiveDestination
            target={target}
            form={form}
            set={set}
            problems={shown}
            firstRef={firstRef}
          />
          <ReceiveMethod form={form} set={set} problems={shown} />
          <UploadPageFields
            form={form}
            set={set}
            problems={shown}
            withinUploads={pageWithinUploads(target, form)}
          />
          <LifetimeFields lifetime={lifetime} profileId={target.profileId} />
          <TextField
            label="Label"
            optional
            value={form.label}
            onChange={(label) => set({ label })}
            placeholder="Who it is for"
            maxLength={200}
          />
          {upload.isError && (
            <Note tone="error" role="alert">
              <p>
                Could not create the upload link: <Message text={errorMessage(upload.error)} />
              </p>
            </Note>
          )}
        </>
      )}
      <div className="visually-hidden" role="status">
        {link ? 'Upload link created.' : ''}
      </div>
    </DialogFrame>
  )
}

/** What each field holds, to tell an untouched empty field from a wrong one. */
function fieldText(form: ReceiveForm, field: FormField): string {
  switch (field) {
    case 'fileName':
      return form.fileName
    case 'putType':
      return form.putType
    case 'maxSize':
      return form.maxAmount
    case 'minSize':
      return form.minAmount
    case 'typeValue':
      return form.typeValue
    case 'pageKey':
      return form.pageKey
  }
}

/** Before a first try, only fields with content show their problems: empty is not yet wrong. */
function visibleProblems(problems: FormProblems, form: ReceiveForm): FormProblems {
  const shown: FormProblems = {}
  for (const [field, problem] of Object.entries(problems) as [FormField, string][]) {
    if (fieldText(form, field).trim() !== '') shown[field] = problem
  }
  return shown
}
