import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, type RenderResult } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { vi, type Mock } from 'vitest'
import type { AppErrorCode, IpcResult } from '../../../shared/errors'
import {
  eventMethods,
  invokeMethods,
  type BridgeApi,
  type EventContract,
  type EventMethodName,
  type InvokeMethodName
} from '../../../shared/ipc-contract'
import type { IssuedLink, ObjectPage, ProfileSummary } from '../../../shared/models'
import { HOUR_MS } from '../../../shared/time-units'

type Handler<M extends InvokeMethodName> = BridgeApi[M]
export type FakeHandlers = { [M in InvokeMethodName]?: Handler<M> }
type EventPayload<M extends EventMethodName> = EventContract[(typeof eventMethods)[M]]

export interface FakeApi {
  /** The installed `window.api`, each request method a `vi.fn` to inspect calls. */
  api: { [M in InvokeMethodName]: Mock<Handler<M>> }
  /** Pushes an event from "main" to the renderer's subscribers. */
  emit: <M extends EventMethodName>(method: M, payload: EventPayload<M>) => void
}

/** A successful IPC envelope. */
export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value }
}

/** A failed IPC envelope, as main sends it. */
export function fail(code: AppErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } }
}

/**
 * Installs a `window.api` made of plain async functions: the IPC boundary the renderer sees.
 *
 * Methods a test does not provide answer with an `internal` error naming themselves, so a
 * missing fake shows up in the UI as a readable failure.
 */
export function installFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: Record<string, unknown> = {}
  for (const method of Object.keys(invokeMethods) as InvokeMethodName[]) {
    const handler =
      handlers[method] ?? (async () => fail('internal', `${method} is not faked in this test.`))
    api[method] = vi.fn(handler)
  }
  for (const method of Object.keys(eventMethods)) {
    api[method] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(method) ?? new Set()
      set.add(listener)
      listeners.set(method, set)
      return () => set.delete(listener)
    }
  }
  window.api = api as unknown as BridgeApi
  return {
    api: api as unknown as FakeApi['api'],
    emit: (method, payload) => {
      act(() => {
        for (const listener of listeners.get(method) ?? []) listener(payload)
      })
    }
  }
}

/** Renders inside a fresh query client that never retries, like a user seeing the first answer. */
export function renderWithClient(ui: ReactElement): RenderResult & {
  user: UserEvent
  client: QueryClient
} {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } }
  })
  const user = userEvent.setup()
  const result = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>)
  return { ...result, user, client }
}

/** Lets pending IPC answers and query notifications land, without moving fake clocks. */
export async function settle() {
  for (let round = 0; round < 3; round++) {
    await act(async () => {
      if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0)
      else await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
}

/** Moves a fake clock forward, running due timers and the renders they cause. */
export async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })
}

/**
 * Gives elements a size, which jsdom (no layout) reports as 0.
 *
 * TanStack Virtual reads the scroll element's `clientHeight` to know how many rows fit and
 * `scrollHeight` to know how far it may scroll, and scrolls with `scrollTo`, which jsdom lacks.
 * Returns a function that undoes the stubs.
 */
export function mockLayout({ width = 1000, height = 560 } = {}): () => void {
  const restores: (() => void)[] = []
  const stub = (proto: object, property: string, descriptor: PropertyDescriptor) => {
    const original = Object.getOwnPropertyDescriptor(proto, property)
    Object.defineProperty(proto, property, { configurable: true, ...descriptor })
    restores.push(() => {
      if (original) Object.defineProperty(proto, property, original)
      else delete (proto as Record<string, unknown>)[property]
    })
  }
  stub(Element.prototype, 'clientHeight', { get: () => height })
  stub(Element.prototype, 'clientWidth', { get: () => width })
  // Content height: the tallest child that states its height (the virtualizer's sizer does).
  stub(Element.prototype, 'scrollHeight', {
    get(this: Element) {
      let content = height
      for (const child of Array.from(this.children)) {
        const stated = child instanceof HTMLElement ? Number.parseFloat(child.style.height) : NaN
        if (stated > content) content = stated
      }
      return content
    }
  })
  stub(Element.prototype, 'scrollTo', {
    writable: true,
    value(this: Element, options?: ScrollToOptions | number, y?: number) {
      const top = typeof options === 'number' ? y : options?.top
      if (top !== undefined) this.scrollTop = top
      // Browsers fire scroll events on the next frame, not inside the call.
      setTimeout(() => act(() => void this.dispatchEvent(new Event('scroll'))), 0)
    }
  })
  return () => {
    for (const restore of restores.reverse()) restore()
  }
}

/** Scrolls an element as a user would, firing the scroll event the virtualizer listens to. */
export function scrollTo(element: Element, top: number) {
  act(() => {
    element.scrollTop = top
    element.dispatchEvent(new Event('scroll'))
  })
}

export function profile(overrides: Partial<ProfileSummary> & { name: string }): ProfileSummary {
  return {
    id: overrides.name,
    kind: 'static',
    sources: ['/home/me/.aws/credentials'],
    region: 'us-east-1',
    endpointUrl: null,
    addressingStyle: 'auto',
    detail: null,
    ...overrides
  }
}

/** A listing page with the given folder names and `[name, size]` objects under `prefix`. */
export function page(
  prefix: string,
  folders: string[],
  objects: [name: string, size: number, lastModified?: string][],
  nextToken: string | null = null,
  bucket = 'photos'
): ObjectPage {
  return {
    bucket,
    prefix,
    folders: folders.map((name) => ({ prefix: `${prefix}${name}/`, name })),
    objects: objects.map(([name, size, lastModified]) => ({
      key: `${prefix}${name}`,
      name,
      size,
      lastModified: lastModified ?? '2024-03-12T12:00:00.000Z',
      storageClass: 'STANDARD',
      etag: `"etag-${name}"`
    })),
    nextToken
  }
}

let linkSequence = 0

/** A link as main stores it; times default to "made an hour ago, expires in an hour". */
export function makeLink(
  overrides: Partial<IssuedLink> & { createdAtMs?: number; expiresAtMs?: number } = {}
): IssuedLink {
  const { createdAtMs, expiresAtMs, ...rest } = overrides
  linkSequence += 1
  const now = Date.now()
  const createdAt = new Date(createdAtMs ?? now - HOUR_MS).toISOString()
  const expiresAt = new Date(expiresAtMs ?? now + HOUR_MS).toISOString()
  const key = rest.key ?? `reports/2025/file-${linkSequence}.pdf`
  const bucket = rest.bucket ?? 'acme-data'
  return {
    id: `link-${linkSequence}`,
    createdAt,
    profileId: 'dev',
    bucket,
    key,
    region: 'eu-west-1',
    endpoint: null,
    method: 'GET',
    requestedExpiresInSeconds: Math.round((Date.parse(expiresAt) - Date.parse(createdAt)) / 1000),
    requestedExpiresAt: expiresAt,
    expiresAt,
    cappedBy: null,
    url: `https://${bucket}.s3.eu-west-1.amazonaws.com/${key}?X-Amz-Signature=${linkSequence}`,
    label: '',
    downloadFilename: null,
    batchId: null,
    ...rest
  }
}
