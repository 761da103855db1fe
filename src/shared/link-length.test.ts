import { describe, expect, it } from 'vitest'
import { attachmentContentDisposition } from './content-disposition'
import {
  isShortenedFrom,
  linkTooLongError,
  pathEncodedLength,
  queryEncodedLength,
  SHORTENED_MARK,
  shortenDownloadFilename,
  splitExtension
} from './link-length'

/** What the SDK's `escapeUri` writes (RFC 3986 unreserved characters bare), as a reference. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/** The URL characters a name costs in `response-content-disposition`. */
const cost = (name: string) => queryEncodedLength(attachmentContentDisposition(name))

describe('how long a value gets in a URL', () => {
  it.each([
    'plain.txt',
    "it's (final)*!.txt",
    'Résumé – 日本語 🎂.pdf',
    attachmentContentDisposition('Zoë "final" 🎉.pdf'),
    '~-._ /?#[]@$&+,;=%'
  ])('counts %j as the SDK escapes it', (value) => {
    expect(queryEncodedLength(value)).toBe(escapeUri(value).length)
  })

  it('counts a key per segment, its slashes kept', () => {
    const key = 'a b/日本/😀/'
    expect(pathEncodedLength(key)).toBe(key.split('/').map(escapeUri).join('/').length)
  })
})

describe('the extension of a download name', () => {
  it.each([
    ['report.pdf', 'report', '.pdf'],
    ['archive.tar.gz', 'archive.tar', '.gz'],
    ['写真.jpeg', '写真', '.jpeg'],
    ['.bashrc', '.bashrc', ''],
    ['notes', 'notes', ''],
    ['v1.2 final draft', 'v1.2 final draft', ''],
    ['x.averyveryverylongending', 'x.averyveryverylongending', '']
  ])('splits %j into %j and %j', (name, stem, extension) => {
    expect(splitExtension(name)).toEqual({ stem, extension })
  })
})

describe('telling a shortened default name from the user’s own', () => {
  it.each([
    ['Quarterly report.pdf', 'Quarterly report.pdf', true],
    [`Quarterly${SHORTENED_MARK}.pdf`, 'Quarterly report.pdf', true],
    [`${SHORTENED_MARK}.pdf`, 'Quarterly report.pdf', true],
    [`資料${SHORTENED_MARK}`, '資料資料資料', true],
    ['report.pdf', 'Quarterly report.pdf', false],
    [`Annual${SHORTENED_MARK}.pdf`, 'Quarterly report.pdf', false],
    [`Quarterly${SHORTENED_MARK}.txt`, 'Quarterly report.pdf', false]
  ])('%j from %j: %j', (candidate, name, expected) => {
    expect(isShortenedFrom(candidate, name)).toBe(expected)
  })
})

describe('shortening the default download name', () => {
  it('leaves a name that fits alone', () => {
    expect(shortenDownloadFilename('report.pdf', () => true)).toBe('report.pdf')
  })

  it('keeps the extension and as much of the stem as fits, marking the cut', () => {
    const name = `${'Quarterly report '.repeat(20)}.pdf`
    const budget = cost('Quarterly report Quarterly.pdf') + 20
    const short = shortenDownloadFilename(name, (candidate) => cost(candidate) <= budget)!
    expect(short.endsWith(`${SHORTENED_MARK}.pdf`)).toBe(true)
    expect(cost(short)).toBeLessThanOrEqual(budget)
    // One more character of the stem would not fit: the longest that does.
    const stem = short.slice(0, -`${SHORTENED_MARK}.pdf`.length)
    const longer = `${name.slice(0, stem.length + 1).trimEnd()}${SHORTENED_MARK}.pdf`
    expect(name.startsWith(stem)).toBe(true)
    if (longer !== short) expect(cost(longer)).toBeGreaterThan(budget)
  })

  it('never splits an emoji, a flag or a letter from its accent', () => {
    const name = `${'👩‍👩‍👧🇯🇵e\u0301'.repeat(40)}.png`
    for (let budget = 150; budget < cost(name); budget += 37) {
      const short = shortenDownloadFilename(name, (candidate) => cost(candidate) <= budget)
      if (short === null) continue
      expect(short.isWellFormed()).toBe(true)
      const stem = short.slice(0, -`${SHORTENED_MARK}.png`.length)
      // Whole groups only: what is kept is a run of whole repetitions plus whole graphemes.
      const segments = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(stem)]
      expect(segments.every((part) => ['👩‍👩‍👧', '🇯🇵', 'e\u0301'].includes(part.segment))).toBe(true)
    }
  })

  it('counts UTF-8 bytes: a CJK stem is cut shorter than an ASCII one for the same room', () => {
    const budget = 400
    const ascii = shortenDownloadFilename(`${'a'.repeat(300)}.txt`, (c) => cost(c) <= budget)!
    const cjk = shortenDownloadFilename(`${'資'.repeat(300)}.txt`, (c) => cost(c) <= budget)!
    expect([...cjk].length).toBeLessThan([...ascii].length)
    expect(cost(cjk)).toBeLessThanOrEqual(budget)
    expect(cost(ascii)).toBeLessThanOrEqual(budget)
  })

  it('gives up when not even the mark and the extension fit', () => {
    expect(shortenDownloadFilename('long name.pdf', () => false)).toBeNull()
  })
})

describe('a link too long', () => {
  it('says how long, and which of the user’s choices take the room, in under 500 characters', () => {
    const error = linkTooLongError({
      length: 9_100,
      keyLength: 2_900,
      nameLength: 4_000,
      contentTypeLength: 30,
      tokenLength: 1_800
    })
    expect(error.code).toBe('link-too-long')
    expect(error.message).toContain('9,100 characters')
    expect(error.message).toContain('the download name (4,000), the object key (2,900)')
    expect(error.message).not.toContain('content type (')
    expect(error.message.length).toBeLessThanOrEqual(500)
  })
})
