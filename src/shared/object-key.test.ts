import { describe, expect, it } from 'vitest'
import { hasDotSegments, keyBaseName, keyName, parentPrefix } from './object-key'

describe('hasDotSegments', () => {
  it.each(['a/../b.txt', './x.txt', '..', '.', 'a/.', 'a//./b', '../up.txt', 'a/..'])(
    'flags %j, whose URL browsers would rewrite',
    (key) => {
      expect(hasDotSegments(key)).toBe(true)
    }
  )

  it.each(['.hidden', '..backup', 'a/.../b', 'a..b', '%2E%2E/x', 'a/b.', 'a//b', ' ../x'])(
    'leaves %j alone, which URLs keep as it is',
    (key) => {
      expect(hasDotSegments(key)).toBe(false)
    }
  )
})

describe('keyBaseName', () => {
  it('is the part after the last slash', () => {
    expect(keyBaseName('a/b/c.txt')).toBe('c.txt')
    expect(keyBaseName('c.txt')).toBe('c.txt')
    expect(keyBaseName('a/b/')).toBe('')
  })
})

describe('keyName', () => {
  it('names an object by its last segment and a folder without its slash', () => {
    expect(keyName('a/b/report.pdf')).toBe('report.pdf')
    expect(keyName('report.pdf')).toBe('report.pdf')
    expect(keyName('a/b/')).toBe('b')
    expect(keyName('b/')).toBe('b')
  })

  it('falls back to the whole key rather than a blank name', () => {
    expect(keyName('/')).toBe('/')
    expect(keyName('a//')).toBe('a//')
  })
})

describe('parentPrefix', () => {
  it('goes up one level at a time', () => {
    expect(parentPrefix('a/b/c/')).toBe('a/b/')
    expect(parentPrefix('a/')).toBe('')
    expect(parentPrefix('')).toBe('')
  })

  it('puts a folder where an object of the same name would be', () => {
    expect(parentPrefix('a/b/c.txt')).toBe('a/b/')
    expect(parentPrefix('a/b/c/')).toBe(parentPrefix('a/b/c'))
    expect(parentPrefix('c.txt')).toBe('')
    expect(parentPrefix('a//')).toBe('a/')
  })

  it('rebuilds the key from its parent and name', () => {
    for (const key of ['a/b/c.txt', 'a/b/', 'x', 'x/']) {
      const name = keyName(key)
      expect(parentPrefix(key) + name + (key.endsWith('/') ? '/' : '')).toBe(key)
    }
  })
})
