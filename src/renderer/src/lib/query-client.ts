import { QueryClient } from '@tanstack/react-query'
import { AppError, type AppErrorCode } from '../../../shared/errors'
import { MINUTE_MS } from '../../../shared/time-units'

/**
 * Errors worth one more try: the server hiccupped.
 *
 * An unreachable endpoint is not among them: main has already tried it again within its
 * 15-second deadline, and one more round would keep the user waiting twice as long. Everything
 * else (access denied, expired credentials, no such bucket) will fail the same way again, so it
 * goes straight to the user with its message.
 */
const TRANSIENT_CODES: ReadonlySet<AppErrorCode> = new Set([
  'throttled',
  'server-error',
  'internal'
])

/** Whether a failed query should be tried again. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof AppError && !TRANSIENT_CODES.has(error.code)) return false
  return failureCount < 1
}

/** The app's query client: S3 listings stay fresh for a while and are never refetched behind the user's back. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: MINUTE_MS,
        // A folder can span hundreds of pages: refetching them all on every window focus
        // would cost time and requests. The user refreshes explicitly instead.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false
      },
      mutations: { retry: false }
    }
  })
}
