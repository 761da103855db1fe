import { useMutation } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { call } from './api'

/**
 * Copies text through main's clipboard and remembers what was copied last for a short moment,
 * so a button can say "Copied".
 */
export function useCopyText() {
  const [copied, setCopied] = useState<string | null>(null)
  const mutation = useMutation({
    mutationFn: (text: string) => call('writeClipboardText', { text }),
    onSuccess: (_result, text) => setCopied(text)
  })
  useEffect(() => {
    if (copied === null) return
    const timer = setTimeout(() => setCopied(null), 1500)
    return () => clearTimeout(timer)
  }, [copied])
  return { copy: mutation.mutate, copied, error: mutation.error }
}
