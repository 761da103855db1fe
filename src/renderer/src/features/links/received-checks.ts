import { SECOND_MS } from '../../../../shared/time-units'

/** How often a shown, working upload link is checked for arrivals, at most. */
export const RECEIVED_REFRESH_MS = 30 * SECOND_MS

/** Checks run at once, at most: each is a HEAD or a listing against the bucket. */
export const MAX_CONCURRENT_CHECKS = 2

/**
 * Runs async tasks with at most `max` at a time, the rest in the order they came.
 *
 * A finishing task hands its slot straight to the next one waiting, so a task arriving at that
 * moment cannot slip in and make one too many.
 */
export function createLimiter(max: number) {
  let active = 0
  const waiting: Array<() => void> = []
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < max) active += 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active -= 1
    }
  }
}

/** Where what arrived through an upload link is cached; outside the registry's pages, on purpose. */
export function receivedKey(linkId: string) {
  return ['upload-received', linkId] as const
}
