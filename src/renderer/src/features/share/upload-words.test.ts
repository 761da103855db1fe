import { describe, expect, it } from 'vitest'
import type { ReceivedFiles, UploadLinkDetails } from '../../../../shared/models'
import {
  destinationInWords,
  destinationName,
  receivedInWords,
  recentInWords,
  uploadKindLabel,
  uploadLimitsInWords
} from './upload-words'

function details(patch: Partial<UploadLinkDetails>): UploadLinkDetails {
  return {
    kind: 'post',
    uploadMethod: 'POST',
    destination: { kind: 'prefix', prefix: 'inbox/' },
    contentType: null,
    minBytes: 0,
    maxBytes: 100_000_000,
    fields: {},
    headers: null,
    uploadUrl: 'https://s3.example.com/acme',
    command: 'curl',
    pageKey: null,
    ...patch
  }
}

function received(files: number, bytes: number, keys: string[] = []): ReceivedFiles {
  return {
    linkId: 'l',
    files,
    bytes,
    recent: keys.map((key) => ({ key, size: 1_200_000, lastModified: null })),
    checkedAt: '2025-11-28T14:00:00.000Z'
  }
}

describe('upload links in words', () => {
  it('names the three kinds', () => {
    expect(['put', 'post', 'page'].map((kind) => uploadKindLabel({ kind } as never))).toEqual([
      'Upload · PUT',
      'Upload · POST',
      'Upload page'
    ])
  })

  it('says where files land', () => {
    expect(destinationInWords(details({}))).toBe('inbox/any file name')
    expect(destinationName(details({}))).toBe('Any file name')
    const exact = details({ destination: { kind: 'key', key: 'inbox/report.pdf' } })
    expect(destinationInWords(exact)).toBe('inbox/report.pdf')
    expect(destinationName(exact)).toBe('report.pdf')
  })

  it('gives a POST link’s limits and says a PUT cannot limit the size', () => {
    expect(
      uploadLimitsInWords(
        details({ contentType: { kind: 'starts-with', prefix: 'image/' }, minBytes: 1000 })
      )
    ).toBe('1 KB to 100 MB, images only')
    expect(
      uploadLimitsInWords(
        details({
          uploadMethod: 'PUT',
          maxBytes: null,
          minBytes: null,
          contentType: { kind: 'exact', contentType: 'application/pdf' }
        })
      )
    ).toBe('PDF documents only, any size')
  })

  it('says what has arrived, newest first', () => {
    expect(receivedInWords(received(0, 0), 'en-US')).toBe('No files yet')
    expect(receivedInWords(received(1, 2_100_000), 'en-US')).toBe('1 file · 2.1 MB')
    expect(receivedInWords(received(2, 3_400_000), 'en-US')).toBe('2 files · 3.4 MB')
    expect(recentInWords(received(7, 1, ['inbox/a.pdf', 'inbox/b.png']), 'en-US')).toBe(
      'a.pdf (1.2 MB)\nb.png (1.2 MB)\nand 5 more'
    )
  })
})
