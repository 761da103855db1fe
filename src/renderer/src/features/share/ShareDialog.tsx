import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { keyName } from '../../../../shared/object-key'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { useCopyText } from '../../lib/use-copy-text'
import { usePreferences } from '../../lib/use-preferences'
import type { ShareTarget } from '../objects/share-target'
import { DeliveryFields } from './DeliveryFields'
import { DialogFrame } from './DialogFrame'
import { DownloadLifetime } from './DownloadLifetime'
import { DownloadResult } from './DownloadResult'
import { MeasureNotes } from './LinkLength'
import { Note } from './Note'
import { ShareObject } from './ShareObject'
import { announcement } from './share-announcement'
import { useLinkMeasure } from './use-link-measure'
import { useShareForm } from './use-share-form'
import { useShareLink } from './use-share-link'
import { VersionChoice } from './VersionChoice'
import './share.css'
import './share-trust.css'

export interface ShareDialogProps {
  target: ShareTarget
  onClose: () => void
  /**
   * Opens the dialog pinned to this version of the object (the details panel's version list);
   * null or absent offers "Latest version" first.
   */
  versionId?: string | null
}

/**
 * Makes a pre-signed download link for one object, has main test it, and copies it when it
 * works.
 *
 * Before anything is created, it says when the link will really stop working (temporary
 * credentials end a link early) and how long the URL will be. Once made, the result is
 * scrolled into view and announced; Create turns into "Copy again", so pressing it twice never
 * makes a second link unasked ("Create another" does that).
 *
 * Nothing here reads the clock: the dialog renders when its fields change or the expiry's
 * circumstances do; the times in it follow the clock in small live children.
 */
export function ShareDialog({ target, onClose, versionId = null }: ShareDialogProps) {
  const sliderRef = useRef<HTMLInputElement>(null)
  const resultRef = useRef<HTMLElement>(null)
  const primaryRef = useRef<HTMLButtonElement>(null)
  const anotherRef = useRef<HTMLButtonElement>(null)
  const reasonId = useId()
  const form = useShareForm(target, versionId)
  const preferences = usePreferences()
  // Also kept here: the box must follow a click even when main's preferences are unavailable.
  const [testChoice, setTestChoice] = useState<boolean | null>(null)
  const testNewLinks = testChoice ?? preferences.preferences?.testNewLinks ?? true
  const share = useShareLink()
  const copyAgain = useCopyText()
  const [status, setStatus] = useState('')
  const result = share.data
  const { measure, tooLong } = useLinkMeasure(result ? null : form.options)
  const blocked = form.lifetimeError ?? form.contentTypeError ?? tooLong
  const canCopyAgain = result !== undefined && (result.copied || result.copyError !== null)

  useEffect(() => {
    if (!result) return
    // Below the fold in a small window otherwise (800×600): the result is what the user waits for.
    resultRef.current?.scrollIntoView?.({ block: 'nearest' })
    const next = canCopyAgain ? primaryRef.current : anotherRef.current
    next?.focus()
  }, [result, canCopyAgain])

  const create = () => {
    if (form.options === null || blocked !== null || share.isPending) return
    if (!form.until.active) form.lifetime.remember()
    share.mutate(
      { ...form.options, label: form.label.trim(), selfTest: testNewLinks },
      { onSuccess: (shared) => setStatus(announcement(shared)) }
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!result) return create()
    if (!canCopyAgain) return
    copyAgain.copy(result.link.url, {
      onCopied: () => setStatus('Link copied to the clipboard again.')
    })
  }

  const createAnother = () => {
    share.reset()
    setStatus('')
    setTimeout(() => sliderRef.current?.focus(), 0)
  }

  return (
    <DialogFrame
      title={
        <>
          Share <span className="mono">{keyName(target.key)}</span>
        </>
      }
      icon="share"
      onClose={onClose}
      onSubmit={submit}
      initialFocus={sliderRef}
      footer={
        <>
          {!result && blocked !== null && (
            <span id={reasonId} className="footer-reason">
              {blocked}
            </span>
          )}
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Done' : 'Cancel'}
          </button>
          {result && (
            <button ref={anotherRef} type="button" className="button" onClick={createAnother}>
              Create another
            </button>
          )}
          {(!result || canCopyAgain) && (
            <button
              ref={primaryRef}
              type="submit"
              className="button button-primary"
              disabled={!result && (blocked !== null || share.isPending)}
              aria-describedby={!result && blocked !== null ? reasonId : undefined}
            >
              <Icon name={share.isPending ? 'refresh' : 'copy'} />
              {result
                ? 'Copy again'
                : share.isPending
                  ? testNewLinks
                    ? 'Creating and testing…'
                    : 'Creating…'
                  : 'Create link & copy'}
            </button>
          )}
        </>
      }
    >
      <ShareObject target={target} />
      <fieldset className="share-options" disabled={result !== undefined}>
        <legend className="visually-hidden">Link options</legend>
        <DownloadLifetime
          lifetime={form.lifetime}
          until={form.until}
          onUntilText={form.setUntilText}
          profileId={target.profileId}
          sliderRef={sliderRef}
        />
        <DeliveryFields form={form} />
        <VersionChoice pinTo={form.pinTo} pinned={form.pinned} onPinned={form.setPinned} />
        <label className="choice self-test-option">
          <input
            type="checkbox"
            checked={testNewLinks}
            onChange={(event) => {
              setTestChoice(event.target.checked)
              preferences.save({ testNewLinks: event.target.checked })
            }}
          />
          <span>
            Test the link after creating it{' '}
            <span className="choice-hint">(opens its first byte once, as the recipient would)</span>
          </span>
        </label>
      </fieldset>
      {!result && <MeasureNotes measure={measure} tooLong={tooLong} />}

      {share.isError && (
        <Note tone="error" role="alert">
          <p>
            Could not create the link: <Message text={errorMessage(share.error)} />
          </p>
        </Note>
      )}

      {result && (
        <DownloadResult
          ref={resultRef}
          result={result}
          name={keyName(target.key)}
          onCopied={() => setStatus('Link copied to the clipboard.')}
        />
      )}
      <CopyError error={copyAgain.error} />
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
    </DialogFrame>
  )
}
