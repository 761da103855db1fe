import type {
  ExportFormat,
  IssuedLink,
  JobState,
  LinkBatch,
  LinkPage,
  LinkQuery,
  LinkRegistryStatus,
  LinksChangedEvent
} from '../../shared/models'

/**
 * The seams of the link registry, the signing pipeline and jobs, shared by the app and the
 * command line. Implemented in `links.ts` (over `adapters/link-db.ts`), `signing.ts`,
 * `jobs.ts` and `bulk-links.ts`.
 */

/** A link before the registry gives it an id. */
export type LinkDraft = Omit<IssuedLink, 'id'>

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
  remove(id: string): boolean
  removeBatch(batchId: string): number
  /** Removes links whose real expiry is at or before `now`; returns how many. */
  removeExpired(now: number): number
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
  query(query: LinkQuery): LinkPage
  status(): LinkRegistryStatus
  /** The URL to hand to the default browser; throws for an unknown id or a non-web URL. */
  urlToOpen(id: string): string
  forget(id: string): void
  forgetBatch(batchId: string): number
  /** Forgets every link that no longer works; returns how many. */
  clearExpired(): number
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
