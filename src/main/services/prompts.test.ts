import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PromptQuestion, PromptRequest, PromptSettled } from '../../shared/prompts'
import { createWindowPrompter, MFA_PROMPT_TIMEOUT_MS, type PromptOutcome } from './prompts'

const mfa = (profileId = 'admin'): PromptQuestion => ({
  kind: 'mfa-code',
  profileId,
  mfaSerial: 'arn:aws:iam::123456789012:mfa/me'
})

const deviceCode: PromptQuestion = {
  kind: 'sso-device-code',
  profileId: 'dev',
  userCode: 'BCDF-GHJK',
  verificationUri: 'https://device.sso.eu-west-2.amazonaws.com/',
  expiresAt: '2030-01-01T00:10:00.000Z'
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') })
})

afterEach(() => {
  vi.useRealTimers()
})

let ids = 0

/** A prompter with a window attached that records what it was shown and told. */
function withWindow() {
  const prompter = createWindowPrompter({ newId: () => `q${++ids}` })
  const shown: PromptRequest[] = []
  const settled: PromptSettled[] = []
  const detach = prompter.attach({
    show: (request) => shown.push(request),
    settled: (event) => settled.push(event)
  })
  return { prompter, shown, settled, detach }
}

/** The outcome once it has settled, or 'waiting'. */
function track(promise: Promise<PromptOutcome>): () => PromptOutcome | 'waiting' {
  let outcome: PromptOutcome | 'waiting' = 'waiting'
  void promise.then((value) => (outcome = value))
  return () => outcome
}

describe('asking the window', () => {
  it('shows one question at a time, in the order asked', async () => {
    const { prompter, shown, settled } = withWindow()

    const first = track(prompter.ask(mfa('admin')))
    const second = track(prompter.ask(deviceCode))
    expect(shown.map((request) => request.kind)).toEqual(['mfa-code'])
    expect(prompter.current()).toEqual(shown[0])

    prompter.answer(shown[0]!.id, { kind: 'mfa-code', code: '123456' })
    await vi.advanceTimersByTimeAsync(0)

    expect(first()).toEqual({ status: 'answered', code: '123456' })
    expect(settled).toEqual([{ id: shown[0]!.id, outcome: 'answered' }])
    expect(shown.map((request) => request.kind)).toEqual(['mfa-code', 'sso-device-code'])
    expect(second()).toBe('waiting')
  })

  it('asks once when the same question comes twice, and both askers get the answer', async () => {
    const { prompter, shown } = withWindow()

    const first = track(prompter.ask(mfa()))
    const second = track(prompter.ask(mfa()))
    expect(shown).toHaveLength(1)
    prompter.answer(shown[0]!.id, { kind: 'mfa-code', code: '654321' })
    await vi.advanceTimersByTimeAsync(0)

    expect(first()).toEqual({ status: 'answered', code: '654321' })
    expect(second()).toEqual({ status: 'answered', code: '654321' })
  })

  it('settles as cancelled when the user cancels', async () => {
    const { prompter, shown, settled } = withWindow()

    const outcome = track(prompter.ask(mfa()))
    prompter.answer(shown[0]!.id, { kind: 'cancel' })
    await vi.advanceTimersByTimeAsync(0)

    expect(outcome()).toEqual({ status: 'cancelled' })
    expect(settled).toEqual([{ id: shown[0]!.id, outcome: 'cancelled' }])
    expect(prompter.current()).toBeNull()
  })

  it('stops waiting at the deadline it announced', async () => {
    const { prompter, shown, settled } = withWindow()

    const outcome = track(prompter.ask(mfa()))
    expect(shown[0]!.deadline).toBe('2030-01-01T00:05:00.000Z')
    await vi.advanceTimersByTimeAsync(MFA_PROMPT_TIMEOUT_MS - 1)
    expect(outcome()).toBe('waiting')
    await vi.advanceTimersByTimeAsync(1)

    expect(outcome()).toEqual({ status: 'timed-out' })
    expect(settled).toEqual([{ id: shown[0]!.id, outcome: 'timed-out' }])
    expect(() => prompter.answer(shown[0]!.id, { kind: 'mfa-code', code: '123456' })).toThrow(
      /no longer open/
    )
  })

  it('takes a question off the screen when the asker withdraws it', async () => {
    const { prompter, shown, settled } = withWindow()
    const controller = new AbortController()

    const outcome = track(
      prompter.ask(deviceCode, { signal: controller.signal, timeoutMs: 600_000 })
    )
    controller.abort()
    await vi.advanceTimersByTimeAsync(0)

    expect(outcome()).toEqual({ status: 'withdrawn' })
    expect(settled).toEqual([{ id: shown[0]!.id, outcome: 'withdrawn' }])
  })

  it('keeps a merged question open while one of its askers still waits', async () => {
    const { prompter, shown, settled } = withWindow()
    const controller = new AbortController()

    const leaving = track(prompter.ask(mfa(), { signal: controller.signal }))
    const staying = track(prompter.ask(mfa()))
    controller.abort()
    await vi.advanceTimersByTimeAsync(0)

    expect(leaving()).toEqual({ status: 'withdrawn' })
    expect(settled).toEqual([])
    prompter.answer(shown[0]!.id, { kind: 'mfa-code', code: '111111' })
    await vi.advanceTimersByTimeAsync(0)
    expect(staying()).toEqual({ status: 'answered', code: '111111' })
  })

  it('settles every open question as closed when the window goes away', async () => {
    const { prompter, detach } = withWindow()

    const first = track(prompter.ask(mfa('admin')))
    const second = track(prompter.ask(mfa('ops')))
    detach()
    await vi.advanceTimersByTimeAsync(0)

    expect(first()).toEqual({ status: 'closed' })
    expect(second()).toEqual({ status: 'closed' })
    expect(prompter.current()).toBeNull()
  })

  it('settles open questions as closed when the page crashes, and asks the reloaded page anew', async () => {
    const { prompter, shown } = withWindow()

    const lost = track(prompter.ask(mfa()))
    prompter.dismissAll()
    await vi.advanceTimersByTimeAsync(0)
    const next = track(prompter.ask(mfa()))

    expect(lost()).toEqual({ status: 'closed' })
    expect(shown).toHaveLength(2)
    expect(prompter.current()).toEqual(shown[1])
    expect(next()).toBe('waiting')
  })

  it('answers closed at once when there is no window to ask in', async () => {
    const prompter = createWindowPrompter()

    await expect(prompter.ask(mfa())).resolves.toEqual({ status: 'closed' })
  })

  it('accepts an answer only for the question shown, and of its kind', () => {
    const { prompter, shown } = withWindow()

    void prompter.ask(mfa('admin'))
    void prompter.ask(mfa('ops'))
    const queued = 'q-not-shown'

    expect(() => prompter.answer(queued, { kind: 'cancel' })).toThrow(
      expect.objectContaining({ code: 'invalid-argument' })
    )
    void prompter.ask(deviceCode)
    prompter.answer(shown[0]!.id, { kind: 'cancel' })
    prompter.answer(shown[1]!.id, { kind: 'cancel' })
    expect(shown[2]!.kind).toBe('sso-device-code')
    expect(() => prompter.answer(shown[2]!.id, { kind: 'mfa-code', code: '123456' })).toThrow(
      expect.objectContaining({ code: 'invalid-argument' })
    )
  })

  it('gives a new window nothing of the old one to answer', async () => {
    const { prompter, shown } = withWindow()
    const outcome = track(prompter.ask(mfa()))

    const next: PromptRequest[] = []
    prompter.attach({ show: (request) => next.push(request), settled: () => undefined })
    await vi.advanceTimersByTimeAsync(0)

    expect(outcome()).toEqual({ status: 'closed' })
    expect(() => prompter.answer(shown[0]!.id, { kind: 'cancel' })).toThrow(/no longer open/)
    expect(next).toEqual([])
  })
})
