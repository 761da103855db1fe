import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { shouldRetry } from './query-client'

describe('query retries', () => {
  it('does not retry errors that would fail the same way again', () => {
    expect(shouldRetry(0, new AppError('access-denied', 'Access denied'))).toBe(false)
    expect(shouldRetry(0, new AppError('credentials-expired', 'Expired'))).toBe(false)
    expect(shouldRetry(0, new AppError('no-such-bucket', 'No such bucket'))).toBe(false)
  })

  it('retries a server hiccup once', () => {
    expect(shouldRetry(0, new AppError('server-error', 'Internal error'))).toBe(true)
    expect(shouldRetry(1, new AppError('server-error', 'Internal error'))).toBe(false)
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true)
  })

  it('does not make the user wait a second deadline for an endpoint main already gave up on', () => {
    expect(shouldRetry(0, new AppError('endpoint-unreachable', 'Unreachable'))).toBe(false)
  })
})
