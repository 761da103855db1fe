import { describe, expect, it } from 'vitest'
import { AppError } from './errors'
import {
  assertContentTypeRule,
  assertPostLimits,
  assertUploadKey,
  assertUploadPrefix,
  contentTypeMatches,
  contentTypeProblem,
  limitsInWords,
  MAX_SINGLE_UPLOAD_BYTES,
  postKeyField,
  sizeInWords
} from './upload-links'

function refusal(run: () => void): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('POST limits', () => {
  it('accepts 1 byte up to exactly 5 GiB, with or without a type rule', () => {
    expect(() =>
      assertPostLimits({ minBytes: 0, maxBytes: MAX_SINGLE_UPLOAD_BYTES, contentType: null })
    ).not.toThrow()
    expect(() =>
      assertPostLimits({
        minBytes: 1,
        maxBytes: 1,
        contentType: { kind: 'starts-with', prefix: 'image/' }
      })
    ).not.toThrow()
  })

  it("refuses a maximum above S3's 5 GiB single-request limit, saying so", () => {
    const error = refusal(() =>
      assertPostLimits({ minBytes: 0, maxBytes: MAX_SINGLE_UPLOAD_BYTES + 1, contentType: null })
    )
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toMatch(/above S3's limit for a single upload, 5 GiB/)
    expect(error.message).toMatch(/Choose 5 GiB or less/)
  })

  it('refuses a minimum above the maximum, since no file could be uploaded', () => {
    const error = refusal(() =>
      assertPostLimits({ minBytes: 2_000, maxBytes: 1_000, contentType: null })
    )
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toMatch(/minimum size \(2000 bytes\) is larger than the maximum/)
  })

  it.each([
    [0, 0],
    [0, -5],
    [0, 1.5],
    [0, Number.NaN],
    [-1, 10],
    [0.5, 10]
  ])('refuses sizes that are not whole byte counts (min %s, max %s)', (minBytes, maxBytes) => {
    expect(refusal(() => assertPostLimits({ minBytes, maxBytes, contentType: null })).code).toBe(
      'invalid-argument'
    )
  })

  it('refuses content types S3 could not compare', () => {
    for (const contentType of ['', 'image', 'image/png, text/plain', 'image/pñg', 'a/b\nc']) {
      expect(contentTypeProblem(contentType)).not.toBeNull()
    }
    expect(contentTypeProblem('text/csv; charset=utf-8')).toBeNull()
    expect(contentTypeProblem('application/vnd.openxmlformats-officedocument.sheet')).toBeNull()
    expect(
      refusal(() => assertContentTypeRule({ kind: 'starts-with', prefix: '' })).message
    ).toMatch(/leave the rule out/)
    expect(refusal(() => assertContentTypeRule({ kind: 'starts-with', prefix: 'a,b' })).code).toBe(
      'invalid-argument'
    )
  })
})

describe('upload keys and prefixes', () => {
  it('refuses an exact key containing ${filename}, which S3 would replace', () => {
    expect(refusal(() => assertUploadKey('in/${filename}')).message).toMatch(
      /any file name under this folder/
    )
    expect(refusal(() => assertUploadPrefix('a/${filename}/')).code).toBe('invalid-argument')
  })

  it('refuses a key ending in a slash, which names a folder', () => {
    expect(refusal(() => assertUploadKey('in/')).message).toMatch(/names a folder/)
  })

  it('writes the POST key field as the key, or the prefix followed by ${filename}', () => {
    expect(postKeyField({ kind: 'key', key: 'in/report.pdf' })).toBe('in/report.pdf')
    expect(postKeyField({ kind: 'prefix', prefix: 'in/' })).toBe('in/${filename}')
    expect(postKeyField({ kind: 'prefix', prefix: '' })).toBe('${filename}')
  })
})

describe('limits in words', () => {
  it('rounds sizes down, so "larger than" is true of every file refused', () => {
    expect(sizeInWords(25_000_000)).toBe('25 MB')
    expect(sizeInWords(25_600_000)).toBe('25.6 MB')
    expect(sizeInWords(25_699_999)).toBe('25.6 MB')
    expect(sizeInWords(26_214_400)).toBe('26.2 MB')
    expect(sizeInWords(999)).toBe('999 bytes')
    expect(sizeInWords(1)).toBe('1 byte')
    expect(sizeInWords(1_000)).toBe('1 KB')
    expect(sizeInWords(123_900_000)).toBe('123 MB')
    expect(sizeInWords(MAX_SINGLE_UPLOAD_BYTES)).toBe('5.3 GB')
  })

  it('says the size range and the type rule a recipient must meet', () => {
    expect(
      limitsInWords({
        minBytes: 0,
        maxBytes: 25_000_000,
        contentType: { kind: 'starts-with', prefix: 'image/' }
      })
    ).toBe('up to 25 MB, images only')
    expect(limitsInWords({ minBytes: 1_000, maxBytes: 2_000_000, contentType: null })).toBe(
      '1 KB to 2 MB, any type'
    )
    expect(
      limitsInWords({
        minBytes: 0,
        maxBytes: 1_000,
        contentType: { kind: 'exact', contentType: 'application/pdf' }
      })
    ).toBe('up to 1 KB, PDF documents only')
    expect(
      limitsInWords({
        minBytes: 0,
        maxBytes: 1_000,
        contentType: { kind: 'exact', contentType: 'text/csv' }
      })
    ).toBe('up to 1 KB, files of type text/csv only')
  })

  it('matches content types as S3 does, case-sensitively', () => {
    const images = { kind: 'starts-with', prefix: 'image/' } as const
    expect(contentTypeMatches(images, 'image/png')).toBe(true)
    expect(contentTypeMatches(images, 'Image/png')).toBe(false)
    expect(contentTypeMatches({ kind: 'exact', contentType: 'text/csv' }, 'text/csv')).toBe(true)
    expect(contentTypeMatches(null, '')).toBe(true)
  })
})
