import { createInterface } from 'node:readline'
import type { PromptQuestion } from '../shared/prompts'
import { isMfaCode, MFA_CODE_DIGITS } from '../shared/prompts'
import { cleanForMessage } from '../shared/user-text'
import {
  MFA_PROMPT_TIMEOUT_MS,
  type AskOptions,
  type Prompter,
  type PromptOutcome
} from '../main/services/prompts'

export interface TerminalStreams {
  /** Where codes are typed: asked only when it is a terminal. */
  input: NodeJS.ReadableStream & { isTTY?: boolean }
  /** Where questions go: stderr, so that stdout stays the command's output. */
  output: NodeJS.WritableStream
}

/** Typing a malformed code this many times counts as cancelling. */
const MAX_TRIES = 3

const NOT_INTERACTIVE =
  's3-share is not running in a terminal, so it cannot ask for one. Run it in a terminal, or ' +
  'use a profile that needs no MFA code (or temporary credentials in AWS_* variables).'

/**
 * Asks in the terminal: an MFA code read from stdin, an SSO sign-in code printed to stderr.
 *
 * Fails fast (`unavailable`) when stdin is not a terminal (a pipe, a cron job), instead of
 * waiting for input that never comes. One question at a time; the same question asked again
 * while it is open gets the same answer.
 */
export function createTerminalPrompter(
  streams: TerminalStreams = { input: process.stdin, output: process.stderr }
): Prompter {
  let queue: Promise<unknown> = Promise.resolve()
  const open = new Map<string, Promise<PromptOutcome>>()

  return {
    ask(question, options = {}) {
      if (question.kind === 'mfa-code' && streams.input.isTTY !== true) {
        return Promise.resolve({ status: 'unavailable', reason: NOT_INTERACTIVE })
      }
      const key = JSON.stringify(question)
      const existing = open.get(key)
      if (existing) return existing
      const asked = queue.then(() => askNow(streams, question, options))
      queue = asked
      open.set(key, asked)
      void asked.finally(() => open.delete(key))
      return asked
    }
  }
}

function askNow(
  { input, output }: TerminalStreams,
  question: PromptQuestion,
  { signal, timeoutMs = MFA_PROMPT_TIMEOUT_MS }: AskOptions
): Promise<PromptOutcome> {
  if (signal?.aborted) return Promise.resolve({ status: 'withdrawn' })
  return new Promise((resolve) => {
    const cleanups: Array<() => void> = []
    let settled = false
    const settle = (outcome: PromptOutcome): void => {
      if (settled) return
      settled = true
      for (const cleanup of cleanups) cleanup()
      resolve(outcome)
    }
    const timer = setTimeout(() => settle({ status: 'timed-out' }), timeoutMs)
    cleanups.push(() => clearTimeout(timer))
    const onAbort = (): void => settle({ status: 'withdrawn' })
    signal?.addEventListener('abort', onAbort, { once: true })
    cleanups.push(() => signal?.removeEventListener('abort', onAbort))

    const profile = cleanForMessage(question.profileId)
    if (question.kind === 'sso-device-code') {
      output.write(
        `To sign in with profile ${profile}, open ${cleanForMessage(question.verificationUri)} ` +
          `and check that it shows the code ${cleanForMessage(question.userCode)}. Waiting for ` +
          'you to approve it…\n'
      )
      return
    }

    const lines = createInterface({ input, output, terminal: true })
    cleanups.push(() => lines.close())
    // Ctrl-C while typing: the question is cancelled, the command reports it and exits.
    lines.on('SIGINT', () => {
      output.write('\n')
      settle({ status: 'cancelled' })
    })
    lines.on('close', () => settle({ status: 'cancelled' }))
    let tries = 0
    const prompt = (): void => {
      lines.question(
        `MFA code for profile ${profile} (${cleanForMessage(question.mfaSerial)}): `,
        (typed) => {
          const code = typed.trim()
          if (isMfaCode(code)) {
            settle({ status: 'answered', code })
            return
          }
          tries += 1
          if (tries >= MAX_TRIES) {
            settle({ status: 'cancelled' })
            return
          }
          output.write(`That is not a ${MFA_CODE_DIGITS}-digit code. `)
          prompt()
        }
      )
    }
    prompt()
  })
}
