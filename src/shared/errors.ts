/** Error codes that cross IPC; each comes with a user-facing message. */
export type AppErrorCode =
  | 'invalid-argument'
  | 'untrusted-sender'
  | 'unknown-channel'
  | 'profile-not-found'
  | 'credentials-missing'
  | 'credentials-expired'
  | 'access-denied'
  | 'no-such-bucket'
  | 'no-such-key'
  | 'wrong-region'
  | 'endpoint-unreachable'
  | 'throttled'
  | 'server-error'
  | 'cancelled'
  | 'invalid-expiry'
  /** A link longer than `MAX_LINK_URL_LENGTH` because of the user's own choices (name, key...). */
  | 'link-too-long'
  | 'link-not-found'
  | 'job-not-found'
  | 'registry-busy'
  | 'registry-unavailable'
  /** `links:undo` too late (or twice): the removed links are gone for good. */
  | 'undo-expired'
  | 'internal'

export interface AppErrorPayload {
  code: AppErrorCode
  /** Says what happened and what to do; never contains secrets or signatures. */
  message: string
}

/** What every IPC call returns, so errors cross as data and never as a stack trace. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload }

export class AppError extends Error {
  readonly code: AppErrorCode

  constructor(code: AppErrorCode, message: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
  }

  toPayload(): AppErrorPayload {
    return { code: this.code, message: this.message }
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

/** The text to show for any thrown value: an AppError's message, or a plain error's. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
