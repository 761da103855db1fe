import { describe, expect, it } from 'vitest'
import { ApiError } from './api'
import { shouldRetry } from './query-client'

describe('query retries', () => {
  it('does not retry errors that would fail the same way again', () => {
    expect(shouldRetry(0, new ApiError('access-denied', 'Access denied'))).toBe(false)
    expect(shouldRetry(0, new ApiError('credentials-expired', 'Expired'))).toBe(false)
    expect(shouldRetry(0, new ApiError('no-such-bucket', 'No such bucket'))).toBe(false)
  })

  it('retries a network hiccup once', () => {
    expect(shouldRetry(0, new ApiError('endpoint-unreachable', 'Unreachable'))).toBe(true)
    expect(shouldRetry(1, new ApiError('endpoint-unreachable', 'Unreachable'))).toBe(false)
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true)
  })
})
