import { AppError, isAppError, type AppErrorCode } from '../../shared/errors'
import { assertValidLinkLifetime } from '../../shared/expiry'
import { MAX_BULK_KEYS, type InvokeArgs } from '../../shared/ipc-contract'
import type {
  JobState,
  LinkBatch,
  LinkSelfTest,
  LinkTestOutcome,
  PrefixCount
} from '../../shared/models'
import { assertBucketName, assertPrefix } from '../../shared/s3-names'
import { type BucketRegionResolver, type Clock, type ListedObject, type S3Gateway } from './ports'
import type { JobContext, JobRunner, LinkDraft, LinkService } from './registry-ports'
import { downloadFilenameFor, type SigningService } from './signing'

export type BulkLinkRequest = InvokeArgs<'bulk:start'>

export interface BulkLinkDependencies {
  signing: Pick<SigningService, 'prepareDownloadLinks'>
  links: Pick<LinkService, 'recordMany' | 'createBatch' | 'updateBatch'>
  gateway: Pick<S3Gateway, 'listAllObjects'>
  regions: BucketRegionResolver
  jobs: JobRunner
  /** Not needed yet: the signing service dates the links. Accepted so wiring stays uniform. */
  clock?: Clock
  /** Links signed and recorded between two looks at the cancel button. */
  chunkSize?: number
  /**
   * Fetches the batch's first link once (`link-checks.ts`, `testUrl`); without it the batch is
   * not tested.
   */
  testLink?: (url: string) => Promise<LinkSelfTest>
  /** Whether new links are tested (the user's `testNewLinks` setting); default: always. */
  testNewLinks?: () => boolean
}

export interface BulkLinkService {
  /** Starts sharing a selection or a whole prefix as one batch; returns the job's first state. */
  start(request: BulkLinkRequest): JobState
  /** Counts the objects under a prefix, sub-folders included, stopping at `limit`. */
  countPrefix(
    profileId: string,
    bucket: string,
    prefix: string,
    limit?: number
  ): Promise<PrefixCount>
}

/** A few hundred links per chunk: one registry transaction, a few milliseconds of signing. */
export const BULK_CHUNK_SIZE = 500

/**
 * Errors that would strike every object alike: the job stops on the first instead of
 * collecting one per object.
 */
const FATAL_CODES = new Set<AppErrorCode>([
  'credentials-missing',
  'credentials-expired',
  'profile-not-found',
  'registry-busy',
  'registry-unavailable'
])

/**
 * Self-test outcomes that every link of a batch would share (same key, region and endpoint):
 * the job stops after the first link rather than sign thousands that cannot work. An access
 * denied or a missing object may concern that one object only, so those go on.
 */
const SHARED_TEST_FAILURES: ReadonlyMap<LinkTestOutcome, AppErrorCode> = new Map([
  ['signature-mismatch', 'access-denied'],
  ['unknown-access-key', 'access-denied'],
  ['wrong-region', 'wrong-region'],
  ['unreachable', 'endpoint-unreachable']
])

/**
 * Shares many objects at once: one job, one batch in the registry, one lifetime, label and
 * download-name rule for all.
 *
 * A prefix is listed first, recursively (folder markers left out); then the links are signed
 * and recorded in chunks, the job yielding to the event loop between chunks so that a cancel
 * is heard and the window stays responsive. A cancel keeps the chunks already recorded; an
 * object that cannot be signed is reported and skipped.
 */
export function createBulkLinkService({
  signing,
  links,
  gateway,
  regions,
  jobs,
  chunkSize = BULK_CHUNK_SIZE,
  testLink,
  testNewLinks = () => true
}: BulkLinkDependencies): BulkLinkService {
  async function* objectsUnder(
    profileId: string,
    bucket: string,
    prefix: string,
    signal?: AbortSignal
  ): AsyncGenerator<ListedObject> {
    const region = await regions.regionOf(profileId, bucket)
    const pages = gateway.listAllObjects(
      { profileId, region },
      { bucket, prefix, ...(signal === undefined ? {} : { signal }) }
    )
    for await (const page of pages) {
      for (const object of page) if (!isFolderMarker(object)) yield object
    }
  }

  async function run(request: BulkLinkRequest, context: JobContext): Promise<void> {
    const { profileId, bucket, selection, expiresInSeconds, label, downloadNameRule } = request
    const { signal, progress, itemFailed } = context

    let keys: string[]
    if (selection.kind === 'keys') {
      keys = [...new Set(selection.keys)]
    } else {
      keys = []
      for await (const object of objectsUnder(profileId, bucket, selection.prefix, signal)) {
        keys.push(object.key)
        // While listing, `total` counts what was found so far.
        if (keys.length % 1000 === 0) progress({ total: keys.length })
      }
    }
    signal.throwIfAborted()
    progress({ phase: 'signing', total: keys.length })
    if (keys.length === 0) return

    // After the listing, so that a long listing does not eat into the links' lifetime.
    const signer = await signing.prepareDownloadLinks({
      profileId,
      bucket,
      expiresInSeconds,
      ...(label === undefined ? {} : { label })
    })
    // No empty batch for a share cancelled before its first link.
    signal.throwIfAborted()
    const batch = links.createBatch({
      createdAt: new Date(signer.signedAt).toISOString(),
      profileId,
      bucket,
      label: label?.trim() ?? '',
      source:
        selection.kind === 'keys'
          ? { kind: 'selection' }
          : { kind: 'prefix', prefix: selection.prefix },
      requestedExpiresInSeconds: expiresInSeconds,
      expiresAt: new Date(signer.expiry.expiresAt).toISOString(),
      cappedBy: signer.expiry.cappedBy
    })
    progress({ batchId: batch.id })

    let failed = 0
    let tested = testLink === undefined || !testNewLinks()
    let state: LinkBatch['state'] = 'failed'
    try {
      let done = 0
      for (let start = 0; start < keys.length; start += chunkSize) {
        if (signal.aborted) break
        const drafts: LinkDraft[] = []
        const end = Math.min(start + chunkSize, keys.length)
        for (let index = start; index < end; index += 1) {
          const key = keys[index]!
          let draft: LinkDraft
          try {
            draft = await signer.sign(key, downloadFilenameFor(key, downloadNameRule), batch.id)
          } catch (error) {
            if (isAppError(error) && FATAL_CODES.has(error.code)) throw error
            failed += 1
            itemFailed({ key, ...failure(error) })
            continue
          }
          if (!tested && testLink !== undefined) {
            tested = true
            draft.selfTest = await testLink(draft.url)
            const code = SHARED_TEST_FAILURES.get(draft.selfTest.outcome)
            if (code !== undefined) {
              // Kept with its result, so that the Links view shows what went wrong.
              links.recordMany([...drafts, draft])
              throw new AppError(
                code,
                `The share stopped after its first link failed its test; every other link would fail the same way. ${draft.selfTest.message}`
              )
            }
          }
          drafts.push(draft)
        }
        links.recordMany(drafts)
        done = end
        progress({ done })
        // Lets IPC, the cancel button and the window's own requests in between chunks.
        await yieldToEventLoop()
      }
      state = signal.aborted ? 'cancelled' : 'done'
    } finally {
      try {
        links.updateBatch(batch.id, { failedCount: failed, state })
      } catch (error) {
        // The links are recorded either way; the batch's state is only a label on them.
        console.error('Could not mark the batch as finished:', error)
      }
    }
  }

  return {
    start(request) {
      // Refused before any job starts: the caller gets the reason as the call's own error.
      assertValidLinkLifetime(request.expiresInSeconds)
      assertBucketName(request.bucket)
      const { selection } = request
      if (selection.kind === 'prefix') assertPrefix(selection.prefix)
      else if (selection.keys.length === 0) {
        throw new AppError('invalid-argument', 'Select at least one object to share.')
      } else if (selection.keys.length > MAX_BULK_KEYS) {
        throw new AppError(
          'invalid-argument',
          `At most ${MAX_BULK_KEYS.toLocaleString('en-US')} objects can be shared at once, but ${selection.keys.length.toLocaleString('en-US')} were selected. Share a folder instead, or fewer objects.`
        )
      }
      return jobs.start('bulk-links', (context) => run(request, context))
    },

    async countPrefix(profileId, bucket, prefix, limit = MAX_BULK_KEYS) {
      assertBucketName(bucket)
      assertPrefix(prefix)
      let objects = 0
      let bytes = 0
      for await (const object of objectsUnder(profileId, bucket, prefix)) {
        if (objects >= limit) return { objects, bytes, truncated: true }
        objects += 1
        bytes += object.size
      }
      return { objects, bytes, truncated: false }
    }
  }

  function failure(error: unknown): { code: string; message: string } {
    if (isAppError(error)) return { code: error.code, message: error.message }
    console.error('Signing one object failed unexpectedly:', error)
    return { code: 'internal', message: 'This object could not be signed.' }
  }
}

/**
 * The zero-byte `folder/` objects consoles create for empty folders: nothing to download.
 */
function isFolderMarker(object: ListedObject): boolean {
  return object.size === 0 && object.key.endsWith('/')
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
