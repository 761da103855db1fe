import type { AppErrorCode, IpcResult } from '../../../shared/errors'
import type {
  EventContract,
  EventMethodName,
  InvokeArgs,
  InvokeMethodName,
  InvokeResult,
  eventMethods,
  invokeMethods
} from '../../../shared/ipc-contract'

/** A failure reported by main, with a message meant for the user. */
export class ApiError extends Error {
  readonly code: AppErrorCode

  constructor(code: AppErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

type MethodArgs<M extends InvokeMethodName> = InvokeArgs<(typeof invokeMethods)[M]>
type MethodResult<M extends InvokeMethodName> = InvokeResult<(typeof invokeMethods)[M]>

/** Calls main through the preload bridge; resolves with the value or throws an `ApiError`. */
export async function call<M extends InvokeMethodName>(
  method: M,
  ...args: MethodArgs<M> extends void ? [] : [MethodArgs<M>]
): Promise<MethodResult<M>> {
  const invoke = window.api[method] as (args: unknown) => Promise<IpcResult<MethodResult<M>>>
  const result = await invoke(args[0])
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return result.value
}

/** Subscribes to an event from main; returns the unsubscribe function for `useEffect` cleanup. */
export function subscribe<M extends EventMethodName>(
  method: M,
  listener: (payload: EventContract[(typeof eventMethods)[M]]) => void
): () => void {
  return window.api[method](listener as never)
}

/** The user-facing text of any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
