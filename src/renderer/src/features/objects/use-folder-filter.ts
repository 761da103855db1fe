import { useDeferredValue, useEffect, useRef, useState } from 'react'

/**
 * The filter of one folder's table, and Ctrl/Cmd+F to reach it.
 *
 * The text belongs to a folder: moving elsewhere starts afresh. `deferred` lags the typing so a
 * huge folder filters without making the field sluggish.
 */
export function useFolderFilter(location: string) {
  const [state, setState] = useState({ location, text: '' })
  const text = state.location === location ? state.text : ''
  const deferred = useDeferredValue(text).trim()
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'f') {
        const input = inputRef.current
        if (!input || input.closest('[hidden]')) return
        event.preventDefault()
        input.focus()
        input.select()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  return {
    text,
    setText: (next: string) => setState({ location, text: next }),
    /** The trimmed text the rows are filtered by; empty without a filter. */
    deferred,
    inputRef
  }
}
