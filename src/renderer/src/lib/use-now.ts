import { useEffect, useSyncExternalStore } from 'react'

/**
 * One clock for the whole renderer.
 *
 * Every countdown reads the same `now`, so they all change together and one timer serves them
 * all. It ticks on whole wall-clock seconds while anything listens, and stops when nothing does.
 * Components may also register deadlines (`useDeadline`): the timer then also wakes at the exact
 * millisecond of the nearest one, so a link turns "expired" at its real `expiresAt` and not up
 * to a second later.
 */
const listeners = new Set<() => void>()
const deadlines = new Map<number, number>()
let current = Date.now()
let timer: ReturnType<typeof setTimeout> | null = null
let wakeAt: number | null = null

function schedule(): void {
  if (timer !== null) clearTimeout(timer)
  timer = null
  wakeAt = null
  if (listeners.size === 0) return
  const now = Date.now()
  let next = now - (now % 1_000) + 1_000
  for (const deadline of deadlines.keys()) {
    if (deadline > now && deadline < next) next = deadline
  }
  wakeAt = next
  timer = setTimeout(tick, next - now)
}

function tick(): void {
  current = Date.now()
  schedule()
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  if (listeners.size === 1) {
    current = Date.now()
    schedule()
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) schedule()
  }
}

function getSnapshot(): number {
  // While idle nothing advances `current`; refresh it for the first subscriber, but only when it
  // is clearly stale, so repeated reads during one render agree.
  if (timer === null && Math.abs(Date.now() - current) >= 1_000) current = Date.now()
  return current
}

function addDeadline(at: number): () => void {
  deadlines.set(at, (deadlines.get(at) ?? 0) + 1)
  if (listeners.size > 0 && at > Date.now() && (wakeAt === null || at < wakeAt)) schedule()
  return () => {
    const count = deadlines.get(at) ?? 0
    if (count <= 1) deadlines.delete(at)
    else deadlines.set(at, count - 1)
  }
}

/** The current time (epoch ms), re-rendering on every shared tick. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot)
}

/**
 * A value derived from the current time, re-rendering only when it changes.
 *
 * `select` must return a primitive (or a stable object) so that equal results compare equal;
 * a countdown that reads "2 d 5 h" then re-renders about once an hour, not every second.
 */
export function useNowSelect<T>(select: (now: number) => T): T {
  return useSyncExternalStore(subscribe, () => select(getSnapshot()))
}

/**
 * Asks the shared clock to tick at exactly `at` (epoch ms) as well as on whole seconds.
 *
 * Pair it with `useNow` or `useNowSelect` where a change must show at a precise moment.
 */
export function useDeadline(at: number | null | undefined): void {
  useEffect(() => {
    if (at === null || at === undefined || !Number.isFinite(at)) return
    return addDeadline(at)
  }, [at])
}
