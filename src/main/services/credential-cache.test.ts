import type { AwsCredentialIdentity } from '@smithy/types'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { createCredentialCache } from './credential-cache'

const MINUTE = 60_000
const START = Date.parse('2030-01-01T10:00:00Z')

function fakeClock() {
  let now = START
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    }
  }
}

/** A provider per profile that counts its calls; `next` says what the next call does. */
function countingProviders(next: (profileId: string, call: number) => AwsCredentialIdentity) {
  const calls = new Map<string, number>()
  return {
    calls: (profileId: string) => calls.get(profileId) ?? 0,
    providerFor: (profileId: string) => async () => {
      const call = (calls.get(profileId) ?? 0) + 1
      calls.set(profileId, call)
      return next(profileId, call)
    }
  }
}

const temporary = (call: number, expiresAt: number): AwsCredentialIdentity => ({
  accessKeyId: `ASIA${call}`,
  secretAccessKey: 'secret',
  sessionToken: `token-${call}`,
  expiration: new Date(expiresAt)
})

describe('credential cache', () => {
  it('resolves temporary credentials once and reuses them until 5 minutes before expiry', async () => {
    const clock = fakeClock()
    const providers = countingProviders((_, call) => temporary(call, clock.now() + 60 * MINUTE))
    const cache = createCredentialCache({ providerFor: providers.providerFor, clock })

    const first = await cache.getCredentials('dev')
    clock.advance(54 * MINUTE)
    expect(await cache.getCredentials('dev')).toBe(first)
    expect(providers.calls('dev')).toBe(1)

    clock.advance(2 * MINUTE) // 4 minutes left
    const refreshed = await cache.getCredentials('dev')

    expect(providers.calls('dev')).toBe(2)
    expect(refreshed.accessKeyId).toBe('ASIA2')
  })

  it('resolves again once the credentials have expired', async () => {
    const clock = fakeClock()
    const providers = countingProviders((_, call) => temporary(call, clock.now() + 10 * MINUTE))
    const cache = createCredentialCache({ providerFor: providers.providerFor, clock })

    await cache.getCredentials('dev')
    clock.advance(11 * MINUTE)

    expect((await cache.getCredentials('dev')).accessKeyId).toBe('ASIA2')
  })

  it('keeps static credentials until they are invalidated', async () => {
    const clock = fakeClock()
    const providers = countingProviders((_, call) => ({
      accessKeyId: `AKIA${call}`,
      secretAccessKey: 'secret'
    }))
    const cache = createCredentialCache({ providerFor: providers.providerFor, clock })

    await cache.getCredentials('ci')
    clock.advance(30 * 24 * 60 * MINUTE)
    await cache.getCredentials('ci')
    expect(providers.calls('ci')).toBe(1)

    cache.invalidate('ci')
    expect((await cache.getCredentials('ci')).accessKeyId).toBe('AKIA2')
  })

  it('drops every profile when invalidated without a profile, and only one with it', async () => {
    const providers = countingProviders((profileId, call) => ({
      accessKeyId: `${profileId}-${call}`,
      secretAccessKey: 's'
    }))
    const cache = createCredentialCache({ providerFor: providers.providerFor, clock: fakeClock() })
    await cache.getCredentials('a')
    await cache.getCredentials('b')

    cache.invalidate('a')
    await cache.getCredentials('a')
    await cache.getCredentials('b')
    expect([providers.calls('a'), providers.calls('b')]).toEqual([2, 1])

    cache.invalidate()
    await cache.getCredentials('a')
    await cache.getCredentials('b')
    expect([providers.calls('a'), providers.calls('b')]).toEqual([3, 2])
  })

  it('runs one resolution for concurrent requests', async () => {
    let calls = 0
    let release: (credentials: AwsCredentialIdentity) => void = () => {}
    const cache = createCredentialCache({
      providerFor: () => () => {
        calls += 1
        return new Promise((resolve) => {
          release = resolve
        })
      },
      clock: fakeClock()
    })

    const requests = [cache.getCredentials('dev'), cache.getCredentials('dev'), cache.status('dev')]
    release({ accessKeyId: 'AKIA', secretAccessKey: 's' })
    const [first, second] = await Promise.all(requests)

    expect(calls).toBe(1)
    expect(first).toBe(second)
  })

  it('does not keep credentials that arrive after the config changed', async () => {
    let release: (credentials: AwsCredentialIdentity) => void = () => {}
    let calls = 0
    const cache = createCredentialCache({
      providerFor: () => () => {
        calls += 1
        if (calls === 1) return new Promise((resolve) => (release = resolve))
        return Promise.resolve({ accessKeyId: 'AKIANEW', secretAccessKey: 's' })
      },
      clock: fakeClock()
    })

    const stale = cache.getCredentials('dev')
    cache.invalidate()
    release({ accessKeyId: 'AKIAOLD', secretAccessKey: 's' })
    await stale

    expect((await cache.getCredentials('dev')).accessKeyId).toBe('AKIANEW')
  })

  it('keeps serving still-valid credentials when an early refresh fails', async () => {
    const clock = fakeClock()
    const providers = countingProviders((_, call) => {
      if (call > 1) throw new AppError('credentials-expired', 'Run `aws sso login --profile dev`.')
      return temporary(call, clock.now() + 60 * MINUTE)
    })
    const cache = createCredentialCache({ providerFor: providers.providerFor, clock })
    const first = await cache.getCredentials('dev')

    clock.advance(57 * MINUTE)
    expect(await cache.getCredentials('dev')).toBe(first)

    clock.advance(4 * MINUTE)
    await expect(cache.getCredentials('dev')).rejects.toMatchObject({
      code: 'credentials-expired',
      message: 'Run `aws sso login --profile dev`.'
    })
  })

  it('does not remember a failure: the next request tries again', async () => {
    const providers = countingProviders((_, call) => {
      if (call === 1) throw new AppError('credentials-missing', 'Profile `dev` has no credentials.')
      return { accessKeyId: 'AKIA', secretAccessKey: 's' }
    })
    const cache = createCredentialCache({ providerFor: providers.providerFor, clock: fakeClock() })

    await expect(cache.getCredentials('dev')).rejects.toBeInstanceOf(AppError)
    expect((await cache.getCredentials('dev')).accessKeyId).toBe('AKIA')
  })

  it('turns an unexpected failure into a message that does not repeat it', async () => {
    const cache = createCredentialCache({
      providerFor: () => {
        throw new Error('boom with secret wJalrXUtnFEMI')
      },
      clock: fakeClock()
    })

    const failure = cache.getCredentials('dev')

    await expect(failure).rejects.toMatchObject({ code: 'credentials-missing' })
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('secret') })
    await expect(failure).rejects.toMatchObject({
      message: expect.stringContaining('aws sts get-caller-identity --profile dev')
    })
  })

  it('reports whether credentials are temporary and when they expire', async () => {
    const clock = fakeClock()
    const cache = createCredentialCache({
      providerFor: (profileId) => async () =>
        profileId === 'sso'
          ? temporary(1, START + 60 * MINUTE)
          : { accessKeyId: 'AKIA', secretAccessKey: 's' },
      clock
    })

    expect(await cache.status('sso')).toEqual({
      profileId: 'sso',
      temporary: true,
      expiresAt: '2030-01-01T11:00:00.000Z',
      state: 'active',
      detail: null
    })
    expect(await cache.status('static')).toEqual({
      profileId: 'static',
      temporary: false,
      expiresAt: null,
      state: 'static',
      detail: null
    })
  })
})

describe('session state for the profile picker', () => {
  it('says "needs MFA" without resolving, until a session exists, then shows its end', async () => {
    const clock = fakeClock()
    const providers = countingProviders(() => temporary(1, START + 60 * MINUTE))
    const cache = createCredentialCache({
      providerFor: providers.providerFor,
      clock,
      peek: async () => ({ state: 'needs-mfa', expiresAt: null, detail: 'asks for a code' })
    })

    expect(await cache.sessionState('role')).toEqual({
      profileId: 'role',
      temporary: true,
      expiresAt: null,
      state: 'needs-mfa',
      detail: 'asks for a code'
    })
    expect(providers.calls('role')).toBe(0)

    // Browsing resolves (the code is asked then); the picker now shows the session.
    await cache.getCredentials('role')
    expect(await cache.sessionState('role')).toMatchObject({
      state: 'active',
      expiresAt: '2030-01-01T11:00:00.000Z'
    })

    clock.advance(61 * MINUTE)
    expect(await cache.sessionState('role')).toMatchObject({ state: 'needs-mfa' })
    expect(providers.calls('role')).toBe(1)
  })

  it('reports SSO sign-in and expiry as the peek finds them, without resolving', async () => {
    const providers = countingProviders(() => temporary(1, START + 60 * MINUTE))
    const cache = createCredentialCache({
      providerFor: providers.providerFor,
      clock: fakeClock(),
      peek: async (profileId) =>
        profileId === 'new'
          ? { state: 'sign-in', expiresAt: null, detail: 'Sign in.' }
          : { state: 'expired', expiresAt: '2030-01-01T09:00:00.000Z', detail: 'expired: Sign in.' }
    })

    expect(await cache.sessionState('new')).toMatchObject({ state: 'sign-in', expiresAt: null })
    expect(await cache.sessionState('old')).toMatchObject({
      state: 'expired',
      expiresAt: '2030-01-01T09:00:00.000Z',
      detail: 'expired: Sign in.'
    })
    expect(providers.calls('new') + providers.calls('old')).toBe(0)
  })

  it('resolves when nothing needs the user, and turns failures into states with what to do', async () => {
    const cache = createCredentialCache({
      providerFor: (profileId) => async () => {
        if (profileId === 'gone') throw new AppError('credentials-expired', 'Expired: renew it.')
        if (profileId === 'none') throw new AppError('credentials-missing', 'No keys: add some.')
        if (profileId === 'nope') throw new AppError('profile-not-found', 'No such profile.')
        return { accessKeyId: 'AKIA', secretAccessKey: 's' }
      },
      clock: fakeClock(),
      peek: async () => null
    })

    expect(await cache.sessionState('keys')).toMatchObject({ state: 'static', expiresAt: null })
    expect(await cache.sessionState('gone')).toMatchObject({
      state: 'expired',
      detail: 'Expired: renew it.'
    })
    expect(await cache.sessionState('none')).toMatchObject({
      state: 'missing',
      detail: 'No keys: add some.'
    })
    await expect(cache.sessionState('nope')).rejects.toMatchObject({ code: 'profile-not-found' })
  })
})
