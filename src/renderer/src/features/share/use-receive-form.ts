import { useMemo, useReducer } from 'react'
import { formProblems, initialReceiveForm, updateForm, type ReceiveForm } from './receive-form'
import type { ReceiveTarget } from './receive-target'

/** Ten hex digits: enough that two pages made in one folder never share a default key. */
function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The receive dialog's form state, kept consistent by `updateForm`, and its problems. */
export function useReceiveForm(target: ReceiveTarget) {
  const [form, set] = useReducer(
    (state: ReceiveForm, patch: Partial<ReceiveForm>) => updateForm(target, state, patch),
    target,
    (initial) => initialReceiveForm(initial, randomSuffix())
  )
  const problems = useMemo(() => formProblems(target, form), [target, form])
  return { form, set, problems }
}

export type ReceiveFormState = ReturnType<typeof useReceiveForm>
