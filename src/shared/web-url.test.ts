import { describe, expect, it } from 'vitest'
import { AppError } from './errors'
import { MAX_WEB_URL_LENGTH, normalizeWebUrl, webUrlToOpen } from './web-url'

describe('normalizeWebUrl', () => {
  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['http://127.0.0.1:8080/b?x=1#top', 'http://127.0.0.1:8080/b?x=1#top'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['hTtP://example.com', 'http://example.com/'],
    ['https://bücher.example/straße', 'https://xn--bcher-kva.example/stra%C3%9Fe'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['https://[::1]:9000/x', 'https://[::1]:9000/x'],
    [
      'https://photos.s3.eu-west-2.amazonaws.com/a%20b.jpg?X-Amz-Signature=abc',
      'https://photos.s3.eu-west-2.amazonaws.com/a%20b.jpg?X-Amz-Signature=abc'
    ]
  ])('opens %j as %j', (raw, href) => {
    expect(normalizeWebUrl(raw)).toBe(href)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ftp://example.com/x',
    'mailto:a@example.com',
    's3-share-manager://open',
    'about:blank',
    'not a url',
    '',
    '//example.com/x'
  ])('refuses the scheme of %j', (raw) => {
    expect(normalizeWebUrl(raw)).toBeNull()
  })

  it.each([
    'https://user:pw@example.com/',
    'https://user@example.com/',
    'https://:pw@example.com/',
    'https://bank.example.com@evil.example/'
  ])('refuses credentials in %j', (raw) => {
    expect(normalizeWebUrl(raw)).toBeNull()
  })

  it.each([
    'https://x/\u0000',
    'http://x\ny',
    'https://example.com/\r\nSet-Cookie: a=b',
    'java\tscript:alert(1)',
    'https://exa\tmple.com/',
    '\thttps://example.com/',
    'https://example.com/\u007f',
    'https://example.com/\u0085',
    'https://example.com/\u001b[31m'
  ])('refuses control characters anywhere in %j, which URL parsing would strip', (raw) => {
    expect(normalizeWebUrl(raw)).toBeNull()
  })

  it.each(['https://', 'http://', 'https:', 'http:/', 'https:///', 'https://:443/'])(
    'refuses %j, which has no host',
    (raw) => {
      expect(normalizeWebUrl(raw)).toBeNull()
    }
  )

  it('refuses a URL too long for the browser to be handed, and takes one just short of it', () => {
    const base = 'https://example.com/'
    const fits = base + 'a'.repeat(MAX_WEB_URL_LENGTH - base.length)
    const tooLong = fits + 'a'
    const elevenMegabytes = base + 'a'.repeat(11 * 1024 * 1024)

    expect(normalizeWebUrl(fits)).toBe(fits)
    expect(normalizeWebUrl(tooLong)).toBeNull()
    expect(normalizeWebUrl(elevenMegabytes)).toBeNull()
  })

  it('gives the same answer for its own output', () => {
    const href = normalizeWebUrl('HTTPS://bücher.example/a b')!
    expect(normalizeWebUrl(href)).toBe(href)
  })
})

describe('webUrlToOpen', () => {
  it('hands on the normalized link and refuses others with a clear invalid-argument error', () => {
    expect(webUrlToOpen('HTTPS://Example.com')).toBe('https://example.com/')
    const refuse = () => webUrlToOpen('https://user:pw@example.com/')
    expect(refuse).toThrow(AppError)
    expect(refuse).toThrow(expect.objectContaining({ code: 'invalid-argument' }))
    expect(refuse).toThrow(/Only plain http and https links open in the browser/)
  })
})
