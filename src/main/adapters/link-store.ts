import Conf, { type Schema } from 'conf'
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import type { IssuedLink, LinksSnapshot } from '../../shared/models'
import type { LinkRepository } from '../services/links'
import { systemClock, type Clock } from '../services/ports'

/**
 * The version of the links file's format, recorded by conf in the file.
 *
 * Deliberately not the app's version: the migrations belong to the file format, and an app
 * release that does not touch the format must not run (or skip) any of them.
 */
export const LINK_STORE_VERSION = '2.0.0'

export const LINK_STORE_NAME = 'links'

export interface ConfLinkRepositoryOptions {
  /** The folder the file lives in: the app's user-data folder, or a temp folder in tests. */
  cwd: string
  /** The file name without `.json`. */
  name?: string
  /** Dates the name a corrupt file is moved aside to. */
  clock?: Clock
}

interface LinkStoreData {
  links: IssuedLink[]
}

// A pattern, not ajv's `date-time` format: that one costs about as much as the rest of a
// 10,000-link validation together, and the dates are only ever written by `toISOString()`.
const isoDate = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$'
} as const

const linkSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'createdAt',
    'profileId',
    'bucket',
    'key',
    'region',
    'endpoint',
    'method',
    'requestedExpiresInSeconds',
    'requestedExpiresAt',
    'expiresAt',
    'cappedBy',
    'url',
    'label',
    'downloadFilename'
  ],
  properties: {
    id: { type: 'string', minLength: 1 },
    createdAt: isoDate,
    profileId: { type: 'string' },
    bucket: { type: 'string' },
    key: { type: 'string' },
    region: { type: 'string' },
    endpoint: { type: ['string', 'null'] },
    method: { enum: ['GET', 'PUT', 'POST'] },
    requestedExpiresInSeconds: { type: 'integer', minimum: 1 },
    requestedExpiresAt: isoDate,
    expiresAt: isoDate,
    cappedBy: { enum: ['credentials', null] },
    url: { type: 'string' },
    label: { type: 'string' },
    downloadFilename: { type: ['string', 'null'] }
  }
} as const

const schema = {
  links: { type: 'array', items: linkSchema, default: [] }
} as Schema<LinkStoreData>

/**
 * The issued-links registry in a JSON file, on conf (the engine under electron-store).
 *
 * The file (`links.json`, mode 0600: the URLs in it are bearer tokens) is read once; reads are
 * then served from memory and each change is written through, atomically. A file that cannot
 * be read (bad JSON, wrong shape, failed migration) is moved aside, never overwritten, and the
 * registry starts empty with `recoveredFrom` saying where the old file went.
 */
export function createConfLinkRepository({
  cwd,
  name = LINK_STORE_NAME,
  clock = systemClock
}: ConfLinkRepositoryOptions): LinkRepository {
  const path = join(cwd, `${name}.json`)
  let recoveredFrom: LinksSnapshot['recoveredFrom'] = null

  const open = (): Conf<LinkStoreData> =>
    new Conf<LinkStoreData>({
      cwd,
      configName: name,
      schema,
      rootSchema: { additionalProperties: false },
      projectVersion: LINK_STORE_VERSION,
      migrations: {
        '2.0.0': (store) => {
          const stored: unknown = store.get('links')
          if (Array.isArray(stored)) store.set('links', migrateV1Links(stored) as IssuedLink[])
        }
      },
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
      // Compact: 10,000 links are about half the size without indentation.
      serialize: (value) => JSON.stringify(value),
      deserialize: parseStoreFile
    })

  let conf: Conf<LinkStoreData>
  try {
    conf = open()
  } catch (error) {
    const reason = unreadableReason(error)
    if (reason === null || !existsSync(path)) throw error
    const movedTo = asideName(path, clock.now())
    renameSync(path, movedTo)
    recoveredFrom = { movedTo, reason }
    conf = open()
  }

  // Without the `cache` option every conf read parses the file; we read it this once.
  let links: readonly IssuedLink[] = conf.get('links')

  function write(next: readonly IssuedLink[]): void {
    try {
      conf.set('links', next as IssuedLink[])
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      throw new AppError(
        'internal',
        `Could not save the list of links to ${path}${typeof code === 'string' ? ` (${code})` : ''}. Check that the disk is not full and the folder is writable, then try again.`
      )
    }
    links = next
  }

  return {
    all: () => links,
    add(link) {
      write([...links, link])
    },
    remove(id) {
      const next = links.filter((link) => link.id !== id)
      if (next.length === links.length) return false
      write(next)
      return true
    },
    replaceAll(next) {
      write([...next])
    },
    get recoveredFrom() {
      return recoveredFrom
    }
  }
}

/** Thrown by the file parser, so a damaged file is told apart from an I/O failure. */
class UnreadableStoreFile extends SyntaxError {}

function parseStoreFile(text: string): LinkStoreData {
  let value: unknown
  try {
    // An editor may have saved the file with a byte order mark, which JSON.parse refuses.
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new UnreadableStoreFile('The file is not valid JSON.')
  }
  // conf reads an array or a bare value as an empty store, and would then overwrite the file.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UnreadableStoreFile('The file does not hold a JSON object.')
  }
  assertRealDates((value as { links?: unknown }).links)
  return value as LinkStoreData
}

const DATE_FIELDS = ['createdAt', 'requestedExpiresAt', 'expiresAt'] as const

/**
 * The schema checks a date's shape only; `2025-13-45T99:99:99Z` passes it but is no date.
 * Checked while parsing, before conf writes anything, so a moved-aside file stays intact.
 */
function assertRealDates(links: unknown): void {
  if (!Array.isArray(links)) return
  for (const link of links as Array<Record<string, unknown>>) {
    for (const field of DATE_FIELDS) {
      const value = link?.[field]
      if (typeof value === 'string' && Number.isNaN(Date.parse(value))) {
        throw new UnreadableStoreFile(`Link ${String(link['id'])} has an impossible ${field}.`)
      }
    }
  }
}

function unreadableReason(error: unknown): string | null {
  if (error instanceof UnreadableStoreFile) return error.message
  if (!(error instanceof Error)) return null
  // conf's SchemaViolationError is not exported; its message prefix is its contract.
  if (error.message.startsWith('Config schema violation')) {
    // One bad file can hold thousands of problems; the first few say what kind of damage it is.
    const problems = error.message.replace(/^Config schema violation: /, '').split('; ')
    const more = problems.length > 2 ? `; and ${problems.length - 2} more` : ''
    return `The file does not have the expected format (${problems.slice(0, 2).join('; ')}${more}).`
  }
  if (error.message.includes('during the migration')) {
    return 'The file is from an older version of the app and could not be upgraded.'
  }
  return null
}

function asideName(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replaceAll(':', '')
  let candidate = `${path}.corrupt-${stamp}`
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${path}.corrupt-${stamp}-${n}`
  return candidate
}

/**
 * A link as version 1 of the file stored it (app 0.0.x).
 *
 * Version 1 knew nothing of credential expiry or download names: `expiresAt` was simply
 * `createdAt + expiresInSeconds`, and links were never given a Content-Disposition.
 */
export interface LinkV1 {
  id: string
  createdAt: string
  profileId: string
  bucket: string
  key: string
  region: string
  endpoint: string | null
  method: 'GET' | 'PUT'
  expiresInSeconds: number
  expiresAt: string
  url: string
  label: string
}

/** Version 1 links in version 2's shape; anything unrecognised is left for the schema to judge. */
export function migrateV1Links(links: readonly unknown[]): unknown[] {
  return links.map((link) => {
    if (!isV1Link(link)) return link
    const { expiresInSeconds, ...rest } = link
    return {
      ...rest,
      requestedExpiresInSeconds: expiresInSeconds,
      // Version 1 only knew the requested expiry; whether credentials cut it short is unknown.
      requestedExpiresAt: link.expiresAt,
      cappedBy: null,
      downloadFilename: null
    }
  })
}

function isV1Link(link: unknown): link is LinkV1 {
  return (
    typeof link === 'object' &&
    link !== null &&
    'expiresInSeconds' in link &&
    !('requestedExpiresInSeconds' in link)
  )
}
