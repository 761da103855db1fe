import type {
  ExportFormat,
  IssuedLink,
  JobState,
  LinkBatch,
  LinkPage,
  LinkQuery,
  LinkRegistryStatus,
  LinkRemoval,
  LinksChangedEvent
} from '../../shared/models'

/**
 * The seams of the link registry, the signing pipeline and jobs, shared by the app and the
 * command line. Implemented in `links.ts` (over `adapters/link-db.ts`), `signing.ts`,
 * `jobs.ts` and `bulk-links.ts`.
 */

/** A link before the registry gives it an id. */
export type LinkDraft = Omit<IssuedLink, 'id'>

/** What may change in a recorded link: everything else is fixed once it is signed. */
export type LinkPatch = Partial<
  Pick<IssuedLink, 'selfTest' | 'renewedById' | 'watched' | 'notified' | 'revoked'>
>

/**
 * How long removed links are kept for `undo`: longer than the window the user is shown
 * (`UNDO_WINDOW_MS`), so that an Undo clicked at its last moment still arrives in time.
 */
export const UNDO_KEEP_MS = 60_000

/** Keeps what a removal takes, under `token`, so that `restore` can bring it back. */
export interface RemovalKeep {
  token: string
  /** When the removal happens (epoch ms); older removals are purged meanwhile. */
  at: number
}

export type BatchDraft = Omit<LinkBatch, 'id' | 'linkCount' | 'failedCount' | 'state'>

/** Which links to export: one batch, or everything a filter matches. */
export interface ExportSelection {
  format: ExportFormat
  batchId?: string
  query?: Omit<LinkQuery, 'offset' | 'limit' | 'groupBatches'>
}

/**
 * Where issued links are stored: SQLite (`node:sqlite`) in the user-data folder, shared by the
 * app and the command line, each possibly running at the same time.
 */
export interface LinkRepository {
  add(link: IssuedLink): void
  /** Adds links in one transaction; callers send chunks of a few hundred. */
  addMany(links: readonly IssuedLink[]): void
  get(id: string): IssuedLink | null
  query(query: LinkQuery, now: number): Omit<LinkPage, 'version' | 'now'>
  /** Every link matching a filter, in the filter's order (for export and copy-all). */
  matching(selection: Omit<ExportSelection, 'format'>, now: number): IssuedLink[]
  /** Returns false when there was no link with that id. */
  remove(id: string, keep?: RemovalKeep): boolean
  removeBatch(batchId: string, keep?: RemovalKeep): number
  /**
   * Removes links whose real expiry is at or before `now`, revoked ones excepted (they count
   * only as revoked), and the finished batches left empty; returns how many links.
   */
  removeExpired(now: number, keep?: RemovalKeep): number
  /**
   * Puts back, with their ids and records, what a removal kept under `token`; returns how many
   * links, or null when the token is unknown or older than `UNDO_KEEP_MS` (or already used).
   */
  restore(token: string, now: number): number | null
  /** Patches links in one transaction; returns those found, patched (unknown ids are skipped). */
  update(ids: readonly string[], patch: LinkPatch): IssuedLink[]
  /** Watched links that are not revoked, soonest expiry first. */
  watched(): IssuedLink[]
  /** Every link to exactly this key of this bucket (any endpoint or version), oldest first. */
  linksTo(object: { bucket: string; key: string }): IssuedLink[]
  saveBatch(batch: LinkBatch): void
  getBatch(id: string): LinkBatch | null
  status(): Omit<LinkRegistryStatus, 'version'>
  /**
   * A number that changes whenever anyone (this process or another) commits a change; cheap
   * enough to poll once a second.
   */
  changeCounter(): number
  close(): void
}

export type LinksChangeListener = (event: LinksChangedEvent) => void

export interface LinkService {
  /** Stores a freshly signed link under a new id and returns it. */
  record(draft: LinkDraft): IssuedLink
  /** Stores many links (one event for all of them). */
  recordMany(drafts: readonly LinkDraft[]): IssuedLink[]
  createBatch(draft: BatchDraft): LinkBatch
  /** Updates a batch's counts and state (e.g. when its job ends). */
  updateBatch(id: string, patch: Partial<Pick<LinkBatch, 'failedCount' | 'state'>>): LinkBatch
  /** Throws `AppError('link-not-found')` for an unknown id. */
  get(id: string): IssuedLink
  /** Changes what may change of a link (`LinkPatch`); throws `link-not-found` for an unknown id. */
  update(id: string, patch: LinkPatch): IssuedLink
  /** Changes several links in one transaction (one event); returns those found. */
  updateMany(ids: readonly string[], patch: LinkPatch): IssuedLink[]
  /** Every watched link that is not revoked (for notifications). */
  watched(): IssuedLink[]
  /** Every link, download or upload, to exactly this object (same endpoint, bucket and key). */
  linksTo(object: { endpoint: string | null; bucket: string; key: string }): IssuedLink[]
  query(query: LinkQuery): LinkPage
  status(): LinkRegistryStatus
  /** The URL to hand to the default browser; throws for an unknown id or a non-web URL. */
  urlToOpen(id: string): string
  /** Forgets a link; the removal can be undone for a while (`undo`). */
  forget(id: string): LinkRemoval
  /** Forgets a batch and its links. */
  forgetBatch(batchId: string): LinkRemoval
  /**
   * Forgets every expired link (revoked ones stay: they count only as revoked, so this removes
   * exactly the links the `expired` count shows).
   */
  clearExpired(): LinkRemoval
  /**
   * Brings back exactly what a removal took (same ids and records, and a forgotten batch);
   * returns how many links. `undo-expired` once the token is older than `UNDO_KEEP_MS`, unknown
   * or used already.
   */
  undo(undoToken: string): number
  /** Every URL of a batch, in the batch's order. */
  batchUrls(batchId: string): string[]
  /** The export file's text and how many links it holds. */
  exportLinks(selection: ExportSelection): { content: string; count: number }
  /**
   * Called after every change, including other processes' (noticed by polling while at least
   * one listener is subscribed); returns the unsubscribe function.
   */
  onChange(listener: LinksChangeListener): () => void
}

export interface JobContext {
  signal: AbortSignal
  /** Reports progress; the runner throttles what reaches listeners. */
  progress(update: Partial<Pick<JobState, 'phase' | 'done' | 'total' | 'failed' | 'batchId'>>): void
  /** Records an error for one item; the job goes on. */
  itemFailed(error: JobState['errors'][number]): void
}

export type JobListener = (state: JobState) => void

export interface JobRunner {
  /** Starts `run` at once and returns its first state; exactly one final state follows. */
  start(kind: JobState['kind'], run: (context: JobContext) => Promise<void>): JobState
  /** Throws `AppError('job-not-found')` for an unknown id. */
  get(id: string): JobState
  cancel(id: string): JobState
  onChange(listener: JobListener): () => void
}
