import { describe, expect, it } from 'vitest'
import { hasDotSegments, keyBaseName } from './object-key'

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
