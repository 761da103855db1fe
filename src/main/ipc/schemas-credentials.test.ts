import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { credentialSchemas } from './schemas-credentials'

const schemas = credentialSchemas({ profileId: z.string().min(1).max(256) })
const answer = schemas['prompts:answer']

describe('the answer to a question from main', () => {
  it('takes an MFA code of six digits, or a cancel', () => {
    expect(
      answer.safeParse({ id: 'q1', answer: { kind: 'mfa-code', code: '042193' } }).success
    ).toBe(true)
    expect(answer.safeParse({ id: 'q1', answer: { kind: 'cancel' } }).success).toBe(true)
  })

  it('refuses codes of other lengths, letters, spaces and extra fields', () => {
    for (const code of ['12345', '1234567', '12345a', '123 456', '', '١٢٣٤٥٦']) {
      const parsed = answer.safeParse({ id: 'q1', answer: { kind: 'mfa-code', code } })
      expect(parsed.success, code).toBe(false)
    }
    expect(answer.safeParse({ id: 'q1', answer: { kind: 'cancel', code: '123456' } }).success).toBe(
      false
    )
    expect(answer.safeParse({ answer: { kind: 'cancel' } }).success).toBe(false)
    expect(answer.safeParse({ id: 'x'.repeat(65), answer: { kind: 'cancel' } }).success).toBe(false)
  })

  it('names the rule when a code is refused', () => {
    const parsed = answer.safeParse({ id: 'q1', answer: { kind: 'mfa-code', code: '12' } })
    expect(parsed.error?.issues[0]?.message).toBe('the MFA code must be 6 digits')
  })
})
