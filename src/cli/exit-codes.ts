import type { AppErrorCode } from '../shared/errors'

/**
 * What `s3-share` exits with. Scripts rely on these: change them only with a major version, and
 * keep the help text (`EXIT_CODES_HELP`) and the README in step.
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  credentials: 3,
  notFound: 4,
  accessDenied: 5,
  network: 6,
  registry: 7,
  /** 128 + SIGINT, what shells report for a command stopped with Ctrl-C. */
  interrupted: 130
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** Every error code the services throw, mapped once; the compiler flags a code left out. */
const BY_ERROR_CODE: Record<AppErrorCode, ExitCode> = {
  'invalid-argument': EXIT.usage,
  'invalid-expiry': EXIT.usage,
  'link-too-long': EXIT.usage,
  'credentials-missing': EXIT.credentials,
  'credentials-expired': EXIT.credentials,
  'profile-not-found': EXIT.notFound,
  'no-such-bucket': EXIT.notFound,
  'no-such-key': EXIT.notFound,
  'link-not-found': EXIT.notFound,
  'undo-expired': EXIT.notFound,
  'job-not-found': EXIT.notFound,
  'access-denied': EXIT.accessDenied,
  'endpoint-unreachable': EXIT.network,
  'wrong-region': EXIT.network,
  throttled: EXIT.network,
  'server-error': EXIT.network,
  'registry-busy': EXIT.registry,
  'registry-unavailable': EXIT.registry,
  cancelled: EXIT.interrupted,
  'untrusted-sender': EXIT.unexpected,
  'unknown-channel': EXIT.unexpected,
  internal: EXIT.unexpected
}

export function exitCodeFor(code: AppErrorCode | string): ExitCode {
  return (BY_ERROR_CODE as Record<string, ExitCode | undefined>)[code] ?? EXIT.unexpected
}

export const EXIT_CODES_HELP = `Exit codes:
  0    done
  1    unexpected error
  2    wrong usage: unknown option, bad s3:// address, lifetime outside 1s..7d, link too long
  3    credentials missing or expired (e.g. run \`aws sso login\`)
  4    not found: profile, bucket, key, or link id
  5    access denied by S3 (IAM or bucket policy, wrong keys)
  6    network or endpoint: unreachable, wrong region, throttled, server error
  7    the link registry is busy or cannot be opened
  130  interrupted (Ctrl-C); what was finished is kept`
