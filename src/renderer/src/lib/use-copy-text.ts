import { useMutation } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import { call } from './api'

/** How long a button says "Copied" after a copy. */
export const COPIED_FEEDBACK_MS = 1_500

export interface CopyOptions {
  /** Names what was copied, for `copied` (a link's id, say); the text itself by default. */
  key?: string
  onCopied?: () => void
  onError?: (error: unknown) => void
}

/**
 * Copies text through main's clipboard and remembers what was copied last for a short moment,
 * so a button can say "Copied".
 *
 * `copy` reports a failure in `error` (and to `onError`); `copyAsync` is for a caller that
 * waits for the copy and rejects when it fails. Both are stable across renders.
 */
export function useCopyText() {
  // A fresh object per copy, so copying the same thing again restarts the feedback.
  const [copied, setCopied] = useState<{ key: string } | null>(null)
  const { mutate, mutateAsync, error } = useMutation({
    mutationFn: ({ text }: { text: string; key: string }) => call('writeClipboardText', { text }),
    onSuccess: (_result, { key }) => setCopied({ key })
  })

  useEffect(() => {
    if (copied === null) return
    const timer = setTimeout(() => setCopied(null), COPIED_FEEDBACK_MS)
    return () => clearTimeout(timer)
  }, [copied])

  const copy = useCallback(
    (text: string, options: CopyOptions = {}) =>
      mutate(
        { text, key: options.key ?? text },
        { onSuccess: options.onCopied, onError: options.onError }
      ),
    [mutate]
  )
  const copyAsync = useCallback(
    async (text: string, key: string = text) => {
      await mutateAsync({ text, key })
    },
    [mutateAsync]
  )

  return { copy, copyAsync, copied: copied?.key ?? null, error }
}
