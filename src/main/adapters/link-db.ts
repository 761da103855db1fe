import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync
} from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import { expiringSoonAt } from '../../shared/countdown'
import { AppError } from '../../shared/errors'
import { MAX_LINK_PAGE_SIZE } from '../../shared/ipc-contract'
import type {
  IssuedLink,
  LinkBatch,
  LinkListRow,
  LinkQuery,
  LinkRegistryStatus,
  LinkSortField,
  LinkStatusFilter
} from '../../shared/models'
import { systemClock, type Clock } from '../services/ports'
import {
  UNDO_KEEP_MS,
  type ExportSelection,
  type LinkPatch,
  type LinkRepository,
  type RemovalKeep
} from '../services/registry-ports'

/** The registry's file in the user-data folder. */
export const LINK_DB_FILE = 'links.db'

/** The JSON file versions 0.0.x and 0.1.x of the app kept their links in (conf's layout). */
export const LEGACY_LINKS_FILE = 'links.json'

/**
 * How long a write waits for another process (the app or the command line) to finish its own.
 * SQLite's default is 0: a second process would fail at once.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000

export interface LinkDatabaseOptions {
  /** The folder `links.db` lives in: the app's user-data folder, or a temp folder in tests. */
  dir: string
  /** Dates the names of moved-aside and imported files. */
  clock?: Clock
  /**
   * Opens without writing anything: no schema upgrade, no import, no recovery. For commands that
   * only read; a database that does not exist yet or needs an upgrade is reported, not created.
   */
  readOnly?: boolean
  busyTimeoutMs?: number
}

/**
 * The schema, one step per `user_version`. Append steps; never edit one that has shipped.
 *
 * Links are one row each: the columns the Links view filters and sorts on are indexed, and the
 * full record is kept as JSON in a table of its own, so that scans (search, counts) read small
 * rows. Times are epoch milliseconds. `expiring_at` is `expiringSoonAt`, capped at
 * `expires_at`, so that "expiring or expired" is one index range. `seq` never reuses a value
 * (AUTOINCREMENT): it breaks ties in every order and tells which rows were checked already.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE links (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    expiring_at INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    batch_id TEXT,
    name_sort TEXT NOT NULL,
    label_sort TEXT NOT NULL,
    search TEXT NOT NULL
  );
  CREATE UNIQUE INDEX links_id ON links (id);
  CREATE INDEX links_created ON links (created_at);
  CREATE INDEX links_expires ON links (expires_at);
  CREATE INDEX links_expiring ON links (expiring_at);
  CREATE INDEX links_bucket ON links (bucket, created_at);
  CREATE INDEX links_profile ON links (profile_id, created_at);
  CREATE INDEX links_batch ON links (batch_id, created_at);
  CREATE INDEX links_name ON links (name_sort);
  CREATE INDEX links_label ON links (label_sort);

  CREATE TABLE link_records (
    seq INTEGER PRIMARY KEY,
    record TEXT NOT NULL
  );

  CREATE TABLE batches (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    name_sort TEXT NOT NULL,
    label_sort TEXT NOT NULL,
    link_count INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL
  );

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- How many links expire, and turn "expiring", in each hour (epoch ms / 3,600,000): the
  -- status counts read this and one hour of an index instead of every link.
  CREATE TABLE expiry_hours (
    hour INTEGER PRIMARY KEY,
    expires INTEGER NOT NULL DEFAULT 0,
    expiring INTEGER NOT NULL DEFAULT 0
  );

  -- Inserts add to link_count and expiry_hours in bulk (see \`linkWriter\`); deletes, rarer and
  -- of any shape, take away here.
  CREATE TRIGGER links_removed AFTER DELETE ON links
    BEGIN
      DELETE FROM link_records WHERE seq = old.seq;
      UPDATE batches SET link_count = link_count - 1 WHERE id = old.batch_id;
      UPDATE expiry_hours SET expires = expires - 1 WHERE hour = old.expires_at / 3600000;
      UPDATE expiry_hours SET expiring = expiring - 1 WHERE hour = old.expiring_at / 3600000;
      DELETE FROM expiry_hours WHERE expires = 0 AND expiring = 0
        AND hour IN (old.expires_at / 3600000, old.expiring_at / 3600000);
    END;
  `,
  // Revoked and watched links, and removals kept for a while so that they can be undone.
  // Links recorded before this step were neither revoked nor watched, so the defaults hold.
  `
  ALTER TABLE links ADD COLUMN revoked_at INTEGER;
  ALTER TABLE links ADD COLUMN watched INTEGER NOT NULL DEFAULT 0;

  -- Revoked links count only as revoked. They are few: the status counts take them away from
  -- the histogram's through this index rather than reading every link.
  CREATE INDEX links_revoked ON links (expires_at, expiring_at) WHERE revoked_at IS NOT NULL;
  CREATE INDEX links_watched ON links (expires_at) WHERE watched = 1;

  -- What a forget or a clear removed, under the token that brings it back (kind 0: a link's
  -- record, 1: a batch's). Purged once older than the undo window.
  CREATE TABLE removals (
    token TEXT PRIMARY KEY,
    removed_at INTEGER NOT NULL
  );
  CREATE INDEX removals_at ON removals (removed_at);
  CREATE TABLE removed_rows (
    token TEXT NOT NULL,
    kind INTEGER NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX removed_rows_token ON removed_rows (token);
  CREATE TRIGGER removals_purged AFTER DELETE ON removals
    BEGIN
      DELETE FROM removed_rows WHERE token = old.token;
    END;
  `
]

/** The schema version this code writes; a database with a higher one is refused. */
export const LINK_DB_VERSION = MIGRATIONS.length

/** The schema step by step, for tests that build a file as an older version left it. */
export const LINK_DB_SCHEMA_STEPS: readonly string[] = MIGRATIONS

/** How much the WAL grows before a commit copies it into the database (SQLite's default: 4 MB). */
const WAL_CHECKPOINT_BYTES = 16 * 1024 * 1024

/** The width of an `expiry_hours` row. */
const HOUR_MS = 3_600_000

/** Links written per statement batch when a removal is undone (clearing may take thousands). */
const RESTORE_CHUNK = 500

const IMPORT_META_KEY = 'legacy-import'

type ImportInfo = NonNullable<LinkRegistryStatus['imported']>
type Recovery = NonNullable<LinkRegistryStatus['recoveredFrom']>

/**
 * The registry of issued links in SQLite (`node:sqlite`), shared by the app and the command line.
 *
 * Several processes may have the file open at once: writes are `BEGIN IMMEDIATE` transactions
 * that wait up to `busyTimeoutMs` for each other (WAL lets readers go on meanwhile), and a wait
 * that runs out becomes `AppError('registry-busy')`, which the caller may retry. A file that is
 * not a database is moved aside and a new one started (`status().recoveredFrom`); an older
 * `links.json` is imported once (`status().imported`). Disk and permission failures become
 * `AppError('registry-unavailable')` saying what to do.
 */
export function openLinkDatabase(options: LinkDatabaseOptions): LinkRepository {
  const path = join(options.dir, LINK_DB_FILE)
  const clock = options.clock ?? systemClock
  const readOnly = options.readOnly ?? false
  const timeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS

  let recoveredFrom: Recovery | null = null
  let db: DatabaseSync
  try {
    db = openDatabase(path, { readOnly, timeout })
  } catch (error) {
    throw toRegistryError(error, path)
  }
  try {
    setUp(db, readOnly)
  } catch (error) {
    const reason = damageReason(error)
    if (reason === null || readOnly) {
      db.close()
      throw toRegistryError(error, path)
    }
    try {
      recoveredFrom = { movedTo: moveDamagedAside(path, clock.now(), db), reason }
      db = openDatabase(path, { readOnly, timeout })
      setUp(db, readOnly)
    } catch (again) {
      if (db.isOpen) db.close()
      throw toRegistryError(again, path)
    }
  }

  try {
    if (!readOnly) {
      const legacy = importLegacyFile(db, options.dir, clock)
      if (legacy !== null && recoveredFrom === null) recoveredFrom = legacy
      purgeOldRemovals(db, clock.now())
    }
    return createRepository(db, path, recoveredFrom)
  } catch (error) {
    db.close()
    throw toRegistryError(error, path)
  }
}

function openDatabase(
  path: string,
  { readOnly, timeout }: { readOnly: boolean; timeout: number }
): DatabaseSync {
  if (!readOnly) prepareFile(path)
  else if (!existsSync(path)) {
    throw new AppError(
      'registry-unavailable',
      `No links have been recorded on this computer yet (${path} does not exist).`
    )
  }
  return new DatabaseSync(path, { timeout, readOnly })
}

/** Checks the file's version first: nothing is changed in a file that is too new or damaged. */
function setUp(db: DatabaseSync, readOnly: boolean): void {
  const found = userVersion(db)
  if (found > LINK_DB_VERSION) throw newerDatabase(found)
  if (!readOnly) {
    // Taken only by a new, empty file: a page size is fixed once written. A bulk share writes
    // about 2 KB per link; in 16 KB pages that is a quarter of the WAL frames (each its own
    // system calls and checksum) of 4 KB pages, and a third less time per link.
    db.exec('PRAGMA page_size = 16384')
    // WAL persists in the file and lets readers run during a write; NORMAL is safe with WAL.
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    // Checkpoints (each with its fsyncs) every 16 MB of changes rather than the default 1,000
    // pages, whatever the file's page size.
    const { page_size: pageSize } = db.prepare('PRAGMA page_size').get() as { page_size: number }
    db.exec(`PRAGMA wal_autocheckpoint = ${Math.ceil(WAL_CHECKPOINT_BYTES / pageSize)}`)
  }
  // Large enough for the indexes of 100,000 links, so that inserts do not re-read them.
  db.exec('PRAGMA cache_size = -16384')
  // An insert that fires triggers keeps a statement journal; on disk (the default) that costs
  // several system calls per link, four times the rest of the insert.
  db.exec('PRAGMA temp_store = MEMORY')
  migrate(db, readOnly)
}

/** Creates the folder and an empty file only its owner can read: the URLs are bearer tokens. */
function prepareFile(path: string): void {
  const dir = join(path, '..')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', 0o600))
  } else if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600)
  }
  // SQLite gives the -wal and -shm files the database file's mode.
}

function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  return row.user_version
}

function migrate(db: DatabaseSync, readOnly: boolean): void {
  if (userVersion(db) === LINK_DB_VERSION) return
  if (readOnly) {
    throw new AppError(
      'registry-unavailable',
      'The list of links must be upgraded before it can be read. Open S3 Share Manager, or run a command that records a link, then try again.'
    )
  }
  db.exec('BEGIN IMMEDIATE')
  try {
    // Another process may have upgraded the file while this one waited for the lock.
    const version = userVersion(db)
    if (version > LINK_DB_VERSION) throw newerDatabase(version)
    for (let step = version; step < LINK_DB_VERSION; step += 1) db.exec(MIGRATIONS[step]!)
    db.exec(`PRAGMA user_version = ${LINK_DB_VERSION}`)
    db.exec('COMMIT')
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/**
 * Drops removals too old to undo that no later removal purged (the app quit meanwhile), so that
 * forgotten URLs do not stay in the file. Housekeeping: a busy file is left for next time.
 */
function purgeOldRemovals(db: DatabaseSync, now: number): void {
  const cutoff = now - UNDO_KEEP_MS
  if (db.prepare('SELECT 1 FROM removals WHERE removed_at < ? LIMIT 1').get(cutoff) === undefined) {
    return
  }
  try {
    db.exec('BEGIN IMMEDIATE')
    db.prepare('DELETE FROM removals WHERE removed_at < ?').run(cutoff)
    db.exec('COMMIT')
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    const code = sqliteCode(error)
    if (code !== SQLITE_BUSY && code !== SQLITE_LOCKED) throw error
  }
}

function newerDatabase(version: number): AppError {
  return new AppError(
    'registry-unavailable',
    `The list of links was written by a newer version of S3 Share Manager (format ${version}; this version knows up to ${LINK_DB_VERSION}). Update the app and the s3-share command, then try again.`
  )
}

/** SQLite's primary result code of an error thrown by `node:sqlite`, or null. */
function sqliteCode(error: unknown): number | null {
  const errcode = (error as { errcode?: unknown } | null)?.errcode
  return typeof errcode === 'number' ? errcode & 0xff : null
}

const SQLITE_PERM = 3
const SQLITE_BUSY = 5
const SQLITE_LOCKED = 6
const SQLITE_READONLY = 8
const SQLITE_IOERR = 10
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26

function damageReason(error: unknown): string | null {
  const code = sqliteCode(error)
  if (code === SQLITE_NOTADB) return 'The file is not a database.'
  if (code === SQLITE_CORRUPT) return 'The database is damaged (malformed).'
  return null
}

/**
 * Moves the file and its -wal/-shm companions aside, side by side, never over another.
 *
 * Renamed while still open where the system allows it (not Windows): closing the last
 * connection deletes the -wal file, which may hold the newest of the damaged file's data.
 */
function moveDamagedAside(path: string, now: number, db: DatabaseSync): string {
  const movedTo = uniqueName(`${path}.corrupt-${stamp(now)}`)
  const moveAll = () => {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix)
    }
  }
  try {
    moveAll()
  } catch {
    db.close()
    moveAll()
  }
  if (db.isOpen) db.close()
  return movedTo
}

function stamp(now: number): string {
  return new Date(now).toISOString().replaceAll(':', '')
}

function uniqueName(candidate: string): string {
  let name = candidate
  for (let n = 2; existsSync(name); n += 1) name = `${candidate}-${n}`
  return name
}

/**
 * What a failure means to the person using the app: busy (retry), or unavailable (with what to
 * do). Anything else is a bug and goes on as it is.
 */
export function toRegistryError(error: unknown, path: string): unknown {
  if (error instanceof AppError) return error
  const code = sqliteCode(error)
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return new AppError(
        'registry-busy',
        'The list of links is busy: another S3 Share Manager window or s3-share command is writing to it. Try again in a moment.'
      )
    case SQLITE_FULL:
      return new AppError(
        'registry-unavailable',
        `The disk holding ${path} is full, so the list of links cannot be saved. Free some space, then try again.`
      )
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return new AppError(
        'registry-unavailable',
        `The list of links cannot be saved: ${path} or its folder is read-only. Check the folder's permissions, then try again.`
      )
    case SQLITE_CANTOPEN:
      return new AppError(
        'registry-unavailable',
        `The list of links could not be opened at ${path}. Check that the folder exists and that you can write to it.`
      )
    case SQLITE_IOERR:
      return new AppError(
        'registry-unavailable',
        `The list of links could not be read or written at ${path} (a disk error). Check the disk, then try again.`
      )
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new AppError(
        'registry-unavailable',
        `The list of links at ${path} is damaged. Restart S3 Share Manager: it moves the file aside and starts a new list.`
      )
  }
  const fsCode = (error as { code?: unknown } | null)?.code
  switch (fsCode) {
    case 'ENOSPC':
      return new AppError(
        'registry-unavailable',
        `The disk holding ${path} is full. Free some space, then try again.`
      )
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError(
        'registry-unavailable',
        `The list of links cannot be saved: ${path} or its folder is read-only. Check the folder's permissions, then try again.`
      )
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
    case 'ENOENT':
      return new AppError(
        'registry-unavailable',
        `The list of links could not be opened at ${path} (${fsCode}). Check that the folder exists and that you can write to it.`
      )
  }
  return error
}

/**
 * "zoe" finds "Zoë": decomposes accented letters, drops the accents, lower-cases.
 *
 * Applied to the stored search and sort columns and to the search text alike.
 */
export function foldForSearch(text: string): string {
  // Most keys are plain ASCII, where lower-casing is all there is to do (and 5x cheaper).
  if (!NON_ASCII.test(text)) return text.toLowerCase()
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

const NON_ASCII = /[^ -~\t\n\r]/

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

function isDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string'
}

/** A stored or imported link, if it has the shape of one; null otherwise. */
export function parseLink(value: unknown): IssuedLink | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const link = value as Record<string, unknown>
  const ok =
    typeof link['id'] === 'string' &&
    link['id'] !== '' &&
    isDate(link['createdAt']) &&
    typeof link['profileId'] === 'string' &&
    typeof link['bucket'] === 'string' &&
    typeof link['key'] === 'string' &&
    typeof link['region'] === 'string' &&
    isStringOrNull(link['endpoint']) &&
    (link['method'] === 'GET' || link['method'] === 'PUT' || link['method'] === 'POST') &&
    Number.isInteger(link['requestedExpiresInSeconds']) &&
    (link['requestedExpiresInSeconds'] as number) >= 1 &&
    isDate(link['requestedExpiresAt']) &&
    isDate(link['expiresAt']) &&
    (link['cappedBy'] === 'credentials' || link['cappedBy'] === null) &&
    typeof link['url'] === 'string' &&
    typeof link['label'] === 'string' &&
    isStringOrNull(link['downloadFilename']) &&
    isStringOrNull(link['batchId']) &&
    (link['upload'] === undefined || link['upload'] === null || isUploadDetails(link['upload'])) &&
    isRevocation(link['revoked']) &&
    (link['watched'] === undefined || typeof link['watched'] === 'boolean')
  return ok ? (link as unknown as IssuedLink) : null
}

/** Absent, null, or a `LinkRevocation`: its time is indexed, so it must be a real date. */
function isRevocation(value: unknown): boolean {
  if (value === undefined || value === null) return true
  return (
    isRecord(value) &&
    isDate(value['at']) &&
    (value['how'] === 'object-deleted' || value['how'] === 'marked')
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringMapOrNull(value: unknown): boolean {
  return (
    value === null || (isRecord(value) && Object.values(value).every((v) => typeof v === 'string'))
  )
}

function isSizeOrNull(value: unknown): boolean {
  return value === null || (Number.isSafeInteger(value) && (value as number) >= 0)
}

/** An upload link's details (`UploadLinkDetails`), if they have its shape. */
function isUploadDetails(value: unknown): boolean {
  if (!isRecord(value)) return false
  const destination = value['destination']
  const rule = value['contentType']
  return (
    (value['kind'] === 'put' || value['kind'] === 'post' || value['kind'] === 'page') &&
    (value['uploadMethod'] === 'PUT' || value['uploadMethod'] === 'POST') &&
    isRecord(destination) &&
    ((destination['kind'] === 'key' && typeof destination['key'] === 'string') ||
      (destination['kind'] === 'prefix' && typeof destination['prefix'] === 'string')) &&
    (rule === null ||
      (isRecord(rule) &&
        ((rule['kind'] === 'exact' && typeof rule['contentType'] === 'string') ||
          (rule['kind'] === 'starts-with' && typeof rule['prefix'] === 'string')))) &&
    isSizeOrNull(value['minBytes']) &&
    isSizeOrNull(value['maxBytes']) &&
    isStringMapOrNull(value['fields']) &&
    isStringMapOrNull(value['headers']) &&
    typeof value['uploadUrl'] === 'string' &&
    typeof value['command'] === 'string' &&
    isStringOrNull(value['pageKey'])
  )
}

/** Where an upload link's files land, and its page: found by a search like the key. */
function uploadSearchLines(link: IssuedLink): string[] {
  const upload = link.upload
  if (upload === undefined || upload === null) return []
  const { destination } = upload
  return [
    foldForSearch(destination.kind === 'key' ? destination.key : destination.prefix),
    foldForSearch(upload.pageKey ?? '')
  ]
}

/** The value of a JSON text, or undefined for text that is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

type StoredBatch = Omit<LinkBatch, 'linkCount'>

function parseBatch(value: unknown): StoredBatch | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const batch = value as Record<string, unknown>
  const source = batch['source'] as Record<string, unknown> | null | undefined
  const ok =
    typeof batch['id'] === 'string' &&
    isDate(batch['createdAt']) &&
    typeof batch['profileId'] === 'string' &&
    typeof batch['bucket'] === 'string' &&
    typeof batch['label'] === 'string' &&
    typeof source === 'object' &&
    source !== null &&
    (source['kind'] === 'selection' ||
      (source['kind'] === 'prefix' && typeof source['prefix'] === 'string')) &&
    Number.isInteger(batch['requestedExpiresInSeconds']) &&
    isDate(batch['expiresAt']) &&
    (batch['cappedBy'] === 'credentials' || batch['cappedBy'] === null) &&
    Number.isInteger(batch['failedCount']) &&
    ['running', 'done', 'cancelled', 'failed'].includes(batch['state'] as string)
  return ok ? (batch as unknown as StoredBatch) : null
}

/** The name a batch sorts by among links: the folder it shared, or its label. */
function batchName(batch: StoredBatch): string {
  return batch.source.kind === 'prefix' ? batch.source.prefix : batch.label
}

/**
 * A link as version 1 of `links.json` stored it (app 0.0.x).
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

/** Version 1 links in version 2's shape; anything unrecognised is left for `parseLink` to judge. */
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

/** Links made before batches existed belong to none. */
function withBatch(link: unknown): unknown {
  if (typeof link !== 'object' || link === null || 'batchId' in link) return link
  return { ...link, batchId: null }
}

/** Reads `links.json` as conf wrote it (`{ links, __internal__ }`), or says why it cannot. */
function readLegacyLinks(text: string): { links: unknown[] } | { unreadable: string } {
  let value: unknown
  try {
    // An editor may have saved the file with a byte order mark, which JSON.parse refuses.
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { unreadable: 'The old list of links (links.json) is not valid JSON.' }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { unreadable: 'The old list of links (links.json) does not hold a JSON object.' }
  }
  const links = (value as { links?: unknown }).links
  if (links === undefined) return { links: [] }
  if (!Array.isArray(links)) {
    return { unreadable: 'The old list of links (links.json) has no list of links in it.' }
  }
  return { links: migrateV1Links(links).map(withBatch) }
}

/**
 * `parse`, remembering its last answer: the links of a batch share their bucket, label and
 * times, and folding or parsing those again for every link costs a tenth of writing it.
 */
function lastAnswerKept<T>(parse: (text: string) => T): (text: string) => T {
  let lastText: string | undefined
  let lastAnswer: T
  return (text) => {
    if (text !== lastText) {
      lastAnswer = parse(text)
      lastText = text
    }
    return lastAnswer
  }
}

const parseCreatedAt = lastAnswerKept(Date.parse)
const parseExpiresAt = lastAnswerKept(Date.parse)
const foldLabel = lastAnswerKept(foldForSearch)
const foldBucket = lastAnswerKept(foldForSearch)

/** The column values of a link; throws for a link that could not be read back. */
function linkColumns(link: IssuedLink): SQLInputValue[] {
  if (parseLink(link) === null) {
    throw new AppError(
      'invalid-argument',
      `Link ${String(link.id)} is incomplete and was not saved.`
    )
  }
  const createdAt = parseCreatedAt(link.createdAt)
  const expiresAt = parseExpiresAt(link.expiresAt)
  // Rounded up: for a whole-millisecond `now`, now >= ceil(t) exactly when now >= t.
  const expiringAt = Math.ceil(Math.min(expiringSoonAt({ createdAt, expiresAt }), expiresAt))
  const key = foldForSearch(link.key)
  const label = foldLabel(link.label)
  // One line per field, so that a search never matches across two of them.
  const search = [
    key,
    label,
    foldBucket(link.bucket),
    foldForSearch(link.downloadFilename ?? ''),
    ...uploadSearchLines(link)
  ]
  return [
    link.id,
    createdAt,
    expiresAt,
    expiringAt,
    link.bucket,
    link.profileId,
    link.batchId,
    key,
    label,
    search.join('\n'),
    ...flagColumns(link)
  ]
}

/** The link with the patch's fields set; a field left undefined in the patch is kept. */
function patched(link: IssuedLink, patch: LinkPatch): IssuedLink {
  const next: Record<string, unknown> = { ...link }
  for (const [field, value] of Object.entries(patch)) if (value !== undefined) next[field] = value
  return next as unknown as IssuedLink
}

/** `revoked_at` and `watched`: what `update` may change of a link's indexed columns. */
function flagColumns(link: IssuedLink): [number | null, number] {
  const revoked = link.revoked ?? null
  return [revoked === null ? null : Date.parse(revoked.at), link.watched === true ? 1 : 0]
}

/**
 * Writes links, inside a transaction the caller holds.
 *
 * Per transaction rather than per row (as triggers would): the batches' link counts and the
 * `expiry_hours` histogram get one statement per batch and per hour touched. A bulk share's
 * links share both, so this is a fifth of the cost of a link.
 */
function linkWriter(db: DatabaseSync) {
  const insert = (verb: string) =>
    db.prepare(`${verb} INTO links
      (id, created_at, expires_at, expiring_at, bucket, profile_id, batch_id, name_sort, label_sort, search,
        revoked_at, watched)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertLink = insert('INSERT')
  const insertNewLink = insert('INSERT OR IGNORE')
  const insertRecord = db.prepare('INSERT INTO link_records (seq, record) VALUES (?, ?)')
  const batchExists = db.prepare('SELECT 1 FROM batches WHERE id = ?')
  const countBatch = db.prepare('UPDATE batches SET link_count = link_count + ? WHERE id = ?')
  const countHour = db.prepare(`INSERT INTO expiry_hours (hour, expires, expiring) VALUES (?, ?, ?)
    ON CONFLICT (hour) DO UPDATE SET
      expires = expires + excluded.expires, expiring = expiring + excluded.expiring`)

  return {
    /** Returns how many were written; with `skipKnown`, links whose id is stored are skipped. */
    write(links: readonly IssuedLink[], { skipKnown = false } = {}): number {
      const perBatch = new Map<string, number>()
      const perHour = new Map<number, { expires: number; expiring: number }>()
      const hourOf = (time: number) => {
        const hour = Math.floor(time / HOUR_MS)
        let counts = perHour.get(hour)
        if (counts === undefined) perHour.set(hour, (counts = { expires: 0, expiring: 0 }))
        return counts
      }
      for (const link of links) {
        if (link.batchId !== null && !perBatch.has(link.batchId)) {
          // A link of a forgotten batch would belong to no row of the Links view.
          if (batchExists.get(link.batchId) === undefined) throw batchForgotten()
          perBatch.set(link.batchId, 0)
        }
      }
      let written = 0
      for (const link of links) {
        const columns = linkColumns(link)
        const result = (skipKnown ? insertNewLink : insertLink).run(...columns)
        if (result.changes === 0) continue
        insertRecord.run(result.lastInsertRowid, JSON.stringify(link))
        written += 1
        if (link.batchId !== null) perBatch.set(link.batchId, perBatch.get(link.batchId)! + 1)
        hourOf(columns[2] as number).expires += 1
        hourOf(columns[3] as number).expiring += 1
      }
      for (const [batchId, count] of perBatch) if (count > 0) countBatch.run(count, batchId)
      for (const [hour, counts] of perHour) countHour.run(hour, counts.expires, counts.expiring)
      return written
    }
  }
}

function batchForgotten(): AppError {
  return new AppError(
    'link-not-found',
    'That batch is no longer in the list (it was forgotten), so no more links can be added to it.'
  )
}

/**
 * Imports `links.json` once, inside one `BEGIN IMMEDIATE` transaction that first checks whether
 * another process (the app and the command line may start together) did it already. The file
 * is renamed (kept as a backup) before the commit and renamed back if the commit fails.
 * Returns a recovery note when the file could not be read at all.
 */
function importLegacyFile(db: DatabaseSync, dir: string, clock: Clock): Recovery | null {
  const from = join(dir, LEGACY_LINKS_FILE)
  const readMeta = db.prepare('SELECT value FROM meta WHERE key = ?')
  if (!existsSync(from) || readMeta.get(IMPORT_META_KEY) !== undefined) return null

  db.exec('BEGIN IMMEDIATE')
  let renamed: { backup: string } | null = null
  try {
    if (readMeta.get(IMPORT_META_KEY) !== undefined || !existsSync(from)) {
      db.exec('COMMIT')
      return null
    }
    const now = clock.now()
    const parsed = readLegacyLinks(readFileSync(from, 'utf8'))
    let count = 0
    let skipped = 0
    if ('links' in parsed) {
      const valid = parsed.links.map(parseLink).filter((link) => link !== null)
      // Repeated ids are skipped too: the first one stays.
      count = linkWriter(db).write(valid, { skipKnown: true })
      skipped = parsed.links.length - count
    }
    const backup = uniqueName(`${from}.${'links' in parsed ? 'imported' : 'corrupt'}-${stamp(now)}`)
    const info: ImportInfo = { from, backup, count, skipped, at: new Date(now).toISOString() }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
      IMPORT_META_KEY,
      JSON.stringify(info)
    )
    renameSync(from, backup)
    renamed = { backup }
    db.exec('COMMIT')
    return 'unreadable' in parsed ? { movedTo: backup, reason: parsed.unreadable } : null
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    if (renamed !== null) renameSync(renamed.backup, from)
    throw error
  }
}

type Params = Record<string, SQLInputValue>

interface Where {
  sql: string
  params: Params
}

/** Every order ends with `seq`, so rows that tie keep one order from page to page. */
const SORT_COLUMNS: Record<LinkSortField, readonly string[]> = {
  created: ['created_at'],
  expires: ['expires_at'],
  name: ['name_sort'],
  bucket: ['bucket', 'created_at'],
  profile: ['profile_id', 'created_at'],
  label: ['label_sort']
}

/** Revoked links are only `revoked`, whatever their times say; `all` is every link. */
const STATUS_SQL: Record<Exclude<LinkStatusFilter, 'all'>, string> = {
  expired: 'expires_at <= :now AND revoked_at IS NULL',
  expiring: 'expiring_at <= :now AND expires_at > :now AND revoked_at IS NULL',
  // expiring_at is never after expires_at, so this also means "not expired".
  active: 'expiring_at > :now AND revoked_at IS NULL',
  revoked: 'revoked_at IS NOT NULL'
}

type Filters = Omit<LinkQuery, 'offset' | 'limit' | 'groupBatches' | 'sort'>

function buildWhere(filters: Filters, now: number, withStatus: boolean): Where {
  const terms: string[] = []
  const params: Params = {}
  const status = filters.status ?? 'all'
  if (withStatus && status !== 'all') {
    terms.push(STATUS_SQL[status])
    // SQLite refuses a named parameter the statement does not use.
    if (status !== 'revoked') params['now'] = now
  }
  if (filters.bucket !== undefined) {
    terms.push('bucket = :bucket')
    params['bucket'] = filters.bucket
  }
  if (filters.profileId !== undefined) {
    terms.push('profile_id = :profileId')
    params['profileId'] = filters.profileId
  }
  if (filters.batchId !== undefined) {
    terms.push('batch_id = :batchId')
    params['batchId'] = filters.batchId
  }
  const text = foldForSearch(filters.text?.trim() ?? '')
  if (text !== '') {
    // instr, not LIKE: nothing in the text (%, _, \) needs escaping.
    terms.push('instr(search, :text) > 0')
    params['text'] = text
  }
  return { sql: terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`, params }
}

/** A count SQLite accepts for LIMIT or OFFSET (it refuses fractions). */
function wholeNumber(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0
}

function and(where: Where, term: string): string {
  return where.sql === '' ? `WHERE ${term}` : `${where.sql} AND ${term}`
}

const DEFAULT_SORT = { field: 'created', direction: 'desc' } as const

/** `ORDER BY` terms for the `links AS l` table; `byIndex: false` forbids walking the sort index. */
function linkOrder(sort: LinkQuery['sort'] = DEFAULT_SORT, byIndex = true): string {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC'
  // A unary + makes a term an expression, which no index provides.
  const plus = byIndex ? '' : '+'
  return [...SORT_COLUMNS[sort.field], 'seq']
    .map((column) => `${plus}l.${column} ${dir}`)
    .join(', ')
}

const LINK_ROWS = `SELECT l.seq AS seq, r.record AS record FROM links AS l
  LEFT JOIN link_records AS r ON r.seq = l.seq`

function createRepository(
  db: DatabaseSync,
  path: string,
  recoveredFrom: Recovery | null
): LinkRepository {
  // The DatabaseSync must outlive its statements (nodejs/node#60448): both live in this closure.
  const statements = new Map<string, StatementSync>()
  function statement(sql: string): StatementSync {
    let prepared = statements.get(sql)
    if (prepared === undefined) {
      prepared = db.prepare(sql)
      statements.set(sql, prepared)
    }
    return prepared
  }

  const begin = db.prepare('BEGIN IMMEDIATE')
  const commit = db.prepare('COMMIT')
  const rollback = db.prepare('ROLLBACK')
  const dataVersion = db.prepare('PRAGMA data_version')
  const writer = linkWriter(db)
  const recordBySeq = db.prepare('SELECT record FROM link_records WHERE seq = ?')

  let ownCommits = 0
  let closed = false
  // Rows found unreadable, by seq; rows up to `checkedUpTo` have all been looked at.
  const unreadable = new Set<number>()
  let checkedUpTo = 0

  function guard<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      throw toRegistryError(error, path)
    }
  }

  function write<T>(work: () => T): T {
    return guard(() => {
      begin.run()
      try {
        const result = work()
        commit.run()
        ownCommits += 1
        return result
      } catch (error) {
        if (db.isTransaction) rollback.run()
        throw error
      }
    })
  }

  function decodeLink(seq: number, record: string | null | undefined): IssuedLink | null {
    const link = typeof record === 'string' ? parseLink(parseJson(record)) : null
    if (link === null) unreadable.add(seq)
    return link
  }

  function decodeRows(rows: unknown[]): IssuedLink[] {
    const links: IssuedLink[] = []
    for (const row of rows as Array<{ seq: number; record: string | null }>) {
      const link = decodeLink(row.seq, row.record)
      if (link !== null) links.push(link)
    }
    return links
  }

  function decodeBatch(row: { seq: number; record: string; link_count: number }): LinkBatch | null {
    const batch = parseBatch(parseJson(row.record))
    if (batch === null) {
      // Batches and links share the count; a negative seq keeps them apart.
      unreadable.add(-row.seq)
      return null
    }
    return { ...batch, linkCount: row.link_count }
  }

  /**
   * Links per status. The expiry columns count every link, revoked or not; the revoked ones,
   * which count only as revoked, are then taken away from each status they would otherwise have.
   */
  /** Two index lookups: the first link to turn expiring, and the first to expire, after `now`. */
  function nextStatusChange(now: number): number | null {
    const row = statement(
      `SELECT (SELECT min(expiring_at) FROM links WHERE expiring_at > :now) AS expiring,
              (SELECT min(expires_at) FROM links WHERE expires_at > :now) AS expires`
    ).get({ now }) as { expiring: number | null; expires: number | null }
    const moments = [row.expiring, row.expires].filter((at): at is number => at !== null)
    return moments.length === 0 ? null : Math.min(...moments)
  }

  function counts(filters: Filters, now: number): Record<LinkStatusFilter, number> {
    const where = buildWhere(filters, now, false)
    let all: number
    let expired: number
    let expiringOrExpired: number
    let revoked: { n: number; expired: number; soon: number }
    if (where.sql === '') {
      // Whole hours from the histogram, the current hour from the indexes.
      const hour = Math.floor(now / HOUR_MS)
      const row = statement(
        `SELECT (SELECT count(*) FROM links) AS n,
          (SELECT coalesce(sum(expires), 0) FROM expiry_hours WHERE hour < :hour)
            + (SELECT count(*) FROM links WHERE expires_at BETWEEN :from AND :now) AS expired,
          (SELECT coalesce(sum(expiring), 0) FROM expiry_hours WHERE hour < :hour)
            + (SELECT count(*) FROM links WHERE expiring_at BETWEEN :from AND :now) AS soon`
      ).get({ hour, from: hour * HOUR_MS, now }) as { n: number; expired: number; soon: number }
      all = row.n
      expired = row.expired
      expiringOrExpired = row.soon
      // Read from the partial index of revoked links alone (a few rows, not every link).
      revoked = statement(
        `SELECT count(*) AS n, coalesce(sum(expires_at <= :now), 0) AS expired,
          coalesce(sum(expiring_at <= :now), 0) AS soon FROM links WHERE revoked_at IS NOT NULL`
      ).get({ now }) as { n: number; expired: number; soon: number }
    } else {
      const row = statement(
        `SELECT count(*) AS n, coalesce(sum(expires_at <= :now), 0) AS expired,
          coalesce(sum(expiring_at <= :now), 0) AS soon,
          coalesce(sum(revoked_at IS NOT NULL), 0) AS revoked,
          coalesce(sum(revoked_at IS NOT NULL AND expires_at <= :now), 0) AS revokedExpired,
          coalesce(sum(revoked_at IS NOT NULL AND expiring_at <= :now), 0) AS revokedSoon
          FROM links ${where.sql}`
      ).get({ ...where.params, now }) as {
        n: number
        expired: number
        soon: number
        revoked: number
        revokedExpired: number
        revokedSoon: number
      }
      all = row.n
      expired = row.expired
      expiringOrExpired = row.soon
      revoked = { n: row.revoked, expired: row.revokedExpired, soon: row.revokedSoon }
    }
    expired -= revoked.expired
    expiringOrExpired -= revoked.soon
    return {
      all,
      active: all - revoked.n - expiringOrExpired,
      expiring: expiringOrExpired - expired,
      expired,
      revoked: revoked.n
    }
  }

  /** A batch's row; `keep` leaves one already there as it is (restoring after a removal). */
  function writeBatch(stored: StoredBatch, existing: 'replace' | 'keep'): void {
    const onConflict =
      existing === 'keep'
        ? 'DO NOTHING'
        : `DO UPDATE SET created_at = excluded.created_at,
          expires_at = excluded.expires_at, bucket = excluded.bucket,
          profile_id = excluded.profile_id, name_sort = excluded.name_sort,
          label_sort = excluded.label_sort, record = excluded.record`
    statement(
      `INSERT INTO batches (id, created_at, expires_at, bucket, profile_id, name_sort, label_sort, record)
        VALUES (:id, :createdAt, :expiresAt, :bucket, :profileId, :name, :label, :record)
        ON CONFLICT (id) ${onConflict}`
    ).run({
      id: stored.id,
      createdAt: Date.parse(stored.createdAt),
      expiresAt: Date.parse(stored.expiresAt),
      bucket: stored.bucket,
      profileId: stored.profileId,
      name: foldForSearch(batchName(stored)),
      label: foldForSearch(stored.label),
      record: JSON.stringify(stored)
    })
  }

  /**
   * Deletes the links `where` picks, first copying their records under `keep`'s token. `where`
   * names only columns of `links` that `link_records` lacks (not `seq`).
   */
  function removeLinks(where: Where, keep: RemovalKeep | undefined): number {
    if (keep !== undefined) {
      statement(
        `INSERT INTO removed_rows (token, kind, record)
          SELECT :token, 0, r.record FROM links AS l JOIN link_records AS r ON r.seq = l.seq
          ${where.sql} ORDER BY l.seq`
      ).run({ ...where.params, token: keep.token })
    }
    return Number(statement(`DELETE FROM links ${where.sql}`).run(where.params).changes)
  }

  function removeBatches(where: Where, keep: RemovalKeep | undefined): number {
    if (keep !== undefined) {
      statement(
        `INSERT INTO removed_rows (token, kind, record)
          SELECT :token, 1, record FROM batches ${where.sql}`
      ).run({ ...where.params, token: keep.token })
    }
    return Number(statement(`DELETE FROM batches ${where.sql}`).run(where.params).changes)
  }

  /** Records that `keep.token` holds a removal, and purges the ones too old to undo. */
  function keptAs(keep: RemovalKeep): void {
    purgeRemovals(keep.at)
    statement('INSERT INTO removals (token, removed_at) VALUES (?, ?)').run(keep.token, keep.at)
  }

  function purgeRemovals(now: number): void {
    // The trigger deletes their rows: forgotten URLs (bearer tokens) do not linger in the file.
    statement('DELETE FROM removals WHERE removed_at < ?').run(now - UNDO_KEEP_MS)
  }

  function linkPage(
    query: LinkQuery,
    now: number,
    limit: number,
    tally: Record<LinkStatusFilter, number>
  ): LinkListRow[] {
    const where = buildWhere(query, now, true)
    const status = query.status ?? 'all'
    // With a status few links have, walking the sort index would visit nearly every row to
    // fill a page; the expiry indexes find those few directly, and sorting them is cheap.
    const byIndex = status === 'all' || tally[status] * 20 >= tally.all
    const rows = statement(
      `${LINK_ROWS} ${where.sql} ORDER BY ${linkOrder(query.sort, byIndex)}
        LIMIT :limit OFFSET :offset`
    ).all({ ...where.params, limit, offset: query.offset })
    return decodeRows(rows).map((link) => ({ kind: 'link', link }))
  }

  return {
    add(link) {
      write(() => writer.write([link]))
    },

    addMany(links) {
      if (links.length === 0) return
      write(() => writer.write(links))
    },

    get(id) {
      return guard(() => {
        const row = statement(`${LINK_ROWS} WHERE l.id = ?`).get(id) as
          { seq: number; record: string | null } | undefined
        return row === undefined ? null : decodeLink(row.seq, row.record)
      })
    },

    query(asked, now) {
      return guard(() => {
        const query = { ...asked, offset: wholeNumber(asked.offset) }
        const limit = Math.min(wholeNumber(asked.limit), MAX_LINK_PAGE_SIZE)
        const status = query.status ?? 'all'
        const tally = counts(query, now)
        const nextStatusChangeAt = nextStatusChange(now)
        if (!query.groupBatches || query.batchId !== undefined) {
          const rows = linkPage(query, now, limit, tally)
          return { rows, total: tally[status], counts: tally, nextStatusChangeAt }
        }
        const page = groupedPage(query, now, limit, tally[status])
        return { ...page, counts: tally, nextStatusChangeAt }
      })
    },

    matching(selection, now) {
      return guard(() => matching(selection, now))
    },

    remove(id, keep) {
      return write(() => {
        const where = { sql: 'WHERE id = :id', params: { id } }
        const removed = removeLinks(where, keep) > 0
        if (removed && keep !== undefined) keptAs(keep)
        return removed
      })
    },

    removeBatch(batchId, keep) {
      return write(() => {
        const removed = removeLinks({ sql: 'WHERE batch_id = :batchId', params: { batchId } }, keep)
        const batches = removeBatches({ sql: 'WHERE id = :batchId', params: { batchId } }, keep)
        if (removed + batches > 0 && keep !== undefined) keptAs(keep)
        return removed
      })
    },

    removeExpired(now, keep) {
      return write(() => {
        const removed = removeLinks({ sql: `WHERE ${STATUS_SQL.expired}`, params: { now } }, keep)
        // Batches whose every link expired go with them; a running one is still filling up.
        const batches = removeBatches(
          {
            sql: "WHERE link_count <= 0 AND json_extract(record, '$.state') <> 'running'",
            params: {}
          },
          keep
        )
        if (removed + batches > 0 && keep !== undefined) keptAs(keep)
        return removed
      })
    },

    restore(token, now) {
      return write(() => {
        purgeRemovals(now)
        if (statement('SELECT 1 FROM removals WHERE token = ?').get(token) === undefined) {
          return null
        }
        // Batches first: a link is only written into a batch that exists.
        for (const row of statement(
          'SELECT record FROM removed_rows WHERE token = ? AND kind = 1 ORDER BY rowid'
        ).iterate(token) as Iterable<{ record: string }>) {
          const batch = parseBatch(parseJson(row.record))
          if (batch !== null) writeBatch(batch, 'keep')
        }
        let restored = 0
        let chunk: IssuedLink[] = []
        for (const row of statement(
          'SELECT record FROM removed_rows WHERE token = ? AND kind = 0 ORDER BY rowid'
        ).iterate(token) as Iterable<{ record: string }>) {
          const link = parseLink(parseJson(row.record))
          if (link !== null) chunk.push(link)
          if (chunk.length === RESTORE_CHUNK) {
            restored += writer.write(chunk, { skipKnown: true })
            chunk = []
          }
        }
        restored += writer.write(chunk, { skipKnown: true })
        // Once only: a second undo of the same removal finds nothing.
        statement('DELETE FROM removals WHERE token = ?').run(token)
        return restored
      })
    },

    update(ids, patch) {
      return write(() => {
        const updated: IssuedLink[] = []
        for (const id of ids) {
          const row = statement(`${LINK_ROWS} WHERE l.id = ?`).get(id) as
            { seq: number; record: string | null } | undefined
          const link = row === undefined ? null : decodeLink(row.seq, row.record)
          if (row === undefined || link === null) continue
          const next = patched(link, patch)
          if (parseLink(next) === null) {
            throw new AppError('invalid-argument', `Link ${id} cannot be changed that way.`)
          }
          statement('UPDATE link_records SET record = ? WHERE seq = ?').run(
            JSON.stringify(next),
            row.seq
          )
          statement('UPDATE links SET revoked_at = ?, watched = ? WHERE seq = ?').run(
            ...flagColumns(next),
            row.seq
          )
          updated.push(next)
        }
        return updated
      })
    },

    watched() {
      return guard(() =>
        decodeRows(
          statement(
            `${LINK_ROWS} WHERE l.watched = 1 AND l.revoked_at IS NULL ORDER BY l.expires_at, l.seq`
          ).all()
        )
      )
    },

    linksTo({ bucket, key }) {
      return guard(() =>
        // The folded key is indexed; folding merges cases, so the exact key is checked after.
        decodeRows(
          statement(
            `${LINK_ROWS} WHERE l.name_sort = ? AND l.bucket = ? ORDER BY l.created_at, l.seq`
          ).all(foldForSearch(key), bucket)
        ).filter((link) => link.key === key)
      )
    },

    saveBatch(batch) {
      write(() => {
        const { linkCount: _linkCount, ...stored } = batch
        writeBatch(stored, 'replace')
      })
    },

    getBatch(id) {
      return guard(() => {
        const row = statement('SELECT seq, record, link_count FROM batches WHERE id = ?').get(
          id
        ) as { seq: number; record: string; link_count: number } | undefined
        return row === undefined ? null : decodeBatch(row)
      })
    },

    status() {
      return guard(() => {
        checkNewRows()
        const meta = statement('SELECT value FROM meta WHERE key = ?').get(IMPORT_META_KEY) as
          { value: string } | undefined
        return {
          total: (statement('SELECT count(*) AS n FROM links').get() as { n: number }).n,
          unreadable: unreadable.size,
          recoveredFrom,
          imported: meta === undefined ? null : (JSON.parse(meta.value) as ImportInfo),
          buckets: distinct('bucket'),
          profileIds: distinct('profile_id')
        }
      })
    },

    changeCounter() {
      // data_version moves only when another connection commits; this one's commits are counted.
      return (dataVersion.get() as { data_version: number }).data_version + ownCommits
    },

    close() {
      if (closed) return
      closed = true
      statements.clear()
      db.close()
    }
  }

  function groupedPage(
    query: LinkQuery,
    now: number,
    limit: number,
    matchingLinks: number
  ): { rows: LinkListRow[]; total: number } {
    const where = buildWhere(query, now, true)
    const perBatch = new Map<string, number>()
    const batchRows =
      where.sql === ''
        ? statement('SELECT id AS batch, link_count AS n FROM batches WHERE link_count > 0').all()
        : statement(
            `SELECT batch_id AS batch, count(*) AS n FROM links ${and(where, 'batch_id IS NOT NULL')} GROUP BY batch_id`
          ).all(where.params)
    let inBatches = 0
    for (const row of batchRows as Array<{ batch: string; n: number }>) {
      perBatch.set(row.batch, row.n)
      inBatches += row.n
    }
    const sort = query.sort ?? DEFAULT_SORT
    const dir = sort.direction === 'asc' ? 'ASC' : 'DESC'
    const columns = SORT_COLUMNS[sort.field]
    const keys = columns.map((column, index) => `${column} AS k${index}`).join(', ')
    const order = [...columns.map((_, index) => `k${index} ${dir}`), `kind ${dir}`, `ref ${dir}`]
    const page = statement(
      `SELECT ${keys}, 0 AS kind, seq AS ref FROM links ${and(where, 'batch_id IS NULL')}
        UNION ALL
        SELECT ${keys}, 1 AS kind, seq AS ref FROM batches
          WHERE id IN (SELECT value FROM json_each(:batches))
        ORDER BY ${order.join(', ')} LIMIT :limit OFFSET :offset`
    ).all({
      ...where.params,
      batches: JSON.stringify([...perBatch.keys()]),
      limit,
      offset: query.offset
    }) as Array<{ kind: number; ref: number }>

    const rows: LinkListRow[] = []
    for (const { kind, ref } of page) {
      if (kind === 0) {
        const record = recordBySeq.get(ref) as { record: string } | undefined
        const link = decodeLink(ref, record?.record)
        if (link !== null) rows.push({ kind: 'link', link })
      } else {
        const row = statement('SELECT seq, record, link_count FROM batches WHERE seq = ?').get(
          ref
        ) as { seq: number; record: string; link_count: number }
        const batch = decodeBatch(row)
        if (batch !== null)
          rows.push({ kind: 'batch', batch, matching: perBatch.get(batch.id) ?? 0 })
      }
    }
    return { rows, total: matchingLinks - inBatches + perBatch.size }
  }

  function matching(selection: Omit<ExportSelection, 'format'>, now: number): IssuedLink[] {
    if (selection.batchId !== undefined && selection.query === undefined) {
      // A batch in the order its links were made.
      return decodeRows(
        statement(`${LINK_ROWS} WHERE l.batch_id = ? ORDER BY l.created_at ASC, l.seq ASC`).all(
          selection.batchId
        )
      )
    }
    const filters: Filters = { ...selection.query }
    if (selection.batchId !== undefined) filters.batchId = selection.batchId
    const where = buildWhere(filters, now, true)
    return decodeRows(
      statement(`${LINK_ROWS} ${where.sql} ORDER BY ${linkOrder(selection.query?.sort)}`).all(
        where.params
      )
    )
  }

  /** Distinct values of an indexed column, one index seek each (a loose index scan). */
  function distinct(column: 'bucket' | 'profile_id'): string[] {
    const rows = statement(
      `WITH RECURSIVE v(x) AS (
        SELECT min(${column}) FROM links
        UNION ALL
        SELECT (SELECT min(${column}) FROM links WHERE ${column} > x) FROM v WHERE x IS NOT NULL
      ) SELECT x FROM v WHERE x IS NOT NULL`
    ).all() as Array<{ x: string }>
    return rows.map((row) => row.x)
  }

  /**
   * Checks the rows added since the last look (by anyone), and forgets removed bad rows.
   *
   * SQLite checks each record's JSON and field types (the first look at 100,000 links takes a
   * fraction of a second); `parseLink` judges only the rows it doubts. A row that passes here
   * but not `parseLink` (an impossible date) is counted when a page meets it.
   */
  function checkNewRows(): void {
    const newest = (
      statement('SELECT max(seq) AS seq FROM link_records').get() as {
        seq: number | null
      }
    ).seq
    if (newest !== null && newest > checkedUpTo) {
      const doubtful = statement(
        `SELECT seq, record FROM link_records WHERE seq > ? AND seq <= ? AND NOT (${RECORD_SHAPE_SQL})`
      ).all(checkedUpTo, newest) as Array<{ seq: number; record: string }>
      for (const row of doubtful) decodeLink(row.seq, row.record)
      checkedUpTo = newest
    }
    for (const seq of unreadable) {
      const table = seq > 0 ? 'links' : 'batches'
      if (statement(`SELECT 1 FROM ${table} WHERE seq = ?`).get(Math.abs(seq)) === undefined) {
        unreadable.delete(seq)
      }
    }
  }
}

/** True for a stored record with the JSON types of an `IssuedLink` (see `parseLink`). */
const RECORD_SHAPE_SQL = `CASE WHEN json_valid(record) THEN ${[
  ...[
    'id',
    'createdAt',
    'profileId',
    'bucket',
    'key',
    'region',
    'method',
    'requestedExpiresAt',
    'expiresAt',
    'url',
    'label'
  ].map((field) => `json_type(record, '$.${field}') = 'text'`),
  `json_type(record, '$.requestedExpiresInSeconds') = 'integer'`,
  ...['endpoint', 'cappedBy', 'downloadFilename', 'batchId'].map(
    (field) => `json_type(record, '$.${field}') IN ('text', 'null')`
  ),
  // Absent (SQL NULL) for a download link recorded before upload links existed.
  `coalesce(json_type(record, '$.upload'), 'null') IN ('object', 'null')`
].join(' AND ')} ELSE 0 END`
