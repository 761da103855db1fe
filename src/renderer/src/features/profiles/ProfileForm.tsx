import { useMemo, useReducer, useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { ENVIRONMENT_PROFILE_ID } from '../../../../shared/ipc-contract'
import type { EditableProfile } from '../../../../shared/models'
import { draftProblems, type DraftField } from '../../../../shared/profile-draft'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { Spinner } from '../../lib/Spinner'
import { DialogFrame } from '../share/DialogFrame'
import {
  draftOf,
  initialFormState,
  reduceProfileForm,
  type ProfileFormAction
} from './profile-form-state'
import { ProfileFormCredentials } from './ProfileFormCredentials'
import { ProfileFormEndpoint } from './ProfileFormEndpoint'
import { TextField } from './ProfileFormFields'
import { ProfileFormTest } from './ProfileFormTest'
import { useEditableProfile, useProfileTest, useSaveProfile } from './use-profile-editing'
import { useProfiles } from './use-profiles'
import '../share/share.css'
import './profiles.css'

export interface ProfileFormProps {
  /** The stored profile to edit, or null to add a new one. */
  editName: string | null
  onClose: () => void
  onSaved: (profileName: string) => void
}

/** Adds or edits a profile in the AWS CLI's own files, as `aws configure` would. */
export function ProfileForm(props: ProfileFormProps) {
  const editable = useEditableProfile(props.editName)
  const closeRef = useRef<HTMLButtonElement>(null)
  if (props.editName === null || editable.data) {
    return <ProfileFormBody {...props} editable={editable.data ?? null} />
  }
  return (
    <DialogFrame
      title={`Edit profile ${props.editName}`}
      icon="key"
      onClose={props.onClose}
      onSubmit={(event) => event.preventDefault()}
      initialFocus={closeRef}
      footer={
        <button ref={closeRef} type="button" className="button" onClick={props.onClose}>
          Cancel
        </button>
      }
    >
      {editable.isError ? (
        <p role="alert">
          Could not open the profile: <Message text={errorMessage(editable.error)} />
        </p>
      ) : (
        <Spinner label="Reading the profile" />
      )}
    </DialogFrame>
  )
}

function ProfileFormBody({
  editName,
  onClose,
  onSaved,
  editable
}: ProfileFormProps & { editable: EditableProfile | null }) {
  const nameRef = useRef<HTMLInputElement>(null)
  const snapshot = useProfiles().data
  const existingNames = useMemo(
    () =>
      (snapshot?.profiles ?? [])
        .filter((profile) => profile.id !== ENVIRONMENT_PROFILE_ID)
        .map((profile) => profile.name),
    [snapshot]
  )
  const fileOf = (role: 'config' | 'credentials') =>
    snapshot?.files.find((file) => file.role === role)?.path ?? `~/.aws/${role}`
  const [state, dispatchForm] = useReducer(reduceProfileForm, editable, initialFormState)
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [bucket, setBucket] = useState('')
  const test = useProfileTest()
  const save = useSaveProfile()

  const draft = useMemo(() => draftOf(state), [state])
  const problems = useMemo(
    () =>
      draftProblems(draft, {
        existingNames,
        editing:
          editable === null
            ? null
            : {
                name: editable.draft.name,
                hasAccessKeyId: editable.accessKeyIdHint !== null,
                hasSecretAccessKey: editable.hasSecretAccessKey
              }
      }),
    [draft, existingNames, editable]
  )
  const errorOf = (field: DraftField) =>
    submitted || touched.has(field) ? (problems[field] ?? null) : null
  const touch = (field: DraftField) => setTouched((before) => new Set(before).add(field))
  // A result says nothing about values changed since: it goes when they change.
  const dispatch = (action: ProfileFormAction) => {
    if (test.data || test.error) test.reset()
    dispatchForm(action)
  }
  const replace = editName ?? undefined
  // The name matters only for saving; a test runs with any.
  const blockedBy = Object.entries(problems).find(([field]) => field !== 'name')?.[1] ?? null

  const runTest = () => {
    const named = bucket.trim()
    test.mutate({ draft, ...(replace ? { replace } : {}), ...(named ? { bucket: named } : {}) })
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (Object.keys(problems).length > 0 || save.isPending) return
    save.mutate(
      { draft, ...(replace ? { replace } : {}) },
      { onSuccess: () => onSaved(draft.name) }
    )
  }

  return (
    <DialogFrame
      title={editName === null ? 'Add a profile' : `Edit profile ${editName}`}
      icon="key"
      className="profile-dialog"
      onClose={onClose}
      onSubmit={submit}
      initialFocus={nameRef}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            <Icon name={save.isPending ? 'refresh' : 'check'} />
            {save.isPending ? 'Saving…' : 'Save profile'}
          </button>
        </>
      }
    >
      <TextField
        label="Profile name"
        mono
        inputRef={nameRef}
        placeholder="e.g. minio, work, default"
        value={state.name}
        onChange={(value) => dispatch({ type: 'set', field: 'name', value })}
        onBlur={() => touch('name')}
        error={errorOf('name')}
        hint={
          editName === null ? 'Use it with the AWS CLI too: aws s3 ls --profile NAME.' : undefined
        }
      />
      <ProfileFormCredentials
        state={state}
        dispatch={dispatch}
        errorOf={errorOf}
        touch={touch}
        editable={editable}
      />
      <ProfileFormEndpoint state={state} dispatch={dispatch} errorOf={errorOf} touch={touch} />
      <ProfileFormTest
        bucket={bucket}
        onBucketChange={(value) => {
          test.reset()
          setBucket(value)
        }}
        onTest={runTest}
        pending={test.isPending}
        result={test.data ?? null}
        error={test.error}
        blockedBy={blockedBy}
      />
      {save.isError && (
        <p className="profile-test-result outcome-failed" role="alert">
          <Icon name="error" />
          <span>
            Could not save the profile: <Message text={errorMessage(save.error)} />
          </span>
        </p>
      )}
      <p className="profile-form-note">
        Saved to <code>{fileOf('config')}</code> and <code>{fileOf('credentials')}</code> (mode
        0600), as <code>aws configure</code> writes them; your comments and other profiles stay as
        they are.
      </p>
    </DialogFrame>
  )
}
