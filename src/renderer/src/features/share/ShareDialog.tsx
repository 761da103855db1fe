import { useRef, useState, type FormEvent } from 'react'
import { defaultDownloadFilename } from '../../../../shared/content-disposition'
import { errorMessage } from '../../../../shared/errors'
import { keyName } from '../../../../shared/object-key'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import type { ShareTarget } from '../objects/share-target'
import { DialogFrame } from './DialogFrame'
import { DownloadResult } from './DownloadResult'
import { LifetimeFields } from './LifetimeFields'
import { Note } from './Note'
import { ShareObject } from './ShareObject'
import { useLifetime } from './use-lifetime'
import { useShareLink } from './use-share-link'
import './share.css'

export interface ShareDialogProps {
  target: ShareTarget
  onClose: () => void
}

/**
 * Makes a pre-signed download link for one object and copies it.
 *
 * Before anything is created, it says when the link will really stop working: temporary
 * credentials (SSO, assume-role) end a link early.
 *
 * Nothing here reads the clock: the dialog renders when its fields change or the expiry's
 * circumstances do (`useShareExpiry`); the times in it follow the clock in small live children.
 */
export function ShareDialog({ target, onClose }: ShareDialogProps) {
  const sliderRef = useRef<HTMLInputElement>(null)
  const lifetime = useLifetime(target.profileId)
  const { choice } = lifetime
  const [label, setLabel] = useState('')
  const [filename, setFilename] = useState(() => defaultDownloadFilename(target.key) ?? '')
  const [announcement, setAnnouncement] = useState('')
  const share = useShareLink()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (choice.error !== null || share.isPending) return
    lifetime.remember()
    share.mutate(
      {
        profileId: target.profileId,
        bucket: target.bucket,
        key: target.key,
        expiresInSeconds: choice.seconds,
        label: label.trim(),
        downloadFilename: filename.trim() || null
      },
      {
        onSuccess: ({ copyError }) =>
          setAnnouncement(
            copyError
              ? 'Link created, but it could not be copied to the clipboard.'
              : 'Link created and copied to the clipboard.'
          )
      }
    )
  }

  const result = share.data

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
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Done' : 'Cancel'}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={choice.error !== null || share.isPending}
          >
            <Icon name={share.isPending ? 'refresh' : 'copy'} />
            {share.isPending ? 'Creating…' : 'Create link & copy'}
          </button>
        </>
      }
    >
      <ShareObject target={target} />
      <LifetimeFields lifetime={lifetime} profileId={target.profileId} sliderRef={sliderRef} />

      <div className="share-fields">
        <label className="share-field">
          <span className="field-label">
            Label <span className="optional">optional</span>
          </span>
          <input
            type="text"
            className="input"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder="Who or what it is for"
            maxLength={200}
          />
        </label>
        <label className="share-field">
          <span className="field-label">
            Download as <span className="optional">optional</span>
          </span>
          <input
            type="text"
            className="input mono"
            value={filename}
            onChange={(event) => setFilename(event.target.value)}
            placeholder="Keep the browser's default"
            maxLength={255}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      </div>

      {share.isError && (
        <Note tone="error" role="alert">
          <p>
            Could not create the link: <Message text={errorMessage(share.error)} />
          </p>
        </Note>
      )}

      {result && <DownloadResult result={result} />}
      <div className="visually-hidden" role="status">
        {announcement}
      </div>
    </DialogFrame>
  )
}
