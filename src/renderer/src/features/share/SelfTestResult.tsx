import type { IssuedLink, LinkSelfTest, LinkTestOutcome } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { Note } from './Note'

/** Each failed outcome in a few words, for the line under the message. */
const OUTCOME_WORDS: Record<LinkTestOutcome, string> = {
  works: 'works',
  'signature-mismatch': 'wrong secret key or signature',
  'unknown-access-key': 'unknown access key',
  'access-denied': 'access denied',
  'object-missing': 'object, version or bucket not found',
  'wrong-region': 'wrong region',
  expired: 'expired',
  unreachable: 'server unreachable',
  throttled: 'server busy',
  'server-error': 'server error',
  failed: 'failed',
  'not-tested': 'not tested'
}

/** The self-test found the link does not work (a link that was not tested has not failed). */
export function selfTestFailed(link: IssuedLink): boolean {
  const outcome = link.selfTest?.outcome
  return outcome !== undefined && outcome !== 'works' && outcome !== 'not-tested'
}

/** "Outcome signature-mismatch (wrong secret key or signature) · S3 code SignatureDoesNotMatch · HTTP 403". */
export function selfTestDetails(selfTest: LinkSelfTest): string {
  return [
    `Outcome ${selfTest.outcome} (${OUTCOME_WORDS[selfTest.outcome]})`,
    selfTest.s3Code ? `S3 code ${selfTest.s3Code}` : null,
    selfTest.httpStatus !== null ? `HTTP ${selfTest.httpStatus}` : 'no answer'
  ]
    .filter((part) => part !== null)
    .join(' · ')
}

/**
 * What fetching the new link once found: it works, it was not tested, or exactly why it does
 * not work, with S3's code, in a warning that says it was not copied.
 */
export function SelfTestResult({ link }: { link: IssuedLink }) {
  const { selfTest } = link
  if (!selfTest || selfTest.outcome === 'not-tested') {
    return (
      <p className="result-line self-test-line is-untested" data-testid="self-test">
        <Icon name="warning" />
        <span>
          <strong>Not tested</strong> — the app did not open this link to check it.
        </span>
      </p>
    )
  }
  if (selfTest.outcome === 'works') {
    return (
      <p className="result-line self-test-line tone-success" data-testid="self-test">
        <Icon name="check" />
        <span>
          <strong>Works</strong> — the app opened the link and S3 answered with the file.
        </span>
      </p>
    )
  }
  return (
    <Note tone="error" testId="self-test-failed">
      <div>
        <p>
          <strong>This link does not work.</strong> <Message text={selfTest.message} />
        </p>
        <p className="note-hint self-test-code">{selfTestDetails(selfTest)}</p>
        <p className="note-hint">
          It was recorded with this result but not copied. Fix the cause and create another, or copy
          it anyway.
        </p>
      </div>
    </Note>
  )
}
