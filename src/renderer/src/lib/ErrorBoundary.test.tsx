import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from './ErrorBoundary'

function Broken(): never {
  throw new RangeError('Invalid time value')
}

beforeEach(() => {
  // React reports caught render errors on the console; the test is about what the user sees.
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('ErrorBoundary', () => {
  it('shows what went wrong and a way to reload instead of a blank window', async () => {
    const onReload = vi.fn()
    render(
      <ErrorBoundary onReload={onReload}>
        <p>Before</p>
        <Broken />
      </ErrorBoundary>
    )
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Something went wrong')
    expect(alert).toHaveTextContent('Invalid time value')
    expect(alert).not.toHaveTextContent(/RangeError|at Broken|\.tsx/)
    expect(screen.queryByText('Before')).not.toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }))
    expect(onReload).toHaveBeenCalledTimes(1)
  })

  it('shows its children while they render', () => {
    render(
      <ErrorBoundary>
        <p>All well</p>
      </ErrorBoundary>
    )
    expect(screen.getByText('All well')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
