import { describe, expect, it } from 'vitest'
import {
  asciiFallbackFilename,
  attachmentContentDisposition,
  defaultDownloadFilename,
  inlineContentDisposition,
  responseContentDisposition,
  sanitizeDownloadFilename
} from './content-disposition'

/** Splits a header built here into its two file names, decoding `filename*` as a browser does. */
function parse(header: string): { fallback: string; name: string } {
  const match = /^attachment; filename="([^"]*)"; filename\*=UTF-8''([^;\s]*)$/.exec(header)
  if (match === null) throw new Error(`not an attachment header: ${header}`)
  return { fallback: match[1]!, name: decodeURIComponent(match[2]!) }
}

describe('attachmentContentDisposition', () => {
  it('offers a plain ASCII name as both filename and filename*', () => {
    expect(attachmentContentDisposition('report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`
    )
  })

  it.each([
    ['accents', 'Résumé 2026.pdf', 'Resume 2026.pdf'],
    ['CJK', '日本語の資料.pdf', '_.pdf'],
    ['emoji', '🎉 party 🎂.png', '_ party _.png'],
    ['double quotes', 'say "hi".txt', 'say hi.txt'],
    ['percent signs', '100% done.txt', '100_ done.txt'],
    ['apostrophes and parentheses', "it's (final)*.txt", "it's (final)*.txt"],
    ['a backslash', 'a\\b.txt', 'a_b.txt']
  ])('saves a name with %s under its exact UTF-8 name', (_, name, fallback) => {
    const header = attachmentContentDisposition(name)
    const parsed = parse(header)
    expect(parsed.name).toBe(name.replace('\\', '_'))
    expect(parsed.fallback).toBe(fallback)
  })

  it('percent-encodes every character RFC 5987 does not allow bare in filename*', () => {
    expect(attachmentContentDisposition("it's (final)*.txt")).toContain(
      "filename*=UTF-8''it%27s%20%28final%29%2A.txt"
    )
    expect(attachmentContentDisposition('🎉.png')).toContain("filename*=UTF-8''%F0%9F%8E%89.png")
  })

  it('writes filename* as RFC 5987 does for every character, one by one', () => {
    const attrChar = /^[A-Za-z0-9!#$&+\-.^_`|~]$/
    const expected = (character: string) =>
      attrChar.test(character)
        ? character
        : [...new TextEncoder().encode(character)]
            .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
            .join('')
    // Every character but controls, separators and bidi overrides, which never reach it.
    const characters: string[] = []
    for (let code = 0x20; code <= 0x10ffff; code += code < 0x10000 ? 1 : 0x3f) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const character = String.fromCodePoint(code)
      if (/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\]/u.test(character)) continue
      characters.push(character)
    }
    for (let start = 0; start < characters.length; start += 64) {
      const run = characters.slice(start, start + 64)
      // Between two letters: names are trimmed, and some of these are spaces.
      expect(attachmentContentDisposition(`x${run.join('')}x`).split("filename*=UTF-8''")[1]).toBe(
        `x${run.map(expected).join('')}x`
      )
    }
    // A lone surrogate (no S3 key has one) is written as U+FFFD, as TextEncoder does.
    expect(attachmentContentDisposition('a\ud800b')).toContain("filename*=UTF-8''a%EF%BF%BDb")
  })

  it('never lets a name climb folders or carry control characters', () => {
    const parsed = parse(attachmentContentDisposition('../../etc/passwd\r\n\u0000'))
    expect(parsed.name).toBe('.._.._etc_passwd')
    expect(parsed.fallback).toBe('.._.._etc_passwd')
  })

  it('drops bidi overrides that would disguise the extension', () => {
    expect(parse(attachmentContentDisposition('\u202Egnp.exe')).name).toBe('gnp.exe')
  })

  it('keeps the whole header printable ASCII, whatever the name', () => {
    for (const name of ['日本語', '🎉', 'tab\there', 'a"b', 'ü\u0085x', '\u202Egnp.exe']) {
      const header = attachmentContentDisposition(name)
      expect(header).toMatch(/^[\x20-\x7e]+$/)
      expect(parse(header).fallback).not.toMatch(/["\\/%]/)
    }
  })
})

describe('asciiFallbackFilename', () => {
  it('falls back to "download" when nothing printable is left', () => {
    expect(asciiFallbackFilename('"""')).toBe('download')
    expect(asciiFallbackFilename('\u0000')).toBe('download')
  })
})

describe('sanitizeDownloadFilename', () => {
  it('refuses names that are empty or only a dot segment once cleaned', () => {
    expect(sanitizeDownloadFilename('   ')).toBeNull()
    expect(sanitizeDownloadFilename('\u0000\u001f')).toBeNull()
    expect(sanitizeDownloadFilename('..')).toBeNull()
    expect(sanitizeDownloadFilename('.')).toBeNull()
  })

  it('turns path separators into underscores', () => {
    expect(sanitizeDownloadFilename('/')).toBe('_')
    expect(sanitizeDownloadFilename('a/b\\c')).toBe('a_b_c')
  })
})

describe('defaultDownloadFilename', () => {
  it("is the key's last segment", () => {
    expect(defaultDownloadFilename('reports/2026/Q1 résumé.pdf')).toBe('Q1 résumé.pdf')
    expect(defaultDownloadFilename('plain.txt')).toBe('plain.txt')
  })

  it('is none for a folder marker or a dot segment', () => {
    expect(defaultDownloadFilename('reports/')).toBeNull()
    expect(defaultDownloadFilename('reports/..')).toBeNull()
  })
})

describe('inline or attachment', () => {
  it('lets the browser show the file, still naming it for when it is saved', () => {
    expect(inlineContentDisposition('Résumé.pdf')).toBe(
      `inline; filename="Resume.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`
    )
    expect(inlineContentDisposition(null)).toBe('inline')
  })

  it('asks S3 for what the link chose, and nothing for a nameless download', () => {
    expect(responseContentDisposition('inline', null)).toBe('inline')
    expect(responseContentDisposition('inline', 'a.txt')).toBe(inlineContentDisposition('a.txt'))
    expect(responseContentDisposition('attachment', 'a.txt')).toBe(
      attachmentContentDisposition('a.txt')
    )
    expect(responseContentDisposition(undefined, 'a.txt')).toBe(
      attachmentContentDisposition('a.txt')
    )
    expect(responseContentDisposition('attachment', null)).toBeUndefined()
  })
})
