import { AppError, type IpcResult } from '../../../shared/errors'
import type {
  EventContract,
  EventMethodName,
  InvokeArgs,
  InvokeMethodName,
  InvokeResult,
  eventMethods,
  invokeMethods
} from '../../../shared/ipc-contract'

type MethodArgs<M extends InvokeMethodName> = InvokeArgs<(typeof invokeMethods)[M]>
type MethodResult<M extends InvokeMethodName> = InvokeResult<(typeof invokeMethods)[M]>

/**
 * Calls main through the preload bridge.
 *
 * Resolves with the value, or throws main's failure as the same `AppError` main raised, with
 * its code and its message meant for the user.
 */
export async function call<M extends InvokeMethodName>(
  method: M,
  ...args: MethodArgs<M> extends void ? [] : [MethodArgs<M>]
): Promise<MethodResult<M>> {
  const invoke = window.api[method] as (args: unknown) => Promise<IpcResult<MethodResult<M>>>
  const result = await invoke(args[0])
  if (!result.ok) throw new AppError(result.error.code, result.error.message)
  return result.value
}

/** Subscribes to an event from main; returns the unsubscribe function for `useEffect` cleanup. */
export function subscribe<M extends EventMethodName>(
  method: M,
  listener: (payload: EventContract[(typeof eventMethods)[M]]) => void
): () => void {
  return window.api[method](listener as never)
}
