import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AppError, isAppError } from '../shared/errors'
import { MAX_LISTED_VERSIONS } from '../main/services/ports'
import type {
  DownloadNameRule,
  ExportFormat,
  JobState,
  LinkDisposition,
  LinkSelfTest,
  ObjectVersion
} from '../shared/models'
import {
  contentTypeOf,
  expiresInSecondsOf,
  exportFormatOf,
  folderPrefixOf,
  objectKeyOf,
  parseCommandArgs,
  parseS3Address,
  untilOf,
  UsageError,
  versionIdOf
} from './args'
import { withServices, type CommandContext } from './context'
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes'
import { URL_HELP } from './help'
import {
  CLEAR_LINE,
  countOf,
  expiryWarning,
  formatLocalTime,
  formatProgress,
  linkJson,
  overwriteLine,
  s3Address
} from './output'
import { chooseProfile } from './profile-choice'
import type { CliServices } from './services'
import { cleanForMessage, quoteForMessage } from '../shared/user-text'

const COMMAND = 'url'

const URL_OPTIONS = {
  expires: { type: 'string', short: 'e' },
  profile: { type: 'string', short: 'p' },
  name: { type: 'string' },
  'no-name': { type: 'boolean' },
  label: { type: 'string', short: 'l' },
  until: { type: 'string' },
  inline: { type: 'boolean' },
  'content-type': { type: 'string' },
  'version-id': { type: 'string' },
  'no-test': { type: 'boolean' },
  json: { type: 'boolean' },
  recursive: { type: 'boolean', short: 'r' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' }
} as const

interface Common {
  profile: string | undefined
  expiresInSeconds: number
  label: string | undefined
  userDataDir: string | undefined
}

/** What `s3-share url` was asked to do, read from its arguments before anything is opened. */
export type UrlRequest =
  | { kind: 'help' }
  | (Common & {
      kind: 'object'
      bucket: string
      key: string
      /** undefined: the object's own name; null: none (`--no-name`). */
      downloadFilename: string | null | undefined
      /** `--until`, as ISO: the link ends then (and `expiresInSeconds` is not used). */
      until: string | null
      /** `--inline`: the browser shows the file instead of saving it. */
      disposition: LinkDisposition
      /** `--content-type`: the Content-Type the recipient gets. */
      contentType: string | null
      /** `--version-id`: the version the link is pinned to. */
      versionId: string | null
      /** False with `--no-test`: the link is not fetched once before it is printed. */
      selfTest: boolean
      json: boolean
    })
  | (Common & {
      kind: 'prefix'
      bucket: string
      prefix: string
      downloadNameRule: DownloadNameRule
      format: ExportFormat
      output: string | undefined
    })

export function parseUrlArgs(argv: readonly string[]): UrlRequest {
  const { values, positionals } = parseCommandArgs(COMMAND, argv, URL_OPTIONS, true)
  if (values.help) return { kind: 'help' }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'Give the object to share, as s3://bucket/key.'
        : `Give one s3:// address at a time (got ${positionals.length}); use --recursive for a folder.`,
      COMMAND
    )
  }
  const target = positionals[0] ?? ''
  const address = parseS3Address(target, COMMAND)
  if (values.name !== undefined && values['no-name']) {
    throw new UsageError('Use --name FILE or --no-name, not both.', COMMAND)
  }
  if (values.until !== undefined && values.expires !== undefined) {
    throw new UsageError('Use --expires TIME or --until DATE, not both.', COMMAND)
  }
  const common: Common = {
    profile: values.profile,
    expiresInSeconds: expiresInSecondsOf(values.expires, COMMAND),
    label: values.label,
    userDataDir: values['user-data-dir']
  }

  if (values.recursive) {
    const single = (
      [
        ['--until', values.until !== undefined],
        ['--inline', values.inline === true],
        ['--content-type', values['content-type'] !== undefined],
        ['--version-id', values['version-id'] !== undefined],
        ['--no-test', values['no-test'] === true]
      ] as const
    ).find(([, given]) => given)
    if (single !== undefined) {
      throw new UsageError(`${single[0]} works for one object only, not with --recursive.`, COMMAND)
    }
    if (values.name !== undefined) {
      throw new UsageError(
        'A batch names each download after its own object; --name works for one object only (--no-name works for both).',
        COMMAND
      )
    }
    if (values.json && values.format !== undefined && values.format !== 'json') {
      throw new UsageError(
        `--json and --format ${values.format} ask for different formats.`,
        COMMAND
      )
    }
    return {
      kind: 'prefix',
      ...common,
      bucket: address.bucket,
      prefix: folderPrefixOf(address, COMMAND),
      downloadNameRule: values['no-name'] ? 'none' : 'object-name',
      format: values.json ? 'json' : exportFormatOf(values.format, COMMAND),
      output: values.output
    }
  }
  if (values.format !== undefined || values.output !== undefined) {
    throw new UsageError(
      '--format and --output are for batches (--recursive); one link prints as a URL, or as JSON with --json.',
      COMMAND
    )
  }
  return {
    kind: 'object',
    ...common,
    bucket: address.bucket,
    key: objectKeyOf(address, target, COMMAND),
    downloadFilename: values['no-name'] ? null : values.name,
    until: values.until === undefined ? null : untilOf(values.until, COMMAND),
    disposition: values.inline ? 'inline' : 'attachment',
    contentType:
      values['content-type'] === undefined ? null : contentTypeOf(values['content-type'], COMMAND),
    versionId:
      values['version-id'] === undefined ? null : versionIdOf(values['version-id'], COMMAND),
    selfTest: values['no-test'] !== true,
    json: values.json ?? false
  }
}

export async function urlCommand(
  argv: readonly string[],
  context: CommandContext
): Promise<ExitCode> {
  const request = parseUrlArgs(argv)
  if (request.kind === 'help') {
    context.io.stdout.write(URL_HELP)
    return EXIT.ok
  }
  return withServices(context, { userDataDir: request.userDataDir, access: 'write' }, (services) =>
    request.kind === 'object'
      ? shareObject(request, services, context)
      : sharePrefix(request, services, context)
  )
}

/** Whether the profile's credentials carry a session token but say nothing of when it ends. */
async function sessionEndUnknown(services: CliServices, profileId: string): Promise<boolean> {
  const status = await services.credentials.status(profileId)
  return status.temporary && status.expiresAt === null
}

async function shareObject(
  request: Extract<UrlRequest, { kind: 'object' }>,
  services: CliServices,
  { io }: CommandContext
): Promise<ExitCode> {
  const profileId = chooseProfile(request.profile, io.env, services.profiles)
  // A typed key can be wrong, unlike one picked in the app: say so (exit 4) rather than record
  // a link to nothing.
  await assertObjectThere(services, profileId, request)
  const link = await services.signing.createDownloadLink({
    profileId,
    bucket: request.bucket,
    key: request.key,
    ...(request.until === null
      ? { expiresInSeconds: request.expiresInSeconds }
      : { until: request.until }),
    ...(request.label === undefined ? {} : { label: request.label }),
    ...(request.downloadFilename === undefined
      ? {}
      : { downloadFilename: request.downloadFilename }),
    ...(request.disposition === 'inline' ? { disposition: 'inline' as const } : {}),
    ...(request.contentType === null ? {} : { contentType: request.contentType }),
    ...(request.versionId === null ? {} : { versionId: request.versionId }),
    selfTest: request.selfTest
  })
  const now = services.clock.now()
  io.stdout.write(
    request.json ? `${JSON.stringify(linkJson(link, now), null, 2)}\n` : `${link.url}\n`
  )
  const warning = expiryWarning(link, await sessionEndUnknown(services, profileId), now)
  if (warning !== null) io.stderr.write(`${warning}\n`)
  // The link is recorded either way: the user decides whether to send it.
  const failed = selfTestWarning(link.selfTest ?? null)
  if (failed !== null) io.stderr.write(`${failed}\n`)
  return EXIT.ok
}

/**
 * Throws `no-such-key` when the object (or the version the link is pinned to) is not there.
 *
 * A pinned version is looked for among the object's versions, not by a HEAD of the latest: the
 * latest may be deleted (a delete marker) while the version lives on, which is why one pins.
 * When the versions cannot be listed, or there are too many to tell, the self-test decides.
 */
async function assertObjectThere(
  services: CliServices,
  profileId: string,
  { bucket, key, versionId }: Extract<UrlRequest, { kind: 'object' }>
): Promise<void> {
  if (versionId === null) {
    await services.browsing.headObject({ profileId, bucket, key })
    return
  }
  let versions: ObjectVersion[]
  try {
    versions = await services.browsing.listVersions({ profileId, bucket, key })
  } catch (error) {
    if (isAppError(error) && error.code === 'access-denied') return
    throw error
  }
  if (versions.some((version) => version.versionId === versionId && !version.isDeleteMarker)) {
    return
  }
  if (versions.length >= MAX_LISTED_VERSIONS) return
  throw new AppError(
    'no-such-key',
    `${cleanForMessage(s3Address(bucket, key), 150)} has no version ${quoteForMessage(versionId)}. See its versions in the app, or with \`aws s3api list-object-versions\`.`
  )
}

/** The warning for a link that failed its self-test, or null when it works or was not tested. */
export function selfTestWarning(selfTest: LinkSelfTest | null): string | null {
  if (selfTest === null || selfTest.outcome === 'works' || selfTest.outcome === 'not-tested') {
    return null
  }
  return `Warning: this link did not work when tested just now. ${cleanForMessage(selfTest.message, 500)}`
}

/**
 * Follows one job to its end: draws progress on a terminal, cancels it on Ctrl-C, and resolves
 * with its final state.
 */
async function followJob(
  start: () => JobState,
  services: CliServices,
  { io }: CommandContext
): Promise<JobState> {
  let jobId: string | null = null
  const early: JobState[] = []
  let settle: (state: JobState) => void = () => {}
  const finished = new Promise<JobState>((resolve) => {
    settle = resolve
  })
  const seen = (state: JobState): void => {
    if (io.isTTY && state.state === 'running') io.stderr.write(overwriteLine(formatProgress(state)))
    if (state.state !== 'running') settle(state)
  }
  // Subscribed before the start, so not even a final state sent at once can be missed.
  const stopFollowing = services.jobs.onChange((state) => {
    if (jobId === null) early.push(state)
    else if (state.id === jobId) seen(state)
  })
  const stopInterrupt = io.onInterrupt(() => {
    if (jobId === null) return
    io.stderr.write(`${io.isTTY ? CLEAR_LINE : ''}Stopping; the links made so far are kept.\n`)
    services.jobs.cancel(jobId)
  })
  try {
    const first = start()
    jobId = first.id
    seen(first)
    for (const state of early) if (state.id === first.id) seen(state)
    return await finished
  } finally {
    stopFollowing()
    stopInterrupt()
    if (io.isTTY) io.stderr.write(CLEAR_LINE)
  }
}

async function sharePrefix(
  request: Extract<UrlRequest, { kind: 'prefix' }>,
  services: CliServices,
  context: CommandContext
): Promise<ExitCode> {
  const { io } = context
  const profileId = chooseProfile(request.profile, io.env, services.profiles)
  const where = s3Address(request.bucket, request.prefix)
  const final = await followJob(
    () =>
      services.bulk.start({
        profileId,
        bucket: request.bucket,
        selection: { kind: 'prefix', prefix: request.prefix },
        expiresInSeconds: request.expiresInSeconds,
        ...(request.label === undefined ? {} : { label: request.label }),
        downloadNameRule: request.downloadNameRule
      }),
    services,
    context
  )

  const made = final.batchId === null ? 0 : await writeBatch(final.batchId, request, services, io)
  const signed = final.done - final.failed

  for (const error of final.errors) {
    io.stderr.write(
      `  ${cleanForMessage(s3Address(request.bucket, error.key))}: ${error.message}\n`
    )
  }
  if (final.failed > final.errors.length) {
    io.stderr.write(`  … and ${countOf(final.failed - final.errors.length, 'other', 'others')}\n`)
  }

  if (final.state === 'failed') {
    const error = final.error ?? { code: 'internal', message: 'The batch failed.' }
    io.stderr.write(`s3-share: ${error.message}\n`)
    if (made > 0) io.stderr.write(`${countOf(made, 'link was', 'links were')} made and kept.\n`)
    return exitCodeFor(error.code)
  }
  if (final.state === 'cancelled') {
    io.stderr.write(
      `Stopped: ${countOf(made, 'link', 'links')} made and kept` +
        (final.batchId === null ? '.\n' : ` in batch ${final.batchId}.\n`)
    )
    return EXIT.interrupted
  }
  if (final.done === 0) {
    throw new AppError('no-such-key', `There are no objects under ${cleanForMessage(where)}.`)
  }

  const summary = `Shared ${countOf(signed, 'object', 'objects')} under ${cleanForMessage(where)}`
  io.stderr.write(
    final.batchId === null ? `${summary}.\n` : `${summary} as batch ${final.batchId}.\n`
  )
  if (final.batchId !== null) await warnAboutExpiry(final.batchId, profileId, services, io)
  if (final.failed > 0) {
    io.stderr.write(`${countOf(final.failed, 'object', 'objects')} could not be shared (above).\n`)
    const first = final.errors[0]
    return first === undefined ? EXIT.unexpected : exitCodeFor(first.code)
  }
  return EXIT.ok
}

/** Writes the batch's links in the chosen format; returns how many. */
async function writeBatch(
  batchId: string,
  request: Extract<UrlRequest, { kind: 'prefix' }>,
  services: CliServices,
  io: CommandContext['io']
): Promise<number> {
  const { content, count } = services.links.exportLinks({ format: request.format, batchId })
  if (count === 0) return 0
  const text = content.endsWith('\n') ? content : `${content}\n`
  if (request.output === undefined) {
    io.stdout.write(text)
  } else {
    const path = resolve(io.cwd, request.output)
    await writeFile(path, text)
    io.stderr.write(`Wrote ${countOf(count, 'link', 'links')} to ${cleanForMessage(path)}.\n`)
  }
  return count
}

/** The batch's links share one real expiry: say when, if credentials cut it short. */
async function warnAboutExpiry(
  batchId: string,
  profileId: string,
  services: CliServices,
  io: CommandContext['io']
): Promise<void> {
  const first = services.links.query({ batchId, offset: 0, limit: 1 }).rows[0]
  if (first?.kind !== 'link') return
  const now = services.clock.now()
  const warning = expiryWarning(first.link, await sessionEndUnknown(services, profileId), now)
  io.stderr.write(
    warning === null
      ? `The links work until ${formatLocalTime(Date.parse(first.link.expiresAt))}.\n`
      : `${warning}\n`
  )
}
