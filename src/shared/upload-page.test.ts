import { describe, expect, it } from 'vitest'
import { AppError } from './errors'
import type { PostUploadLink, PutUploadLink } from './upload-links'
import {
  escapeHtml,
  renderUploadPage,
  scriptJson,
  UPLOAD_PAGE_SCRIPT,
  type UploadPageConfig,
  type UploadPageOptions
} from './upload-page'

const ORIGIN = 'https://inbox-bucket.s3.eu-west-2.amazonaws.com'

const putLink: PutUploadLink = {
  method: 'PUT',
  url: `${ORIGIN}/in/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc&X-Amz-SignedHeaders=content-type%3Bhost`,
  headers: { 'Content-Type': 'application/pdf' },
  bucket: 'inbox-bucket',
  key: 'in/report.pdf',
  contentType: 'application/pdf',
  signedAt: '2030-01-02T03:04:05.000Z',
  expiresAt: '2030-01-02T04:04:05.000Z'
}

const postLink: PostUploadLink = {
  method: 'POST',
  url: `${ORIGIN}/`,
  fields: {
    key: 'in/<b>"quoted"</b>\r\n${filename}',
    success_action_status: '201',
    bucket: 'inbox-bucket',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    Policy: 'eyJ9',
    'X-Amz-Signature': 'abc'
  },
  contentTypeField: { startsWith: 'image/' },
  bucket: 'inbox-bucket',
  destination: { kind: 'prefix', prefix: 'in/<b>"quoted"</b>\r\n' },
  limits: {
    minBytes: 0,
    maxBytes: 25_000_000,
    contentType: { kind: 'starts-with', prefix: 'image/' }
  },
  conditions: [],
  signedAt: '2030-01-02T03:04:05.000Z',
  expiresAt: '2030-01-03T03:04:05.000Z'
}

/** Renders with a recording hash function: the test sees exactly what was hashed. */
function render(options: Partial<UploadPageOptions> & Pick<UploadPageOptions, 'link'>) {
  const hashed: string[] = []
  const page = renderUploadPage({
    sha256Base64: (text) => {
      hashed.push(text)
      return `hash${hashed.length}`
    },
    ...options
  })
  return { ...page, hashed }
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start)
  const to = text.indexOf(end, from + start.length)
  if (from < 0 || to < 0) throw new Error(`no ${start}…${end}`)
  return text.slice(from + start.length, to)
}

function configOf(html: string): UploadPageConfig {
  return JSON.parse(between(html, 'UploadPage.start(', ');\n</script>')) as UploadPageConfig
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
}

/** The page script's pure functions, evaluated as the browser would run them. */
const pageScript = new Function(`${UPLOAD_PAGE_SCRIPT}\nreturn UploadPage;`)() as {
  classifyFailure(method: string, status: number, code: string, message: string): string
  remainingInWords(ms: number): string
  sizeInWords(bytes: number): string
}

describe('the upload page', () => {
  it('allows only its own inline script and style, by hash, and connects only to the bucket', () => {
    const { html, contentSecurityPolicy, hashed } = render({ link: postLink })
    const script = between(html, '<script>', '</script>')
    const style = between(html, '<style>', '</style>')
    expect(hashed).toEqual([script, style])
    expect(contentSecurityPolicy).toBe(
      `default-src 'none'; script-src 'sha256-hash1'; style-src 'sha256-hash2'; connect-src ${ORIGIN}; form-action ${ORIGIN}; base-uri 'none'`
    )
    expect(
      decodeEntities(between(html, 'http-equiv="Content-Security-Policy" content="', '"'))
    ).toBe(contentSecurityPolicy)
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html.match(/<style/g)).toHaveLength(1)
  })

  it('loads nothing from anywhere: no src, href, url() or @import', () => {
    for (const link of [putLink, postLink]) {
      const { html } = render({ link })
      expect(html).not.toMatch(/\ssrc=|\shref=|url\(|@import/i)
    }
  })

  it('lets a PUT page post no form, and refuses keys a browser would rewrite', () => {
    const { contentSecurityPolicy, html } = render({ link: putLink })
    expect(contentSecurityPolicy).toContain("form-action 'none'")
    expect(html).toContain('<form id="upload-form">')
    expect(() => render({ link: { ...putLink, key: 'in/../x.pdf' } })).toThrow(AppError)
  })

  it('states the limits, the destination and the expiry in words', () => {
    const put = render({ link: putLink }).html
    expect(put).toContain('Send one file: up to 5.3 GB, PDF documents only.')
    expect(put).toContain('It will be saved as “report.pdf”.')
    expect(put).toContain('<time datetime="2030-01-02T04:04:05.000Z">2030-01-02 04:04 UTC</time>')
    const post = render({ link: postLink }).html
    expect(post).toContain(
      'Send one file at a time: up to 25 MB, images only. Each file keeps its own name.'
    )
    expect(post).toContain('accept="image/*"')
  })

  it('counts down to the real expiry when credentials end the link sooner', () => {
    const { html } = render({ link: putLink, expiresAt: '2030-01-02T03:30:00.000Z' })
    expect(configOf(html).expiresAt).toBe(Date.parse('2030-01-02T03:30:00.000Z'))
    const later = render({ link: putLink, expiresAt: '2031-01-01T00:00:00.000Z' })
    expect(configOf(later.html).expiresAt).toBe(Date.parse(putLink.expiresAt))
  })

  it('escapes the title, the note and every field, and keeps their values exact', () => {
    const { html } = render({
      link: postLink,
      title: 'Send <img src=x onerror=alert(1)> to “Zoë”',
      note: "Hi! </script><script>alert('x')</script>\nSecond line & more"
    })
    expect(html).not.toContain('<img')
    expect(html).not.toContain("<script>alert('x')")
    expect(html).toContain('<title>Send &#60;img src=x onerror=alert(1)&#62; to “Zoë”</title>')
    expect(decodeEntities(between(html, '<p class="note">', '</p>'))).toBe(
      "Hi! </script><script>alert('x')</script>\nSecond line & more"
    )
    const inputs = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
      ([, name, value]) => [decodeEntities(name!), decodeEntities(value!)]
    )
    expect(inputs).toEqual([...Object.entries(postLink.fields), ['Content-Type', 'image/']])
  })

  it('puts the form fields in order, then Content-Type, and the file last', () => {
    const { html } = render({ link: postLink })
    const form = between(html, '<form', '</form>')
    const names = [...form.matchAll(/name="([^"]*)"/g)].map(([, name]) => decodeEntities(name!))
    expect(names).toEqual([...Object.keys(postLink.fields), 'Content-Type', 'file'])
    expect(form).toContain(`action="${ORIGIN}/"`)
    expect(form).toContain('enctype="multipart/form-data"')
  })

  it('gives its script the exact link, as ASCII-only JSON that cannot end the script early', () => {
    const { html } = render({ link: postLink })
    const script = between(html, '<script>', '</script>')
    expect(script).toMatch(/^[\x20-\x7e\n]*$/)
    const config = configOf(html)
    expect(config.fields).toEqual(postLink.fields)
    expect(config.url).toBe(postLink.url)
    expect(config.contentTypeStartsWith).toBe('image/')
    expect(config.messages.tooLarge).toBe('The file is larger than 25 MB. Choose a smaller file.')
    expect(config.messages.wrongType).toBe('Only images can be uploaded here.')
    expect(scriptJson('</script><!--\u2028é')).toBe(
      '"\\u003c/script\\u003e\\u003c!--\\u2028\\u00e9"'
    )
  })

  it('escapes the five HTML specials and the characters a parser would rewrite', () => {
    expect(escapeHtml(`<a href="x">'&'</a>\r\n\t`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;&#13;&#10;&#9;'
    )
  })
})

describe("the page script's plain words", () => {
  it.each([
    [400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 'tooLarge'],
    [
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
      'tooSmall'
    ],
    [403, 'AccessDenied', 'Request has expired', 'expired'],
    [403, 'AccessDenied', 'Invalid according to Policy: Policy expired.', 'expired'],
    [400, 'ExpiredToken', 'The provided token has expired.', 'expired'],
    [
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$Content-Type", "image/"]',
      'wrongType'
    ],
    [
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "in/"]',
      'rules'
    ],
    [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match', 'damaged'],
    [403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist', 'revoked'],
    [
      501,
      'NotImplemented',
      'A header you provided implies functionality that is not implemented.',
      'notSupported'
    ],
    [405, 'MethodNotAllowed', 'The specified method is not allowed', 'notSupported'],
    [404, 'NoSuchBucket', 'The specified bucket does not exist', 'noBucket'],
    [403, 'AccessDenied', 'Access Denied', 'refused'],
    [403, '', '', 'refused'],
    [503, 'SlowDown', 'Please reduce your request rate.', 'server'],
    [500, '', '', 'server'],
    [0, '', '', 'network'],
    [400, 'InvalidArgument', 'whatever', 'other']
  ])('explains HTTP %s %s (%s) as %s', (status, code, message, kind) => {
    expect(pageScript.classifyFailure('PUT', status, code, message)).toBe(kind)
    expect(pageScript.classifyFailure('POST', status, code, message)).toBe(kind)
  })

  it.each([400, 404, 412])(
    'takes a form POST answered %s with no S3 error as a store that cannot take form uploads',
    (status) => {
      expect(pageScript.classifyFailure('POST', status, '', '')).toBe('notSupported')
      expect(pageScript.classifyFailure('PUT', status, '', '')).toBe('other')
    }
  )

  it('counts down in words', () => {
    expect(pageScript.remainingInWords(2 * 86_400_000 + 3 * 3_600_000 + 5_000)).toBe(
      '2 days 3 hours'
    )
    expect(pageScript.remainingInWords(86_400_000)).toBe('1 day')
    expect(pageScript.remainingInWords(3 * 3_600_000 + 12 * 60_000 + 59_999)).toBe(
      '3 hours 12 minutes'
    )
    expect(pageScript.remainingInWords(60_000)).toBe('1 minute')
    expect(pageScript.remainingInWords(45_999)).toBe('45 seconds')
    expect(pageScript.remainingInWords(-5)).toBe('0 seconds')
  })

  it('shows file sizes in the units of the limits', () => {
    expect(pageScript.sizeInWords(1)).toBe('1 byte')
    expect(pageScript.sizeInWords(1_234_567)).toBe('1.2 MB')
    expect(pageScript.sizeInWords(250_000_000)).toBe('250 MB')
  })
})
