import { useCallback, useEffect, useState } from 'react'
import type { PromptAnswer, PromptRequest } from '../../../../shared/prompts'
import { call, subscribe } from '../../lib/api'

/**
 * The question main is waiting on, if any.
 *
 * Follows `prompts:ask` and `prompts:settled`, and on mount asks for the question already open,
 * so a window that reloads while main waits shows it again.
 */
export function usePrompts() {
  const [current, setCurrent] = useState<PromptRequest | null>(null)

  useEffect(() => {
    let mounted = true
    const stopAsked = subscribe('onPromptAsked', (request) => setCurrent(request))
    const stopSettled = subscribe('onPromptSettled', ({ id }) =>
      setCurrent((shown) => (shown?.id === id ? null : shown))
    )
    call('getCurrentPrompt').then(
      (request) => {
        if (mounted && request) setCurrent((shown) => shown ?? request)
      },
      () => undefined
    )
    return () => {
      mounted = false
      stopAsked()
      stopSettled()
    }
  }, [])

  const reply = useCallback(async (id: string, answer: PromptAnswer) => {
    try {
      await call('answerPrompt', { id, answer })
    } catch (error) {
      // Main no longer waits for it (timed out, or answered elsewhere): nothing to show.
      setCurrent((shown) => (shown?.id === id ? null : shown))
      throw error
    }
  }, [])

  return { current, reply }
}
