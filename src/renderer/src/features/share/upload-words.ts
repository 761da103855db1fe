import { formatBytes, pluralize } from '../../../../shared/format'
import type { IssuedLink, ReceivedFiles, UploadLinkDetails } from '../../../../shared/models'
import { keyName } from '../../../../shared/object-key'
import { contentTypeInWords, limitsInWords } from '../../../../shared/upload-links'

/**
 * Upload links in words, the same in the receive dialog and the Links view: their kind, where
 * files land, what they accept, what has arrived.
 */

/** "Upload · PUT", "Upload · POST", "Upload page". */
export function uploadKindLabel(upload: Pick<UploadLinkDetails, 'kind'>): string {
  switch (upload.kind) {
    case 'put':
      return 'Upload · PUT'
    case 'post':
      return 'Upload · POST'
    case 'page':
      return 'Upload page'
  }
}

/** Where files land: the key, or the folder followed by "any name". */
export function destinationInWords(upload: Pick<UploadLinkDetails, 'destination'>): string {
  const { destination } = upload
  return destination.kind === 'key'
    ? destination.key
    : `${destination.prefix || '(bucket root) '}any file name`
}

/** The name a row shows: the file's name, or "any file name". */
export function destinationName(upload: Pick<UploadLinkDetails, 'destination'>): string {
  return upload.destination.kind === 'key' ? keyName(upload.destination.key) : 'Any file name'
}

/**
 * What the link accepts: "up to 100 MB, images only" for a POST policy; for a PUT, which
 * Content-Type it requires, and "any size" (a PUT cannot limit it).
 */
export function uploadLimitsInWords(
  upload: Pick<UploadLinkDetails, 'uploadMethod' | 'contentType' | 'minBytes' | 'maxBytes'>
): string {
  if (upload.uploadMethod === 'POST' && upload.maxBytes !== null) {
    return limitsInWords({
      minBytes: upload.minBytes ?? 0,
      maxBytes: upload.maxBytes,
      contentType: upload.contentType
    })
  }
  const rule = upload.contentType
  const type = rule === null ? 'any type' : `${contentTypeInWords(rule)} only`
  return `${type}, any size`
}

/** "No files yet", "1 file · 2.1 MB", "2 files · 3.4 MB". */
export function receivedInWords(received: ReceivedFiles, locale?: string): string {
  if (received.files === 0) return 'No files yet'
  return `${pluralize(received.files, 'file', 'files', locale)} · ${formatBytes(received.bytes, locale)}`
}

/** The newest arrivals, one a line: "a.pdf (1.2 MB)". */
export function recentInWords(received: ReceivedFiles, locale?: string, max = 5): string {
  const lines = received.recent
    .slice(0, max)
    .map((file) => `${keyName(file.key)} (${formatBytes(file.size, locale)})`)
  const more = received.files - lines.length
  if (more > 0) lines.push(`and ${pluralize(more, 'more', 'more', locale)}`)
  return lines.join('\n')
}

/** What a link is called in messages: the object's name, or an upload link's destination. */
export function linkName(link: Pick<IssuedLink, 'key' | 'upload'>): string {
  return link.upload ? destinationInWords(link.upload) : keyName(link.key)
}
