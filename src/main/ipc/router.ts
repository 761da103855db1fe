import type { z } from 'zod'
import { AppError, type AppErrorPayload, type IpcResult, isAppError } from '../../shared/errors'
import type { InvokeArgs, InvokeChannel, InvokeResult } from '../../shared/ipc-contract'
import { cleanForMessage, MAX_MESSAGE_CHARS, quoteForMessage } from '../../shared/user-text'

/** One handler per channel, receiving arguments that already passed validation. */
export type IpcHandlers = {
  [C in InvokeChannel]: (args: InvokeArgs<C>) => Promise<InvokeResult<C>> | InvokeResult<C>
}

/** One zod schema per channel; `InvokeArgs` is what it must produce. */
export type IpcSchemas = { [C in InvokeChannel]: z.ZodType<InvokeArgs<C>> }

export interface IpcRouter {
  channels: InvokeChannel[]
  /** Validates `rawArgs` for `channel`, runs its handler and wraps the outcome. Never throws. */
  dispatch(channel: string, rawArgs: unknown): Promise<IpcResult<unknown>>
}

export interface RouterOptions {
  /** Told about unexpected failures (not about AppErrors), without arguments. */
  onUnexpectedError?: (channel: string, error: unknown) => void
}

export function createIpcRouter(
  schemas: IpcSchemas,
  handlers: IpcHandlers,
  options: RouterOptions = {}
): IpcRouter {
  const channels = Object.keys(schemas) as InvokeChannel[]
  return {
    channels,
    async dispatch(channel, rawArgs) {
      if (!Object.hasOwn(schemas, channel)) {
        return failure(
          new AppError(
            'unknown-channel',
            `There is no IPC channel named ${quoteForMessage(channel)}.`
          )
        )
      }
      const known = channel as InvokeChannel
      const parsed = schemas[known].safeParse(rawArgs)
      if (!parsed.success) {
        return failure(
          new AppError(
            'invalid-argument',
            `Invalid request to ${known}: ${describeIssues(parsed.error)}`
          )
        )
      }
      try {
        const handler = handlers[known] as (args: unknown) => unknown
        const value = await handler(parsed.data)
        return { ok: true, value }
      } catch (error) {
        if (isAppError(error)) return failure(error)
        options.onUnexpectedError?.(known, error)
        return failure(
          new AppError(
            'internal',
            'Something went wrong in the app. Try again; if it keeps failing, restart the app.'
          )
        )
      }
    }
  }
}

/** The error as it crosses IPC: whatever built its message, it arrives short and clean. */
function failure(error: AppError): { ok: false; error: AppErrorPayload } {
  return {
    ok: false,
    error: { code: error.code, message: cleanForMessage(error.message, MAX_MESSAGE_CHARS) }
  }
}

/** The most characters the description of a refused argument takes. */
const MAX_ISSUES_CHARS = 500

/**
 * What was wrong with the arguments, in a few words.
 *
 * Both parts quote the caller: zod messages can embed the received value ("Unrecognized key:
 * ..."), and a path can hold any key of the object sent. Each is cleaned and shortened, and so
 * is the whole.
 */
function describeIssues(error: z.ZodError): string {
  const described = error.issues
    .slice(0, 3)
    .map((issue) => {
      const message = cleanForMessage(issue.message)
      if (issue.path.length === 0) return message
      const path = issue.path.map((part) => cleanForMessage(String(part), 60)).join('.')
      return `${cleanForMessage(path)}: ${message}`
    })
    .join('; ')
  return cleanForMessage(described, MAX_ISSUES_CHARS)
}
