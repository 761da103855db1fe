import { describe, expect, it } from 'vitest'
import { parseBucketInput } from './bucket-input'

describe('parseBucketInput', () => {
  it('opens a bare bucket name at its root', () => {
    expect(parseBucketInput(' my-bucket ')).toEqual({
      location: { bucket: 'my-bucket', prefix: '' },
      kind: 'name'
    })
  })

  it('opens an s3:// URI pasted from the CLI at its folder', () => {
    expect(parseBucketInput('s3://logs/2024/03/')).toEqual({
      location: { bucket: 'logs', prefix: '2024/03/' },
      kind: 'uri'
    })
    expect(parseBucketInput('s3://logs/2024/03/app.log')?.location).toEqual({
      bucket: 'logs',
      prefix: '2024/03/'
    })
    expect(parseBucketInput('s3://logs')).toEqual({
      location: { bucket: 'logs', prefix: '' },
      kind: 'uri'
    })
  })

  it('ignores text that cannot be a bucket', () => {
    expect(parseBucketInput('two words')).toBeNull()
    expect(parseBucketInput('')).toBeNull()
  })
})
