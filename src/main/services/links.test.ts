import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import type { IssuedLink, LinksSnapshot } from '../../shared/models'
import { createInMemoryLinkRepository } from '../../../test-support/in-memory-link-repository'
import { createLinkService } from './links'
import type { Clock } from './ports'

const T0 = Date.parse('2026-03-01T12:00:00.000Z')

function draft(overrides: Partial<IssuedLink> = {}): Omit<IssuedLink, 'id'> {
  return {
    createdAt: new Date(T0).toISOString(),
    profileId: 'default',
    bucket: 'reports',
    key: 'q1.pdf',
    region: 'eu-west-2',
    endpoint: null,
    method: 'GET',
    requestedExpiresInSeconds: 3600,
    requestedExpiresAt: new Date(T0 + 3_600_000).toISOString(),
    expiresAt: new Date(T0 + 3_600_000).toISOString(),
    cappedBy: null,
    url: 'https://reports.s3.eu-west-2.amazonaws.com/q1.pdf?X-Amz-Signature=abc',
    label: '',
    downloadFilename: 'q1.pdf',
    ...overrides
  }
}

function setup() {
  const clock: Clock & { time: number } = {
    time: T0,
    now() {
      return this.time
    }
  }
  let counter = 0
  const repository = createInMemoryLinkRepository()
  const links = createLinkService({ repository, clock, newId: () => `link-${++counter}` })
  return { clock, links, repository }
}

describe('link service', () => {
  it('records a link under a new id and lists the newest first', () => {
    const { links } = setup()
    const first = links.record(draft({ key: 'a.pdf' }))
    const second = links.record(draft({ key: 'b.pdf' }))
    expect(first.id).toBe('link-1')
    expect(links.snapshot().links.map((link) => link.key)).toEqual(['b.pdf', 'a.pdf'])
    expect(links.get(second.id)).toEqual(second)
  })

  it('forgets a link, and says so clearly when it is not there', () => {
    const { links } = setup()
    const link = links.record(draft())
    links.forget(link.id)
    expect(links.snapshot().links).toEqual([])
    const forgetAgain = () => links.forget(link.id)
    expect(forgetAgain).toThrow(AppError)
    expect(forgetAgain).toThrow(/no longer in the list/)
    expect(() => links.get('nope')).toThrow(expect.objectContaining({ code: 'link-not-found' }))
  })

  it('opens only http(s) links in the browser, even from a hand-edited store', () => {
    const { links } = setup()
    const web = links.record(draft())
    const odd = links.record(draft({ url: 'file:///etc/passwd' }))
    expect(links.urlToOpen(web.id)).toBe(web.url)
    expect(() => links.urlToOpen(odd.id)).toThrow(
      expect.objectContaining({ code: 'invalid-argument' })
    )
    expect(() => links.urlToOpen('nope')).toThrow(
      expect.objectContaining({ code: 'link-not-found' })
    )
  })

  it('clears the links that stopped working, counting capped ones by their real expiry', () => {
    const { clock, links } = setup()
    links.record(draft({ key: 'long.pdf', expiresAt: new Date(T0 + 7_200_000).toISOString() }))
    links.record(
      draft({
        key: 'capped.pdf',
        requestedExpiresAt: new Date(T0 + 7_200_000).toISOString(),
        expiresAt: new Date(T0 + 600_000).toISOString(),
        cappedBy: 'credentials'
      })
    )
    links.record(draft({ key: 'short.pdf', expiresAt: new Date(T0 + 60_000).toISOString() }))

    expect(links.clearExpired()).toBe(0)
    clock.time = T0 + 60_000
    expect(links.clearExpired()).toBe(1)
    clock.time = T0 + 600_001
    expect(links.clearExpired()).toBe(1)
    expect(links.snapshot().links.map((link) => link.key)).toEqual(['long.pdf'])
  })

  it('tells listeners about every change, and stops when they unsubscribe', () => {
    const { clock, links } = setup()
    const seen: LinksSnapshot[] = []
    const unsubscribe = links.onChange((snapshot) => seen.push(snapshot))

    const link = links.record(draft())
    expect(seen.at(-1)?.links).toEqual([link])
    links.forget(link.id)
    expect(seen.at(-1)?.links).toEqual([])
    links.record(draft({ expiresAt: new Date(T0 + 1000).toISOString() }))
    clock.time = T0 + 5000
    links.clearExpired()
    expect(seen).toHaveLength(4)

    // Nothing changed: no event.
    links.clearExpired()
    expect(seen).toHaveLength(4)

    unsubscribe()
    links.record(draft())
    expect(seen).toHaveLength(4)
  })

  it('passes on where an unreadable store file was moved', () => {
    const recoveredFrom = {
      movedTo: '/data/links.json.corrupt-x',
      reason: 'The file is not valid JSON.'
    }
    const links = createLinkService({
      repository: createInMemoryLinkRepository([], recoveredFrom)
    })
    expect(links.snapshot()).toEqual({ links: [], recoveredFrom })
  })
})
