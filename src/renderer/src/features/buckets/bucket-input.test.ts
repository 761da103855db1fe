import { describe, expect, it } from 'vitest'
import { parseBucketInput } from './bucket-input'

describe('parseBucketInput', () => {
  it('opens a bare bucket name at its root', () => {
    expect(parseBucketInput(' my-bucket ')).toEqual({ bucket: 'my-bucket', prefix: '' })
  })

  it('opens an s3:// URI pasted from the CLI at its folder', () => {
    expect(parseBucketInput('s3://logs/2024/03/')).toEqual({ bucket: 'logs', prefix: '2024/03/' })
    expect(parseBucketInput('s3://logs/2024/03/app.log')).toEqual({
      bucket: 'logs',
      prefix: '2024/03/'
    })
    expect(parseBucketInput('s3://logs')).toEqual({ bucket: 'logs', prefix: '' })
  })

  it('ignores text that cannot be a bucket', () => {
    expect(parseBucketInput('two words')).toBeNull()
    expect(parseBucketInput('')).toBeNull()
  })
})
