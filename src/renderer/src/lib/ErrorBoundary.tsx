import { Component, type ErrorInfo, type ReactNode } from 'react'
import { ErrorState } from './ErrorState'

export interface ErrorBoundaryProps {
  children: ReactNode
  /** What Reload does; reloads the window by default. */
  onReload?: () => void
}

interface ErrorBoundaryState {
  failed: boolean
  error: unknown
}

/**
 * The last line of defence: a render error shows a calm page with its message and a way back,
 * instead of an empty window.
 *
 * The stack goes to the developer console only: it means nothing to the user and may quote
 * object keys or paths.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, error: null }

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { failed: true, error }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('The window stopped rendering:', error, info.componentStack)
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <div className="view-center">
        <ErrorState
          title="Something went wrong"
          error={this.state.error}
          onRetry={this.props.onReload ?? (() => window.location.reload())}
          retryLabel="Reload"
        >
          <p className="state-hint">Reloading the window starts it afresh; your links are kept.</p>
        </ErrorState>
      </div>
    )
  }
}
