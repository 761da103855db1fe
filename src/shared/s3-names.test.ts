import { describe, expect, it } from 'vitest'
import {
  assertBucketName,
  assertObjectKey,
  assertPrefix,
  bucketNameProblem,
  MAX_KEY_BYTES,
  objectKeyProblem,
  prefixProblem
} from './s3-names'

describe('bucket names', () => {
  it.each([
    'photos',
    'my.bucket-2024',
    // AWS refuses these, but MinIO, Ceph or Swift accept them: they must keep working.
    'Legacy_Bucket',
    'ab',
    'a'.repeat(200),
    'données'
  ])('accepts %j', (name) => {
    expect(bucketNameProblem(name)).toBeNull()
  })

  it.each([
    ['', /is empty/],
    ['.', /`\.` or `\.\.`/],
    ['..', /`\.` or `\.\.`/],
    ['a/b', /contains `\/`/],
    ['/', /contains `\/`/],
    ['a\u0000b', /control character U\+0000/],
    ['tab\there', /control character U\+0009/],
    ['nl\n', /control character U\+000A/],
    ['c1\u0085', /control character U\+0085/],
    ['broken\ud800', /lone UTF-16 surrogate/],
    ['a'.repeat(256), /longer than 255 bytes/]
  ])('refuses %j, saying why', (name, why) => {
    expect(bucketNameProblem(name)).toMatch(why)
  })

  it('refuses with invalid-argument and a message quoting the name cleanly', () => {
    expect(() => assertBucketName('..')).toThrow(
      expect.objectContaining({
        code: 'invalid-argument',
        message:
          'Bucket name `..` cannot be used: it is `.` or `..`, which URLs read as a step in the path, not as a name.'
      })
    )
    expect(() => assertBucketName('a\u0000b')).toThrow(/Bucket name `a\\u0000b` cannot be used/)
    expect(() => assertBucketName('')).toThrow('The bucket name is empty.')
    expect(() => assertBucketName('photos')).not.toThrow()
  })
})

describe('keys and prefixes', () => {
  it.each(['a.txt', 'a b/ü+😀.jpg', 'line\nbreak', 'tab\t', '../up', 'a'.repeat(MAX_KEY_BYTES)])(
    'accepts the key %j, which S3 can store',
    (key) => {
      expect(objectKeyProblem(key)).toBeNull()
      expect(prefixProblem(key)).toBeNull()
    }
  )

  it.each([
    ['', /is empty/],
    ['a\u0000b', /NUL character/],
    ['\u0000', /NUL character/],
    ['a\ud800', /lone UTF-16 surrogate/],
    ['\udfffb', /lone UTF-16 surrogate/],
    ['a'.repeat(MAX_KEY_BYTES + 1), /longer than 1024 bytes/],
    ['é'.repeat(513), /longer than 1024 bytes/]
  ])('refuses the key %j, saying why', (key, why) => {
    expect(objectKeyProblem(key)).toMatch(why)
  })

  it('lets the prefix be empty (the top of the bucket) but not broken', () => {
    expect(prefixProblem('')).toBeNull()
    expect(prefixProblem('dir\u0000/')).toMatch(/NUL/)
    expect(prefixProblem('dir\udc00/')).toMatch(/surrogate/)
  })

  it('refuses with invalid-argument, quoting a huge key short and clean', () => {
    const huge = '\u0000'.repeat(11 * 1024 * 1024)
    let message = ''
    try {
      assertObjectKey(huge)
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid-argument' })
      message = (error as Error).message
    }
    expect(message.length).toBeLessThan(400)
    expect(message).toContain('longer than 1024 bytes')
    expect(message).not.toContain('\u0000')

    expect(() => assertPrefix('a\u0000')).toThrow(
      'Prefix `a\\u0000` cannot be used: it contains a NUL character (U+0000), which S3 cannot store in a key.'
    )
    expect(() => assertObjectKey('')).toThrow('The key is empty.')
  })
})
