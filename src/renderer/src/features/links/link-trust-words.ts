import type { IssuedLink, LinkTestOutcome } from '../../../../shared/models'

/** A self-test's outcome in two or three words, for the row; the full message is its title. */
const OUTCOME_WORDS: Record<LinkTestOutcome, string> = {
  works: 'Works',
  'signature-mismatch': 'Wrong signature',
  'unknown-access-key': 'Unknown key',
  'access-denied': 'Access denied',
  'object-missing': 'Object gone',
  'wrong-region': 'Wrong region',
  expired: 'Expired',
  unreachable: 'Unreachable',
  throttled: 'Throttled',
  'server-error': 'Server error',
  failed: 'Failed',
  'not-tested': 'Not tested'
}

export type TestTone = 'works' | 'failed' | 'untested'

/** What the row says about a link's self-test: short words, a tone, and the whole story. */
export function selfTestSummary(link: IssuedLink): {
  words: string
  tone: TestTone
  detail: string
} {
  if (link.upload) {
    return {
      words: 'Not tested',
      tone: 'untested',
      detail: 'Upload links are not tested by uploading: a test would put a file in the bucket.'
    }
  }
  const test = link.selfTest
  if (!test || test.outcome === 'not-tested') {
    return { words: 'Not tested', tone: 'untested', detail: 'This link has not been tested.' }
  }
  if (test.outcome === 'works') {
    return { words: 'Works', tone: 'works', detail: test.message }
  }
  const code = [test.s3Code, test.httpStatus === null ? null : `HTTP ${test.httpStatus}`]
    .filter(Boolean)
    .join(', ')
  return {
    words: `Failed: ${OUTCOME_WORDS[test.outcome]}`,
    tone: 'failed',
    detail: code ? `${test.message} (${code})` : test.message
  }
}

/** What watching a link does, for the bell's title and the details. */
export function watchExplanation(link: IssuedLink): string {
  return link.upload
    ? 'Notify 10 minutes before it expires, when it expires, and when files arrive.'
    : 'Notify 10 minutes before it expires and when it expires.'
}

/** "version 3HL4kqtJ…", "opens in browser", a type: how a download link was signed, when unusual. */
export function signingNotes(link: IssuedLink): string[] {
  const notes: string[] = []
  if (link.versionId) notes.push(`version ${shortVersion(link.versionId)}`)
  // Attachment is the default: only the exception is worth a word.
  if (link.disposition === 'inline') notes.push('opens in browser')
  if (link.responseContentType) notes.push(link.responseContentType)
  return notes
}

/** A version id is long and opaque; its start tells versions apart. */
export function shortVersion(versionId: string): string {
  return versionId.length > 12 ? `${versionId.slice(0, 10)}…` : versionId
}
