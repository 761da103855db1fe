import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { pluralize } from '../../../../shared/format'
import type { DownloadNameRule } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import { uiLocale } from '../../lib/locale'
import { Message } from '../../lib/Message'
import { usePreferences } from '../../lib/use-preferences'
import { useDialogFocus } from '../../lib/use-dialog-focus'
import type { BulkShareTarget } from '../objects/share-target'
import { Note } from '../share/Note'
import { useExpiryChoice } from '../share/use-expiry-choice'
import { useShareExpiry } from '../share/use-share-expiry'
import { scopeTotal } from './bulk-plan'
import { BulkProgress } from './BulkProgress'
import { BulkResult } from './BulkResult'
import { BulkScope, bulkTitle, needsConfirmation } from './BulkScope'
import { BulkSetup } from './BulkSetup'
import { jobEnded } from './job-state'
import { useBulkShare } from './use-bulk-share'
import { useFolderCounts } from './use-folder-counts'
import '../share/share.css'
import './bulk.css'

export interface BulkShareDialogProps {
  target: BulkShareTarget
  onClose: () => void
}

/**
 * Makes a link for each of many objects in one job: picked objects, or whole folders.
 *
 * First it counts what will be shared (and asks to confirm a large share), then follows the
 * job's progress with a way to cancel, then shows the links with copy-all and export. Closing
 * the dialog while the job runs leaves it running; its batch shows in the Links view.
 */
export function BulkShareDialog(props: BulkShareDialogProps) {
  // The lifetime starts at the one remembered: wait for it (the app has it long before).
  return usePreferences().ready ? <BulkShareForm {...props} /> : null
}

function BulkShareForm({ target, onClose }: BulkShareDialogProps) {
  const ids = useId()
  const locale = uiLocale()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const sliderRef = useRef<HTMLInputElement>(null)
  const lifetime = usePreferences()
  const expiryChoice = useExpiryChoice(lifetime.defaultExpiresInSeconds)
  const { choice } = expiryChoice
  const [label, setLabel] = useState('')
  const [rule, setRule] = useState<DownloadNameRule>('object-name')
  const [confirmed, setConfirmed] = useState(false)
  const expiry = useShareExpiry(target.profileId, choice.seconds)
  const counts = useFolderCounts(target.profileId, target.bucket, target.folders)
  const total = scopeTotal(target, counts)
  const bulk = useBulkShare(target)
  const { job } = bulk
  useDialogFocus(dialogRef)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // Guarded: StrictMode runs this twice, and showModal on an open dialog throws.
    if (!dialog.open) dialog.showModal()
    sliderRef.current?.focus()
  }, [])

  const phase = job
    ? jobEnded(job)
      ? 'result'
      : 'running'
    : bulk.start.isPending
      ? 'starting'
      : 'setup'
  const blocked =
    choice.error !== null ||
    total.counting ||
    total.tooMany ||
    total.objects === 0 ||
    (needsConfirmation(total) && !confirmed)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (phase !== 'setup' || blocked) return
    // The next share dialog starts with the lifetime chosen last.
    lifetime.save({ defaultExpiresInSeconds: choice.seconds })
    bulk.start.mutate({ expiresInSeconds: choice.seconds, label, downloadNameRule: rule })
  }

  const createLabel =
    total.objects === null
      ? 'Create links'
      : `Create ${pluralize(total.objects, 'link', 'links', locale)}`

  return (
    <dialog
      ref={dialogRef}
      className="share-dialog bulk-dialog"
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
    >
      <form className="share-form" onSubmit={submit} noValidate>
        <header className="share-header">
          <Icon name="share" className="share-header-icon" />
          <h2 id={`${ids}-title`} className="share-title">
            {bulkTitle(target, locale)}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>

        <div className="share-body">
          <p className="bulk-where">
            <span className="meta-label">Bucket</span> <span className="mono">{target.bucket}</span>{' '}
            <span className="meta-label">Profile</span>{' '}
            <span className="mono">{target.profileId}</span>
          </p>
          {(phase === 'setup' || (phase === 'starting' && bulk.listing === null)) && (
            <>
              <BulkScope
                target={target}
                counts={counts}
                total={total}
                confirmed={confirmed}
                onConfirm={setConfirmed}
              />
              <BulkSetup
                ids={ids}
                profileId={target.profileId}
                expiryChoice={expiryChoice}
                expiry={expiry}
                label={label}
                onLabel={setLabel}
                rule={rule}
                onRule={setRule}
                sliderRef={sliderRef}
              />
            </>
          )}
          {bulk.start.isError && (
            <Note tone="error" role="alert">
              <p>
                Could not start sharing: <Message text={errorMessage(bulk.start.error)} />
              </p>
            </Note>
          )}
          {(phase === 'running' || bulk.listing !== null) && (
            <BulkProgress job={job} listing={bulk.listing} />
          )}
          {bulk.cancelError && (
            <p className="field-error" role="alert">
              Could not cancel: <Message text={errorMessage(bulk.cancelError)} />
            </p>
          )}
          {phase === 'result' && job && <BulkResult job={job} />}
        </div>

        <footer className="share-footer">
          {phase === 'setup' && (
            <>
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="button button-primary" disabled={blocked}>
                <Icon name="share" />
                {total.counting ? 'Counting…' : createLabel}
              </button>
            </>
          )}
          {phase === 'starting' && bulk.listing === null && (
            <button type="button" className="button button-primary" disabled>
              <Icon name="refresh" /> Starting…
            </button>
          )}
          {(phase === 'running' || bulk.listing !== null) && (
            <button
              type="button"
              className="button"
              disabled={bulk.cancelling}
              onClick={bulk.cancel}
            >
              {bulk.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
          {phase === 'result' && (
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          )}
        </footer>
      </form>
    </dialog>
  )
}
