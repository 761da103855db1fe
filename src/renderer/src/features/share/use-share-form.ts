import { useState } from 'react'
import { defaultDownloadFilename } from '../../../../shared/content-disposition'
import { MAX_EXPIRY_SECONDS, MIN_EXPIRY_SECONDS } from '../../../../shared/expiry-scale'
import type { DownloadLinkOptions } from '../../../../shared/ipc-contract'
import type { LinkDisposition } from '../../../../shared/models'
import { SECOND_MS } from '../../../../shared/time-units'
import { contentTypeProblem } from '../../../../shared/upload-links'
import type { ShareTarget } from '../objects/share-target'
import { useLifetime } from './use-lifetime'
import { pinTarget, useObjectVersions } from './use-object-versions'
import { fromLocalInput, useUntil } from './use-until'

/** Why a Content-Type override cannot be sent, in the words main would use; null when it can. */
export function contentTypeError(text: string): string | null {
  const value = text.trim()
  if (value === '') return null
  const problem = contentTypeProblem(value)
  return problem === null ? null : `This Content-Type ${problem.replace(/`/g, '')}.`
}

/**
 * Everything the share dialog asks before signing, and the `DownloadLinkOptions` it makes of
 * them (null while something is invalid).
 *
 * The download name is sent only when the user changed it: left as the key's own name, main
 * picks it and shortens it when the link would otherwise be too long.
 */
export function useShareForm(target: ShareTarget, initialVersionId: string | null) {
  const lifetime = useLifetime(target.profileId)
  const until = useUntil(target.profileId, lifetime.expiry.credentialsExpireAt)
  const defaultName = defaultDownloadFilename(target.key) ?? ''
  const [label, setLabel] = useState('')
  const [filename, setFilename] = useState(defaultName)
  const [disposition, setDisposition] = useState<LinkDisposition>('attachment')
  const [contentType, setContentType] = useState('')
  const versions = useObjectVersions(target)
  const pinTo = pinTarget(versions.data, initialVersionId)
  const [pinned, setPinned] = useState(initialVersionId !== null)

  const typeError = contentTypeError(contentType)
  const lifetimeError = until.active ? until.problem : lifetime.choice.error
  const name = filename.trim()
  const options: DownloadLinkOptions | null =
    lifetimeError !== null || typeError !== null
      ? null
      : {
          profileId: target.profileId,
          bucket: target.bucket,
          key: target.key,
          ...(until.active
            ? { until: new Date(until.at).toISOString() }
            : { expiresInSeconds: lifetime.choice.seconds }),
          ...(name === defaultName ? {} : { downloadFilename: name === '' ? null : name }),
          disposition,
          ...(contentType.trim() === '' ? {} : { contentType: contentType.trim() }),
          ...(pinned && pinTo ? { versionId: pinTo.versionId } : {})
        }

  /** Sets "until", and moves the slider near it so the two never tell different stories. */
  const setUntilText = (text: string) => {
    until.setText(text)
    const seconds = Math.round((fromLocalInput(text) - Date.now()) / SECOND_MS)
    if (Number.isFinite(seconds)) {
      lifetime.setSeconds(Math.min(MAX_EXPIRY_SECONDS, Math.max(MIN_EXPIRY_SECONDS, seconds)))
    }
  }

  return {
    lifetime,
    until,
    setUntilText,
    label,
    setLabel,
    filename,
    setFilename,
    disposition,
    setDisposition,
    contentType,
    setContentType,
    contentTypeError: typeError,
    pinTo,
    pinned,
    setPinned,
    lifetimeError,
    options
  }
}

export type ShareForm = ReturnType<typeof useShareForm>
