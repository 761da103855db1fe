import { describe, expect, it } from 'vitest'
import { createLimiter } from './received-checks'

function deferred() {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

describe('checks for received files', () => {
  it('run at most two at a time, the rest in order, never one too many', async () => {
    const run = createLimiter(2)
    const gates = Array.from({ length: 5 }, deferred)
    let running = 0
    let peak = 0
    const started: number[] = []
    const tasks = gates.map((gate, index) =>
      run(async () => {
        started.push(index)
        running += 1
        peak = Math.max(peak, running)
        await gate.promise
        running -= 1
        return index
      })
    )
    await Promise.resolve()
    expect(started).toEqual([0, 1])

    gates[0]!.resolve()
    // A newcomer arriving as a slot frees must queue behind those already waiting.
    const late = run(async () => {
      started.push(99)
      return 99
    })
    for (const gate of gates.slice(1)) gate.resolve()
    expect(await Promise.all([...tasks, late])).toEqual([0, 1, 2, 3, 4, 99])
    expect(peak).toBe(2)
    expect(started).toEqual([0, 1, 2, 3, 4, 99])
  })

  it('frees the slot of a task that fails', async () => {
    const run = createLimiter(1)
    await expect(run(async () => Promise.reject(new Error('denied')))).rejects.toThrow('denied')
    expect(await run(async () => 'next')).toBe('next')
  })
})
