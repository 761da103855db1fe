import { describe, expect, it } from 'vitest'
import {
  defaultPageKey,
  formProblems,
  initialReceiveForm,
  pageWithinUploads,
  parseSize,
  updateForm,
  uploadRequest,
  type ReceiveForm
} from './receive-form'

const target = { profileId: 'dev', bucket: 'acme-data', prefix: 'inbox/2025/' }

function form(patch: Partial<ReceiveForm> = {}): ReceiveForm {
  return updateForm(target, initialReceiveForm(target, 'abc123'), patch)
}

describe('the receive form', () => {
  it('starts as a POST for any file name, up to 100 MB, its page key outside the folder', () => {
    const start = initialReceiveForm(target, 'abc123')
    expect(start).toMatchObject({ destination: 'prefix', method: 'POST', maxAmount: '100' })
    expect(start.pageKey).toBe('inbox/.s3-share/upload-abc123.html')
    expect(formProblems(target, start)).toEqual({})
    expect(uploadRequest(target, start, 3600)).toEqual({
      profileId: 'dev',
      bucket: 'acme-data',
      destination: { kind: 'prefix', prefix: 'inbox/2025/' },
      method: 'POST',
      expiresInSeconds: 3600,
      label: '',
      maxBytes: 100_000_000,
      minBytes: 0,
      contentType: null
    })
  })

  it('keeps the page in the folder itself for an exact name, which no uploader can change', () => {
    expect(form({ destination: 'key' }).pageKey).toBe('inbox/2025/.s3-share/upload-abc123.html')
    expect(defaultPageKey('', 'prefix', 'x')).toBe('.s3-share/upload-x.html')
  })

  it('stops following the destination once the user edits the page key', () => {
    const edited = form({ pageKey: 'pages/drop.html' })
    expect(updateForm(target, edited, { destination: 'key' }).pageKey).toBe('pages/drop.html')
  })

  it('switches to POST when "any file name" is chosen: a PUT names one key', () => {
    const put = form({ destination: 'key', method: 'PUT' })
    expect(put.method).toBe('PUT')
    expect(updateForm(target, put, { destination: 'prefix' }).method).toBe('POST')
  })

  it('sends a PUT for the exact key with its Content-Type bound, or none', () => {
    const put = form({ destination: 'key', method: 'PUT', fileName: ' report.pdf ' })
    expect(uploadRequest(target, { ...put, putType: 'application/pdf' }, 60)).toMatchObject({
      destination: { kind: 'key', key: 'inbox/2025/report.pdf' },
      method: 'PUT',
      contentType: { kind: 'exact', contentType: 'application/pdf' }
    })
    const untyped = uploadRequest(target, put, 60)
    expect(untyped.contentType).toBeNull()
    expect(untyped).not.toHaveProperty('maxBytes')
  })

  it('names what is wrong with an exact name', () => {
    const problem = (fileName: string) =>
      formProblems(target, form({ destination: 'key', fileName })).fileName
    expect(problem('')).toMatch(/Type the name/)
    expect(problem('photos/')).toMatch(/names a folder/)
    expect(problem('${filename}.pdf')).toMatch(/Any file name/)
    expect(problem('x'.repeat(1020))).toMatch(/longer than 1024 bytes/)
    expect(problem('sub/report.pdf')).toBeUndefined()
  })

  it('refuses a size limit above S3’s 5 GiB, and a minimum above the maximum', () => {
    expect(formProblems(target, form({ maxAmount: '5.36', maxUnit: 'GB' }))).toEqual({})
    expect(formProblems(target, form({ maxAmount: '5.4', maxUnit: 'GB' })).maxSize).toMatch(
      /S3 refuses a single upload above 5 GiB \(5,368,709,120 bytes/
    )
    expect(formProblems(target, form({ maxAmount: '0' })).maxSize).toMatch(/above 0/)
    expect(formProblems(target, form({ maxAmount: 'lots' })).maxSize).toMatch(/Enter a size/)
    expect(
      formProblems(target, form({ maxAmount: '1', maxUnit: 'MB', minAmount: '2', minUnit: 'MB' }))
        .minSize
    ).toMatch(/above the largest/)
  })

  it('sends sizes in decimal bytes and the content-type rule', () => {
    const limited = form({
      maxAmount: '2.5',
      maxUnit: 'GB',
      minAmount: '10',
      minUnit: 'KB',
      typeRule: 'starts-with',
      typeValue: 'image/'
    })
    expect(uploadRequest(target, limited, 60)).toMatchObject({
      maxBytes: 2_500_000_000,
      minBytes: 10_000,
      contentType: { kind: 'starts-with', prefix: 'image/' }
    })
    const exact = form({ typeRule: 'exact', typeValue: 'text/csv' })
    expect(uploadRequest(target, exact, 60).contentType).toEqual({
      kind: 'exact',
      contentType: 'text/csv'
    })
  })

  it('names a Content-Type S3 could not compare', () => {
    expect(formProblems(target, form({ typeRule: 'exact', typeValue: 'pdf' })).typeValue).toMatch(
      /is not a media type/
    )
    expect(
      formProblems(target, form({ typeRule: 'starts-with', typeValue: 'image/,video/' })).typeValue
    ).toMatch(/comma/)
    expect(
      formProblems(target, form({ destination: 'key', fileName: 'a', method: 'PUT', putType: 'x' }))
        .putType
    ).toMatch(/The Content-Type is not a media type/)
  })

  it('adds the page with its title and note, and refuses a page where the upload goes', () => {
    const page = form({ page: true, pageTitle: ' Send your invoice ', pageNote: '' })
    expect(uploadRequest(target, page, 60).page).toEqual({
      key: 'inbox/.s3-share/upload-abc123.html',
      title: 'Send your invoice'
    })
    const clash = form({
      destination: 'key',
      fileName: 'drop.html',
      page: true,
      pageKey: 'inbox/2025/drop.html'
    })
    expect(formProblems(target, clash).pageKey).toMatch(/the upload would replace it/)
    expect(formProblems(target, form({ page: true, pageKey: ' ' })).pageKey).toMatch(/Type where/)
  })

  it('refuses a page inside the folder a link for any name writes to', () => {
    expect(formProblems(target, form({ page: true }))).toEqual({})
    expect(formProblems(target, form({ page: true, pageKey: 'inbox/2025/p.html' })).pageKey).toBe(
      'The page would be inside `inbox/2025/`, which receives the uploads: an uploader could replace it. Store it outside that folder.'
    )
    const exact = form({ page: true, destination: 'key', fileName: 'a', pageKey: 'inbox/2025/p' })
    expect(formProblems(target, exact)).toEqual({})
    expect(pageWithinUploads(target, form({ page: true }))).toBe(false)
  })

  it('warns, rather than refuses, at the bucket’s root, where nothing is outside', () => {
    const root = { ...target, prefix: '' }
    const atRoot = updateForm(root, initialReceiveForm(root, 'abc123'), { page: true })
    expect(atRoot.pageKey).toBe('.s3-share/upload-abc123.html')
    expect(formProblems(root, atRoot)).toEqual({})
    expect(pageWithinUploads(root, atRoot)).toBe(true)
  })

  it('parses sizes with units', () => {
    expect(parseSize('1.5', 'MB')).toEqual({ ok: true, bytes: 1_500_000 })
    expect(parseSize('-1', 'KB').ok).toBe(false)
    expect(parseSize('', 'KB').ok).toBe(false)
  })
})
