import { isAppError } from '../../shared/errors'
import { formatClockTime } from '../../shared/format'
import { WATCH_NOTICE_LEAD_MS } from '../../shared/ipc-contract'
import type { IssuedLink, LinkNotifications, ReceivedFiles } from '../../shared/models'
import { cleanForMessage } from '../../shared/user-text'
import { systemClock, type Clock } from './ports'
import type { LinkService } from './registry-ports'

/** One OS notification; clicking it shows the app. */
export interface Notice {
  title: string
  body: string
  /** The link it is about (the first of several, for a notice about many). */
  linkId: string
}

export interface WatchTimers {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export interface LinkWatchDependencies {
  links: Pick<LinkService, 'watched' | 'update' | 'onChange'>
  /** What arrived through an upload link (`uploads.ts`). */
  received: (id: string) => Promise<Pick<ReceivedFiles, 'files'>>
  notify: (notice: Notice) => void
  /** The `notifyWatchedLinks` preference, read on every check. */
  enabled: () => boolean
  clock?: Clock
  timers?: WatchTimers
  /** How often the clock is compared with the links' times. */
  tickMs?: number
  /** How often a watched, live upload link is asked what arrived. */
  arrivalPollMs?: number
  /** Tests: how a time of day reads in a notice. */
  formatTime?: (at: number, now: number) => string
}

export interface LinkWatch {
  /** Checks at once, then on every tick and on every change of the registry. */
  start(): void
  stop(): void
  /** One check now (the tick's work); resolves once its notices are out and recorded. */
  check(): Promise<void>
}

/**
 * A short tick instead of one timer per link: a timer set hours ahead fires late after the
 * computer sleeps, and never notices the wall clock being changed. Comparing with the clock
 * every few seconds is cheap (one indexed query of the watched links).
 */
export const WATCH_TICK_MS = 15_000

export const ARRIVAL_POLL_MS = 60_000

/** A notice due longer ago than this was missed (app closed, computer asleep, clock changed). */
const MISSED_AFTER_MS = 2 * 60_000

/** Files that arrive just after expiry were sent before it: keep asking a little longer. */
const ARRIVAL_GRACE_MS = 5 * 60_000

/** Links named one by one in a notice about several; the rest are counted. */
const NAMED_IN_SUMMARY = 3

function nameOf(link: IssuedLink): string {
  const name =
    link.label.trim() !== '' ? link.label.trim() : link.key !== '' ? link.key : link.bucket
  return `“${cleanForMessage(name, 80)}”`
}

function summary(links: IssuedLink[]): string {
  const named = links.slice(0, NAMED_IN_SUMMARY).map(nameOf).join(', ')
  const more = links.length - NAMED_IN_SUMMARY
  return more > 0 ? `${named} and ${more} more` : named
}

/**
 * Notifications for watched links: 10 minutes before a link expires, when it expires, and for
 * upload links when files arrive.
 *
 * What was shown is recorded with the link (`notified`), so a restart repeats nothing; notices
 * missed while the app was closed come as one catch-up notice, not a flood. With the
 * preference off nothing is shown, and what falls due meanwhile is recorded as handled, so
 * turning it on again does not replay the past.
 */
export function createLinkWatch({
  links,
  received,
  notify,
  enabled,
  clock = systemClock,
  timers = {
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>)
  },
  tickMs = WATCH_TICK_MS,
  arrivalPollMs = ARRIVAL_POLL_MS,
  formatTime = (at, now) => formatClockTime(at, now)
}: LinkWatchDependencies): LinkWatch {
  let handle: unknown = null
  let unsubscribe: (() => void) | null = null
  /** Links seen by an earlier check since start; a link first seen after that was just watched. */
  let seen: Set<string> | null = null
  /** When each upload link was last asked what arrived. */
  const polledAt = new Map<string, number>()
  let running: Promise<void> | null = null
  let again = false

  function record(link: IssuedLink, patch: LinkNotifications): boolean {
    try {
      links.update(link.id, { notified: { ...link.notified, ...patch } })
      return true
    } catch (error) {
      // Forgotten or unwatched since the list was read: nothing to notify about.
      if (isAppError(error) && error.code === 'link-not-found') return false
      throw error
    }
  }

  function show(notice: Notice, showing: boolean): void {
    if (!showing) return
    try {
      notify(notice)
    } catch (error) {
      console.error(
        'A notification could not be shown:',
        error instanceof Error ? error.name : error
      )
    }
  }

  async function checkOnce(): Promise<void> {
    const now = clock.now()
    const showing = enabled()
    const firstCheck = seen === null
    const previously = seen ?? new Set<string>()
    // A renewed link's end matters no more: its renewal (watched in its place) takes over.
    const watched = links
      .watched()
      .filter((link) => (link.revoked ?? null) === null && (link.renewedById ?? null) === null)
    seen = new Set(watched.map((link) => link.id))
    for (const id of polledAt.keys()) if (!seen.has(id)) polledAt.delete(id)

    const expiring: IssuedLink[] = []
    const expired: IssuedLink[] = []
    const missed: IssuedLink[] = []
    for (const link of watched) {
      const expiresAt = Date.parse(link.expiresAt)
      const notified = link.notified ?? {}
      const at = new Date(now).toISOString()
      if (now >= expiresAt) {
        if (notified.expiredAt) continue
        const late = now - expiresAt > MISSED_AFTER_MS
        const justWatched = !firstCheck && !previously.has(link.id)
        const patch = { expiredAt: at, expiringAt: notified.expiringAt ?? at }
        if (!record(link, patch)) continue
        // Watching a link that is already over deserves no notice about it.
        if (justWatched && late) continue
        ;(late ? missed : expired).push(link)
      } else if (now >= expiresAt - WATCH_NOTICE_LEAD_MS && !notified.expiringAt) {
        if (record(link, { expiringAt: at })) expiring.push(link)
      }
    }

    if (expiring.length > 0) {
      const soonest = Math.min(...expiring.map((link) => Date.parse(link.expiresAt)))
      const minutes = Math.max(1, Math.ceil((soonest - now) / 60_000))
      show(
        expiring.length === 1
          ? {
              title: `Link expires in ${minutes} min`,
              body: `${nameOf(expiring[0]!)} stops working at ${formatTime(soonest, now)}. Renew it from the Links view if it is still needed.`,
              linkId: expiring[0]!.id
            }
          : {
              title: `${expiring.length} watched links expire soon`,
              body: `${summary(expiring)} stop working within ${Math.ceil(WATCH_NOTICE_LEAD_MS / 60_000)} minutes.`,
              linkId: expiring[0]!.id
            },
        showing
      )
    }
    if (expired.length > 0) {
      show(
        expired.length === 1
          ? {
              title: 'Link expired',
              body: `${nameOf(expired[0]!)} no longer works. Renew it from the Links view to share again.`,
              linkId: expired[0]!.id
            }
          : {
              title: `${expired.length} watched links expired`,
              body: `${summary(expired)} no longer work.`,
              linkId: expired[0]!.id
            },
        showing
      )
    }
    if (missed.length > 0) {
      const when = firstCheck
        ? 'while the app was closed'
        : 'while the computer slept or its clock changed'
      show(
        {
          title:
            missed.length === 1
              ? 'A watched link expired'
              : `${missed.length} watched links expired`,
          body: `${summary(missed)} expired ${when}.`,
          linkId: missed[0]!.id
        },
        showing
      )
    }

    await checkArrivals(watched, now, showing)
  }

  async function checkArrivals(
    watched: IssuedLink[],
    now: number,
    showing: boolean
  ): Promise<void> {
    for (const link of watched) {
      if (link.upload === undefined || link.upload === null) continue
      if (now >= Date.parse(link.expiresAt) + ARRIVAL_GRACE_MS) continue
      const last = polledAt.get(link.id)
      // A clock set back makes `last` lie in the future: ask again rather than wait for it.
      if (last !== undefined && now - last < arrivalPollMs && now >= last) continue
      polledAt.set(link.id, now)
      let files: number
      try {
        files = (await received(link.id)).files
      } catch (error) {
        // Offline or signed out: try again at the next poll, say nothing now.
        console.error(
          'Checking an upload link for arrivals failed:',
          isAppError(error) ? error.code : error instanceof Error ? error.name : error
        )
        continue
      }
      const before = link.notified?.receivedFiles ?? null
      if (before === files) continue
      if (!record(link, { receivedFiles: files })) continue
      // The first count is the starting point; fewer files means some were deleted.
      if (before === null || files < before) continue
      const count = files - before
      show(
        {
          title: count === 1 ? 'A file arrived' : `${count} files arrived`,
          body: `${count === 1 ? 'A new file' : `${count} new files`} came in through ${nameOf(link)} (${files} in all).`,
          linkId: link.id
        },
        showing
      )
    }
  }

  /** One check at a time; a change during a check asks for one more after it. */
  function check(): Promise<void> {
    if (running !== null) {
      again = true
      return running
    }
    running = (async () => {
      // Not one step before `running` is set: recording a notice fires a change event, which
      // must find this check running rather than start a second one beside it.
      await Promise.resolve()
      try {
        do {
          again = false
          await checkOnce()
        } while (again)
      } catch (error) {
        console.error('Checking watched links failed:', error instanceof Error ? error.name : error)
      } finally {
        running = null
      }
    })()
    return running
  }

  return {
    start() {
      if (handle !== null) return
      seen = null
      handle = timers.setInterval(() => void check(), tickMs)
      unsubscribe = links.onChange(() => void check())
      void check()
    },
    stop() {
      if (handle !== null) timers.clearInterval(handle)
      handle = null
      unsubscribe?.()
      unsubscribe = null
    },
    check
  }
}
