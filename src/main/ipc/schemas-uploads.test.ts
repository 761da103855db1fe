import { describe, expect, it } from 'vitest'
import type { InvokeArgs } from '../../shared/ipc-contract'
import { MAX_SINGLE_UPLOAD_BYTES } from '../../shared/upload-links'
import { ipcSchemas } from './schemas'

type UploadArgs = InvokeArgs<'links:create-upload'>

const put: UploadArgs = {
  profileId: 'dev',
  bucket: 'inbox',
  destination: { kind: 'key', key: 'reports/q1.pdf' },
  method: 'PUT',
  expiresInSeconds: 3600
}

const post: UploadArgs = {
  ...put,
  destination: { kind: 'prefix', prefix: 'drop/' },
  method: 'POST',
  minBytes: 0,
  maxBytes: 25_000_000
}

/** The messages a request is refused with, or [] when it passes. */
function refusal(args: unknown): string[] {
  const parsed = ipcSchemas['links:create-upload'].safeParse(args)
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)
}

describe('the links:create-upload schema', () => {
  it.each<[string, UploadArgs]>([
    ['a PUT link', put],
    [
      'a PUT link with a type and a page',
      {
        ...put,
        label: 'from Ana',
        contentType: { kind: 'exact', contentType: 'text/csv; charset=utf-8' },
        page: { key: '.s3-share/upload-1a2b.html', title: 'Send the report', note: 'Thanks!' }
      }
    ],
    ['a POST link under a folder', post],
    [
      'a POST link of exactly 5 GiB for images',
      {
        ...post,
        maxBytes: MAX_SINGLE_UPLOAD_BYTES,
        contentType: { kind: 'starts-with', prefix: 'image/' },
        page: null
      }
    ],
    ['a link of 7 days', { ...put, expiresInSeconds: 604_800 }],
    ['a link of 1 second', { ...put, expiresInSeconds: 1 }]
  ])('accepts %s', (_, args) => {
    expect(refusal(args)).toEqual([])
    expect(ipcSchemas['links:create-upload'].parse(args)).toEqual(args)
  })

  it.each<[string, unknown, RegExp]>([
    ['no expiry', { ...put, expiresInSeconds: 0 }, /at least 1 second/],
    ['more than 7 days', { ...put, expiresInSeconds: 604_801 }, /at most 7 days/],
    ['part of a second', { ...put, expiresInSeconds: 1.5 }, /whole number of seconds/],
    [
      'more than 5 GiB',
      { ...post, maxBytes: MAX_SINGLE_UPLOAD_BYTES + 1 },
      /at most 5 GiB \(5368709120 bytes\)/
    ],
    ['a maximum of 0 bytes', { ...post, maxBytes: 0 }, /at least 1 byte/],
    ['a negative minimum', { ...post, minBytes: -1 }, /0 bytes or more/],
    ['a fractional size', { ...post, maxBytes: 1.5 }, /whole number of bytes/],
    [
      'a minimum above the maximum',
      { ...post, minBytes: 2000, maxBytes: 1000 },
      /minimum size \(2000 bytes\) is larger than the maximum/
    ],
    [
      'a Content-Type with a comma',
      { ...put, contentType: { kind: 'exact', contentType: 'text/csv,text/plain' } },
      /the Content-Type contains a comma/
    ],
    [
      'a Content-Type that is no media type',
      { ...put, contentType: { kind: 'exact', contentType: 'pdf' } },
      /is not a media type/
    ],
    [
      'an empty type prefix',
      { ...post, contentType: { kind: 'starts-with', prefix: '' } },
      /the Content-Type prefix is empty/
    ],
    ['a key S3 cannot store', { ...put, destination: { kind: 'key', key: '' } }, /empty/],
    ['a PUT link to a folder', { ...put, destination: post.destination }, /PUT link writes one/],
    ['a PUT link with a size limit', { ...put, maxBytes: 10 }, /cannot limit the size/],
    [
      'a page where the file goes',
      { ...put, page: { key: 'reports/q1.pdf' } },
      /the upload would replace the page/
    ],
    [
      'a page inside the folder',
      { ...post, page: { key: 'drop/page.html' } },
      /inside `drop\/`, which receives the uploads/
    ],
    ['a title too long', { ...put, page: { key: 'p.html', title: 'x'.repeat(201) } }, /200/],
    ['a note too long', { ...put, page: { key: 'p.html', note: 'x'.repeat(2001) } }, /2000/],
    ['an unknown method', { ...put, method: 'DELETE' }, /PUT|POST/],
    ['an unknown field', { ...put, acl: 'public-read' }, /acl/]
  ])('refuses %s, saying why', (_, args, message) => {
    const messages = refusal(args)
    expect(messages.length).toBeGreaterThan(0)
    expect(messages.join('\n')).toMatch(message)
  })
})

describe('the links:received and links:forget schemas', () => {
  it('take a link id, and forget takes deletePage', () => {
    expect(ipcSchemas['links:received'].safeParse({ id: 'abc' }).success).toBe(true)
    expect(ipcSchemas['links:received'].safeParse({ id: '' }).success).toBe(false)
    expect(ipcSchemas['links:forget'].safeParse({ id: 'abc', deletePage: true }).success).toBe(true)
    expect(ipcSchemas['links:forget'].safeParse({ id: 'abc' }).success).toBe(true)
    expect(ipcSchemas['links:forget'].safeParse({ id: 'abc', deletePage: 'yes' }).success).toBe(
      false
    )
  })
})
