import { formatMoment } from '../../../../shared/format'
import type { IssuedLink, RevokePlan } from '../../../../shared/models'
import { uiLocale } from '../../lib/locale'
import { linkName } from '../share/upload-words'
import { shortVersion } from './link-trust-words'

/** What ends a pre-signed link, honestly: there is no switch for one link. */
export function RevokeExplanation() {
  return (
    <>
      <p className="links-dialog-text">
        A pre-signed link cannot be switched off on its own: anyone who has it can use it until it
        expires. What does end it:
      </p>
      <ul className="revoke-ways">
        <li>
          <strong>Delete, move or overwrite the object.</strong> Every link to it stops working. The
          app can delete it for you.
        </li>
        <li>
          <strong>Deactivate the access key that signed it</strong> (in IAM). Every link that key
          signed stops working.
        </li>
        <li>
          <strong>For a role session</strong> (SSO or an assumed role): revoke the role’s active
          sessions in IAM. Every link signed in those sessions stops working.
        </li>
      </ul>
    </>
  )
}

/** "s3://bucket/key", with the version when the link is pinned to one. */
export function objectAddress(link: IssuedLink): string {
  const version = link.versionId ? ` (version ${shortVersion(link.versionId)})` : ''
  return `s3://${link.bucket}/${link.key}${version}`
}

/** What else deleting the object ends, and what it leaves behind on a versioned bucket. */
export function RevokeConsequences({ plan }: { plan: RevokePlan }) {
  const locale = uiLocale()
  const others = plan.otherLinks
  return (
    <div className="revoke-consequences">
      {others.length === 0 ? (
        <p className="links-dialog-text">No other active link in this list points at the object.</p>
      ) : (
        <>
          <p className="links-dialog-text">
            Deleting the object also ends{' '}
            {others.length === 1
              ? 'this other active link'
              : `these ${others.length} other active links`}
            :
          </p>
          <ul className="revoke-others" aria-label="Other links this ends">
            {others.map((other) => (
              <li key={other.id}>
                <span className="object-name">{linkName(other)}</span>
                {other.label && <span className="link-label"> “{other.label}”</span>}
                <span className="muted"> · expires {formatMoment(other.expiresAt, locale)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="links-dialog-text revoke-versions">{versionCaveat(plan)}</p>
    </div>
  )
}

function versionCaveat(plan: RevokePlan): string {
  if (plan.link.versionId) {
    return (
      'This link is pinned to one version: that version is deleted. Other versions stay, and ' +
      'links pinned to them keep working.'
    )
  }
  if (plan.versioned === true) {
    return (
      'The bucket keeps versions: deleting hides the object behind a delete marker. Older ' +
      'versions stay, and links pinned to them keep working.'
    )
  }
  if (plan.versioned === false) return 'The bucket does not keep versions: the object is gone.'
  return (
    'If the bucket keeps versions, older versions stay after the deletion, and links pinned to ' +
    'them keep working.'
  )
}
