import { isAppError } from '../shared/errors'
import { MAX_LINK_PAGE_SIZE } from '../shared/ipc-contract'
import type { IssuedLink, LinkQuery } from '../shared/models'
import { quoteForMessage } from '../shared/user-text'
import { parseCommandArgs, positiveIntegerOf, statusFilterOf, UsageError } from './args'
import { withServices, type CommandContext } from './context'
import { EXIT, type ExitCode } from './exit-codes'
import { CLEAR_EXPIRED_HELP, FORGET_HELP, LINKS_HELP } from './help'
import { countOf, formatLinkTable, linkJson } from './output'
import type { CliServices } from './services'

const LINKS_OPTIONS = {
  status: { type: 'string' },
  bucket: { type: 'string' },
  profile: { type: 'string', short: 'p' },
  search: { type: 'string', short: 's' },
  batch: { type: 'string' },
  limit: { type: 'string', short: 'n' },
  json: { type: 'boolean' }
} as const

export type LinksRequest =
  | { kind: 'help' }
  | {
      kind: 'list'
      filter: Omit<LinkQuery, 'offset' | 'limit' | 'groupBatches'>
      limit: number | undefined
      json: boolean
      userDataDir: string | undefined
    }

export function parseLinksArgs(argv: readonly string[]): LinksRequest {
  const { values } = parseCommandArgs('links', argv, LINKS_OPTIONS, false)
  if (values.help) return { kind: 'help' }
  const filter: Omit<LinkQuery, 'offset' | 'limit' | 'groupBatches'> = {
    status: statusFilterOf(values.status, 'links'),
    sort: { field: 'created', direction: 'desc' }
  }
  if (values.bucket !== undefined) filter.bucket = values.bucket
  if (values.profile !== undefined) filter.profileId = values.profile
  if (values.search !== undefined && values.search.trim() !== '') filter.text = values.search
  if (values.batch !== undefined) filter.batchId = values.batch
  return {
    kind: 'list',
    filter,
    limit: positiveIntegerOf(values.limit, '--limit', 'links'),
    json: values.json ?? false,
    userDataDir: values['user-data-dir']
  }
}

/** Every link matching the filter, page by page, up to `limit`. */
export function listLinks(
  services: Pick<CliServices, 'links'>,
  filter: Omit<LinkQuery, 'offset' | 'limit' | 'groupBatches'>,
  limit: number | undefined
): { links: IssuedLink[]; now: number } {
  const links: IssuedLink[] = []
  let now = Date.now()
  for (let offset = 0; ;) {
    const want = Math.min(MAX_LINK_PAGE_SIZE, (limit ?? Infinity) - links.length)
    if (want <= 0) break
    const page = services.links.query({ ...filter, offset, limit: want })
    // One moment for the whole list, so statuses do not shift between pages.
    if (offset === 0) now = page.now
    for (const row of page.rows) if (row.kind === 'link') links.push(row.link)
    offset += page.rows.length
    if (page.rows.length < want || offset >= page.total) break
  }
  return { links, now }
}

export async function linksCommand(
  argv: readonly string[],
  context: CommandContext
): Promise<ExitCode> {
  const request = parseLinksArgs(argv)
  const { io } = context
  if (request.kind === 'help') {
    io.stdout.write(LINKS_HELP)
    return EXIT.ok
  }
  return withServices(context, { userDataDir: request.userDataDir, access: 'read' }, (services) => {
    const { links, now } = listLinks(services, request.filter, request.limit)
    if (request.json) {
      io.stdout.write(
        `${JSON.stringify(
          links.map((link) => linkJson(link, now)),
          null,
          2
        )}\n`
      )
    } else if (links.length === 0) {
      io.stderr.write('No links match.\n')
    } else {
      io.stdout.write(`${formatLinkTable(links, now)}\n`)
    }
    return EXIT.ok
  })
}

export async function forgetCommand(
  argv: readonly string[],
  context: CommandContext
): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    'forget',
    argv,
    { batch: { type: 'string' } } as const,
    true
  )
  const { io } = context
  if (values.help) {
    io.stdout.write(FORGET_HELP)
    return EXIT.ok
  }
  if (positionals.length === 0 && values.batch === undefined) {
    throw new UsageError(
      'Give the id of the link to forget (`s3-share links` shows them), or --batch ID.',
      'forget'
    )
  }
  return withServices(
    context,
    { userDataDir: values['user-data-dir'], access: 'write' },
    (services) => {
      let missing = 0
      if (values.batch !== undefined) {
        const { count } = services.links.forgetBatch(values.batch)
        if (count === 0) {
          io.stderr.write(
            `s3-share: batch ${quoteForMessage(values.batch)} has no links to forget.\n`
          )
          missing += 1
        } else {
          io.stdout.write(`Forgot ${countOf(count, 'link', 'links')} of batch ${values.batch}.\n`)
        }
      }
      for (const id of positionals) {
        try {
          services.links.forget(id)
          io.stdout.write(`Forgot link ${id}.\n`)
        } catch (error) {
          // Go on with the other ids; the exit code still tells a script one was not there.
          if (!isAppError(error) || error.code !== 'link-not-found') throw error
          io.stderr.write(`s3-share: link ${quoteForMessage(id)}: ${error.message}\n`)
          missing += 1
        }
      }
      return missing === 0 ? EXIT.ok : EXIT.notFound
    }
  )
}

export async function clearExpiredCommand(
  argv: readonly string[],
  context: CommandContext
): Promise<ExitCode> {
  const { values } = parseCommandArgs(
    'clear-expired',
    argv,
    { json: { type: 'boolean' } } as const,
    false
  )
  const { io } = context
  if (values.help) {
    io.stdout.write(CLEAR_EXPIRED_HELP)
    return EXIT.ok
  }
  return withServices(
    context,
    { userDataDir: values['user-data-dir'], access: 'write' },
    (services) => {
      const forgotten = services.links.clearExpired().count
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ forgotten })}\n`
          : `Forgot ${countOf(forgotten, 'expired link', 'expired links')}.\n`
      )
      return EXIT.ok
    }
  )
}
