import { toCsv } from './csv'
import type { ExportFormat, IssuedLink } from './models'

/**
 * Links as export files: CSV (RFC 4180), JSON, and plain text with one URL per line.
 *
 * CSV and JSON carry the same columns, so a spreadsheet and a script see the same thing.
 */

export const EXPORT_COLUMNS = [
  'bucket',
  'key',
  'url',
  'expires_at',
  'requested_expires_at',
  'capped_by',
  'label',
  'download_filename',
  'kind',
  'profile',
  'created_at',
  'id',
  'version_id',
  'self_test',
  'revoked_at'
] as const

export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

/** One exported link; `null` where the link has no value (JSON keeps it, CSV writes nothing). */
export type ExportRow = Record<ExportColumn, string | null>

/** The file name extension and media type of each format, for the save dialog. */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { extension: string; mediaType: string }> = {
  csv: { extension: 'csv', mediaType: 'text/csv' },
  json: { extension: 'json', mediaType: 'application/json' },
  text: { extension: 'txt', mediaType: 'text/plain' }
}

/** What a link does: `download`, or `upload-put`/`upload-post`/`upload-page` (the page's GET link). */
export function linkKind(
  link: IssuedLink
): 'download' | 'upload-put' | 'upload-post' | 'upload-page' {
  const upload = link.upload
  if (upload === undefined || upload === null) return 'download'
  return `upload-${upload.kind}`
}

export function exportRow(link: IssuedLink): ExportRow {
  return {
    bucket: link.bucket,
    key: link.key,
    url: link.url,
    // Stored as ISO strings already; this is the real expiry (credentials included).
    expires_at: link.expiresAt,
    requested_expires_at: link.requestedExpiresAt,
    capped_by: link.cappedBy,
    label: link.label,
    download_filename: link.downloadFilename,
    kind: linkKind(link),
    profile: link.profileId,
    created_at: link.createdAt,
    id: link.id,
    version_id: link.versionId ?? null,
    // The outcome of the last test (`works`, `signature-mismatch`…), empty when never tested.
    self_test: link.selfTest?.outcome ?? null,
    revoked_at: link.revoked?.at ?? null
  }
}

/** The content of an export file. */
export function formatLinks(links: readonly IssuedLink[], format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return toCsv([
        [...EXPORT_COLUMNS],
        ...links.map((link) => {
          const row = exportRow(link)
          return EXPORT_COLUMNS.map((column) => row[column] ?? '')
        })
      ])
    case 'json':
      return `${JSON.stringify(links.map(exportRow), null, 2)}\n`
    case 'text':
      // A signed URL never holds a raw line break: its key is percent-encoded.
      return links.map((link) => `${link.url}\n`).join('')
  }
}
