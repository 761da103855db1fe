import { describe, expect, it } from 'vitest'
import { cleanForMessage, MAX_QUOTED_CHARS, quoteForMessage } from './user-text'

describe('quoteForMessage', () => {
  it('quotes ordinary names as they are, unicode and emoji included', () => {
    expect(quoteForMessage('dev')).toBe('`dev`')
    expect(quoteForMessage('photos/2024/été 😀.jpg')).toBe('`photos/2024/été 😀.jpg`')
  })

  it('shows control characters as escapes instead of breaking or hiding the message', () => {
    expect(quoteForMessage('a\nb\tc\r')).toBe('`a\\nb\\tc\\r`')
    expect(quoteForMessage('nul\u0000here')).toBe('`nul\\u0000here`')
    expect(quoteForMessage('\u001b[31mred')).toBe('`\\u001b[31mred`')
    expect(quoteForMessage('del\u007f c1\u0085')).toBe('`del\\u007f c1\\u0085`')
  })

  it('escapes bidi overrides and isolates, which would make the message read backwards', () => {
    expect(quoteForMessage('invoice\u202egpj.exe')).toBe('`invoice\\u202egpj.exe`')
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const cleaned = quoteForMessage(`x${String.fromCodePoint(code)}y`)
      expect(cleaned).toBe(`\`x\\u${code.toString(16)}y\``)
    }
  })

  it('escapes lone surrogates, which cannot be encoded, and keeps real pairs', () => {
    expect(quoteForMessage('a\ud800b')).toBe('`a\\ud800b`')
    expect(quoteForMessage('a\udc00')).toBe('`a\\udc00`')
    expect(quoteForMessage('\ud83d\ude00')).toBe('`😀`')
  })

  it('shortens long values to 200 characters with an ellipsis', () => {
    const quoted = quoteForMessage('k'.repeat(5_000))
    expect(quoted).toBe(`\`${'k'.repeat(MAX_QUOTED_CHARS - 1)}…\``)
    expect(quoteForMessage('k'.repeat(MAX_QUOTED_CHARS))).toBe(`\`${'k'.repeat(200)}\``)
  })

  it('turns an 11 MB value full of control characters into a short clean quote', () => {
    const huge = '\u0000\n\u202e'.repeat(4 * 1024 * 1024)
    const quoted = quoteForMessage(huge)
    expect([...quoted].length).toBeLessThanOrEqual(MAX_QUOTED_CHARS + 2)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(quoted).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(quoted.endsWith('…`')).toBe(true)
  })
})

describe('cleanForMessage', () => {
  it('never cuts an escape or a surrogate pair in half', () => {
    const emoji = cleanForMessage('😀'.repeat(10), 5)
    expect(emoji).toBe('😀😀😀😀…')
    const escapes = cleanForMessage('ab\u0000\u0000', 7)
    expect(escapes).toBe('ab…')
  })

  it('counts characters, not UTF-16 units', () => {
    expect(cleanForMessage('😀'.repeat(5), 5)).toBe('😀'.repeat(5))
  })
})
