import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useDeadline, useNow, useNowSelect } from './use-now'

const NOW = Date.parse('2025-11-28T14:00:00.400Z')

function Clock({ id }: { id: number }) {
  return <span data-testid={`clock-${id}`}>{useNow()}</span>
}

function Flag({ at }: { at: number }) {
  useDeadline(at)
  const passed = useNowSelect((now) => now >= at)
  return <span data-testid="flag">{passed ? 'passed' : 'waiting'}</span>
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('useNow', () => {
  it('serves every component from one timer, ticking on whole seconds', () => {
    render(
      <>
        {Array.from({ length: 50 }, (_, id) => (
          <Clock key={id} id={id} />
        ))}
      </>
    )
    expect(vi.getTimerCount()).toBe(1)
    act(() => {
      vi.advanceTimersByTime(600)
    })
    expect(screen.getByTestId('clock-0')).toHaveTextContent(String(NOW + 600))
    expect(screen.getByTestId('clock-49')).toHaveTextContent(String(NOW + 600))
    expect(vi.getTimerCount()).toBe(1)
  })

  it('wakes at a registered deadline between seconds', () => {
    render(<Flag at={NOW + 250} />)
    expect(screen.getByTestId('flag')).toHaveTextContent('waiting')
    act(() => {
      vi.advanceTimersByTime(249)
    })
    expect(screen.getByTestId('flag')).toHaveTextContent('waiting')
    act(() => {
      vi.advanceTimersByTime(1)
    })
    expect(screen.getByTestId('flag')).toHaveTextContent('passed')
  })

  it('stops ticking when nothing listens', () => {
    render(<Clock id={1} />)
    cleanup()
    expect(vi.getTimerCount()).toBe(0)
  })
})
