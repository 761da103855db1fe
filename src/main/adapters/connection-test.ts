import { AppError, isAppError } from '../../shared/errors'
import type { ProfileTestResult } from '../../shared/models'
import { quoteForMessage } from '../../shared/user-text'
import type { ConnectionTester } from '../services/profile-editor'
import { createS3Gateway, type NetworkOptions } from './s3-gateway'

/** A test should answer while the user waits at the form: one try, 10 seconds at most. */
const TEST_NETWORK: Partial<NetworkOptions> = { maxAttempts: 1, deadlineMs: 10_000 }

/**
 * Tries a draft profile through a throwaway S3 gateway of its own, so that nothing of it
 * (clients, credentials) stays behind in the app's caches: ListBuckets, or HeadBucket on the
 * bucket the user names (keys limited to one bucket often may not list buckets).
 */
export function createConnectionTester(network: Partial<NetworkOptions> = {}): ConnectionTester {
  return async (profile, credentials, bucket) => {
    const gateway = createS3Gateway({
      profiles: { getProfile: () => profile },
      credentials: { getCredentials: async () => credentials, invalidate: () => {} },
      network: { ...TEST_NETWORK, ...network }
    })
    const where = profile.endpointUrl ?? `AWS (${profile.region ?? 'us-east-1'})`
    const check = bucket === null ? 'list-buckets' : 'head-bucket'
    try {
      if (bucket !== null) {
        const region = await gateway.locateBucket(profile.id, bucket)
        return passed(
          'head-bucket',
          `Connected to ${where}: bucket ${quoteForMessage(bucket)} answered (region ${region}).`
        )
      }
      const buckets = await gateway.listBuckets(profile.id)
      const count = buckets.length === 1 ? '1 bucket' : `${buckets.length} buckets`
      return passed('list-buckets', `Connected to ${where}: the keys work and see ${count}.`)
    } catch (error) {
      const appError = isAppError(error)
        ? error
        : new AppError('internal', 'The test stopped on an unexpected error.')
      const action = bucket === null ? 'ListBuckets' : `HeadBucket on ${quoteForMessage(bucket)}`
      const hint =
        // Keys that work but may not list buckets (a token for one R2 bucket, say).
        bucket === null && appError.code === 'access-denied' && /not allowed/.test(appError.message)
          ? ' If these keys may use only some buckets, name one and test again.'
          : ''
      const result: ProfileTestResult = {
        outcome: 'failed',
        check,
        code: appError.code,
        message: `${action} on ${where} failed: ${appError.message}${hint}`
      }
      return result
    } finally {
      gateway.invalidate()
    }
  }
}

function passed(check: ProfileTestResult['check'], message: string): ProfileTestResult {
  return { outcome: 'passed', check, code: null, message }
}
