// jest-dom matchers on vitest's expect, for the type checker (the setup file installs them at run time).
import { QueryClientProvider } from '@tanstack/react-query'
import { act, render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { vi } from 'vitest'
import { AppError, type IpcResult } from '../../../../shared/errors'
import {
  eventMethods,
  invokeMethods,
  type EventContract,
  type EventMethodName,
  type InvokeArgs,
  type InvokeMethodName,
  type InvokeResult
} from '../../../../shared/ipc-contract'
import type { IssuedLink } from '../../../../shared/models'
import { createQueryClient } from '../../lib/query-client'

type Handler<M extends InvokeMethodName> = (
  args: InvokeArgs<(typeof invokeMethods)[M]>
) => InvokeResult<(typeof invokeMethods)[M]> | Promise<InvokeResult<(typeof invokeMethods)[M]>>

export type FakeHandlers = { [M in InvokeMethodName]?: Handler<M> }

/**
 * Installs `window.api` as main would expose it: plain async functions answering with
 * `{ ok: true, value }`, or `{ ok: false, error }` when a handler throws an `AppError`.
 * Methods without a handler fail like an unexpected error in main would.
 */
export function installFakeApi(handlers: FakeHandlers) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: Record<string, unknown> = {}
  for (const method of Object.keys(invokeMethods) as InvokeMethodName[]) {
    api[method] = vi.fn(async (args: unknown): Promise<IpcResult<unknown>> => {
      const handler = handlers[method] as ((args: unknown) => unknown) | undefined
      if (!handler)
        return { ok: false, error: { code: 'internal', message: `No fake for ${method}` } }
      try {
        return { ok: true, value: await handler(args) }
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toPayload() }
        throw error
      }
    })
  }
  for (const method of Object.keys(eventMethods)) {
    api[method] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(method) ?? new Set()
      set.add(listener)
      listeners.set(method, set)
      return () => set.delete(listener)
    }
  }
  window.api = api as unknown as Window['api']
  return {
    /** The spy behind a method, to assert on what the UI sent. */
    spy(method: InvokeMethodName) {
      return api[method] as ReturnType<typeof vi.fn>
    },
    /** Pushes an event from main, as `webContents.send` would. */
    emit<M extends EventMethodName>(method: M, payload: EventContract[(typeof eventMethods)[M]]) {
      act(() => {
        for (const listener of listeners.get(method) ?? []) listener(payload)
      })
    }
  }
}

/** Renders with a fresh query client configured like the app's. */
export function renderWithQueries(ui: ReactElement) {
  const client = createQueryClient()
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) }
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

let sequence = 0

/** A link as main stores it; times default to "made an hour ago, expires in an hour". */
export function makeLink(
  overrides: Partial<IssuedLink> & { createdAtMs?: number; expiresAtMs?: number } = {}
): IssuedLink {
  const { createdAtMs, expiresAtMs, ...rest } = overrides
  sequence += 1
  const now = Date.now()
  const createdAt = new Date(createdAtMs ?? now - 3_600_000).toISOString()
  const expiresAt = new Date(expiresAtMs ?? now + 3_600_000).toISOString()
  const key = rest.key ?? `reports/2025/file-${sequence}.pdf`
  const bucket = rest.bucket ?? 'acme-data'
  return {
    id: `link-${sequence}`,
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
    url: `https://${bucket}.s3.eu-west-1.amazonaws.com/${key}?X-Amz-Signature=${sequence}`,
    label: '',
    downloadFilename: null,
    ...rest
  }
}
