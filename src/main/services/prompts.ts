import { AppError } from '../../shared/errors'
import type {
  PromptAnswer,
  PromptQuestion,
  PromptRequest,
  PromptSettled
} from '../../shared/prompts'
import { systemClock, type Clock } from './ports'

/** How long an MFA question waits for the user before main gives up on it. */
export const MFA_PROMPT_TIMEOUT_MS = 5 * 60_000

/**
 * How a question ended. Never an exception: the asker turns it into the error that fits.
 *
 * `closed`: no window to ask in, or it closed or crashed while asking. `withdrawn`: the asker
 * took the question back (its signal aborted). `unavailable`: this prompter cannot ask at all
 * (a terminal that is not interactive), with the reason for the user.
 */
export type PromptOutcome =
  | { status: 'answered'; code: string }
  | { status: 'cancelled' }
  | { status: 'timed-out' }
  | { status: 'closed' }
  | { status: 'withdrawn' }
  | { status: 'unavailable'; reason: string }

export interface AskOptions {
  /** Aborting it takes the question back, e.g. once the sign-in it was shown for is done. */
  signal?: AbortSignal
  /** How long to wait for the user; `MFA_PROMPT_TIMEOUT_MS` by default. */
  timeoutMs?: number
}

/**
 * Asks the user a question and waits: the window's dialog in the app, stdin in `s3-share`.
 *
 * The promise always settles (answer, cancel, timeout, window closed, withdrawn). An MFA code
 * is the only answer with a value; a device-code question is shown until it is withdrawn or
 * cancelled.
 */
export interface Prompter {
  ask(question: PromptQuestion, options?: AskOptions): Promise<PromptOutcome>
}

/** The window side: shows questions and hears that they ended. */
export interface PromptWindow {
  show(request: PromptRequest): void
  settled(event: PromptSettled): void
}

/** The app's prompter: questions go to the attached window, answers come back through IPC. */
export interface WindowPrompter extends Prompter {
  /** The question the window shows now, or null. */
  current(): PromptRequest | null
  /**
   * Answers the question the window shows. Refused with `invalid-argument` when `id` is not
   * that question (already answered, timed out, never shown) or the answer does not fit it.
   */
  answer(id: string, answer: PromptAnswer): void
  /**
   * Sends questions to `window` until the returned function is called (the window closed or
   * crashed); then every open question settles as `closed`. A second window replaces the first.
   */
  attach(window: PromptWindow): () => void
  /** Settles every open question as `closed`: the page that showed them crashed. */
  dismissAll(): void
}

export interface WindowPrompterDeps {
  clock?: Clock
  newId?: () => string
}

interface Waiter {
  resolve(outcome: PromptOutcome): void
  detachSignal(): void
}

interface Entry {
  request: PromptRequest
  key: string
  waiters: Set<Waiter>
  timer: ReturnType<typeof setTimeout>
  shown: boolean
}

/**
 * One question at a time, in the order asked; the same question asked twice (two links made
 * while the MFA dialog is open) is shown once and both askers get its answer.
 */
export function createWindowPrompter({
  clock = systemClock,
  newId = () => crypto.randomUUID()
}: WindowPrompterDeps = {}): WindowPrompter {
  const queue: Entry[] = []
  let window: PromptWindow | null = null

  function showNext(): void {
    const head = queue[0]
    if (!head || head.shown || !window) return
    head.shown = true
    window.show(head.request)
  }

  function settle(entry: Entry, outcome: PromptOutcome): void {
    const index = queue.indexOf(entry)
    if (index === -1) return
    queue.splice(index, 1)
    clearTimeout(entry.timer)
    for (const waiter of entry.waiters) {
      waiter.detachSignal()
      waiter.resolve(outcome)
    }
    entry.waiters.clear()
    if (entry.shown && window && outcome.status !== 'closed' && outcome.status !== 'unavailable') {
      window.settled({ id: entry.request.id, outcome: settledAs(outcome.status) })
    }
    showNext()
  }

  function ask(question: PromptQuestion, options: AskOptions = {}): Promise<PromptOutcome> {
    const { signal, timeoutMs = MFA_PROMPT_TIMEOUT_MS } = options
    if (signal?.aborted) return Promise.resolve({ status: 'withdrawn' })
    if (!window) return Promise.resolve({ status: 'closed' })

    const key = keyOf(question)
    let entry = queue.find((candidate) => candidate.key === key)
    if (!entry) {
      const created: Entry = {
        request: {
          ...question,
          id: newId(),
          deadline: new Date(clock.now() + timeoutMs).toISOString()
        },
        key,
        waiters: new Set(),
        timer: setTimeout(() => settle(created, { status: 'timed-out' }), timeoutMs),
        shown: false
      }
      entry = created
      queue.push(entry)
    }
    const joined = entry
    return new Promise<PromptOutcome>((resolve) => {
      const onAbort = (): void => {
        joined.waiters.delete(waiter)
        resolve({ status: 'withdrawn' })
        // Nobody waits for it any more: take it off the screen.
        if (joined.waiters.size === 0) settle(joined, { status: 'withdrawn' })
      }
      const waiter: Waiter = {
        resolve,
        detachSignal: () => signal?.removeEventListener('abort', onAbort)
      }
      joined.waiters.add(waiter)
      signal?.addEventListener('abort', onAbort, { once: true })
      showNext()
    })
  }

  return {
    ask,
    current() {
      const head = queue[0]
      return head?.shown && window ? head.request : null
    },
    answer(id, answer) {
      const head = queue[0]
      if (!head || !head.shown || head.request.id !== id) {
        throw new AppError(
          'invalid-argument',
          'That question is no longer open: it was answered, cancelled or timed out.'
        )
      }
      if (answer.kind === 'cancel') {
        settle(head, { status: 'cancelled' })
        return
      }
      if (head.request.kind !== answer.kind) {
        throw new AppError('invalid-argument', 'That answer does not fit the question shown.')
      }
      settle(head, { status: 'answered', code: answer.code })
    },
    attach(next) {
      closeAll()
      window = next
      return () => {
        if (window !== next) return
        window = null
        closeAll()
      }
    },
    dismissAll: () => closeAll()
  }

  function closeAll(): void {
    for (const entry of [...queue]) settle(entry, { status: 'closed' })
  }
}

function keyOf(question: PromptQuestion): string {
  return question.kind === 'mfa-code'
    ? JSON.stringify([question.kind, question.profileId, question.mfaSerial])
    : JSON.stringify([question.kind, question.profileId, question.userCode])
}

function settledAs(status: PromptOutcome['status']): PromptSettled['outcome'] {
  switch (status) {
    case 'answered':
      return 'answered'
    case 'timed-out':
      return 'timed-out'
    case 'withdrawn':
      return 'withdrawn'
    default:
      return 'cancelled'
  }
}
