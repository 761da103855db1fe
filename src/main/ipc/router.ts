import type { z } from 'zod'
import { AppError, type AppErrorPayload, type IpcResult, isAppError } from '../../shared/errors'
import type { InvokeArgs, InvokeChannel, InvokeResult } from '../../shared/ipc-contract'

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
          new AppError('unknown-channel', `There is no IPC channel named "${channel}".`)
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

function failure(error: AppError): { ok: false; error: AppErrorPayload } {
  return { ok: false, error: error.toPayload() }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message
    )
    .join('; ')
}
