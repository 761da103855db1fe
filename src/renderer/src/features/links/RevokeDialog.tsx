import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { formatMoment, pluralize } from '../../../../shared/format'
import type { IssuedLink, RevokeResult } from '../../../../shared/models'
import { Message } from '../../lib/Message'
import { uiLocale } from '../../lib/locale'
import { linkName } from '../share/upload-words'
import { linkKeys } from './link-query'
import { LinksModal } from './LinksModal'
import { objectAddress, RevokeConsequences, RevokeExplanation } from './RevokeParts'
import type { LinkActions } from './use-link-actions'

export interface RevokeDialogProps {
  link: IssuedLink
  actions: LinkActions
  onDone: (result: RevokeResult, link: IssuedLink) => void
  onCancel: () => void
}

type Choice = 'delete-object' | 'mark'

/** How many links the confirmation names one by one; the rest are counted. */
const NAMED_LINKS = 5

/** "“for Ann”, “for Ben”": the links a deletion ends, by label, else by name and age. */
function namedLinks(links: IssuedLink[]): string {
  const locale = uiLocale()
  const named = links
    .slice(0, NAMED_LINKS)
    .map((entry) =>
      entry.label
        ? `“${entry.label}”`
        : `${linkName(entry)} made ${formatMoment(entry.createdAt, locale)}`
    )
  const rest = links.length - named.length
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ')
}

/**
 * Revoking a link: what works, what deleting the object would also end (`planRevoke`), then
 * either deleting the object (after a confirmation naming the object and every link it ends)
 * or marking the entry revoked for a user who ended it another way.
 */
export function RevokeDialog({ link, actions, onDone, onCancel }: RevokeDialogProps) {
  const ids = useId()
  const plan = useQuery({
    queryKey: [...linkKeys.all, 'revoke-plan', link.id],
    queryFn: () => actions.planRevoke(link.id),
    staleTime: 0
  })
  const [choice, setChoice] = useState<Choice | null>(null)
  const [confirmed, setConfirmed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const canDelete = plan.data?.canDeleteObject === true
  const action: Choice | null = choice ?? (plan.data ? (canDelete ? null : 'mark') : null)
  const others = plan.data?.otherLinks.length ?? 0
  const ends = pluralize(others + 1, 'link', 'links', uiLocale())
  const ready = action === 'mark' || (action === 'delete-object' && confirmed)

  const submit = async () => {
    if (!action || !ready) return
    setBusy(true)
    setError(null)
    try {
      onDone(await actions.revoke(link.id, action), link)
    } catch (cause) {
      setError(cause)
      setBusy(false)
    }
  }

  return (
    <LinksModal titleId={`${ids}-title`} className="revoke-dialog" onClose={onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <h2 id={`${ids}-title`} className="links-dialog-title">
          Revoke the link to {linkName(link)}?
        </h2>
        <RevokeExplanation />
        {plan.isPending && <p className="links-dialog-text">Looking for other links to it…</p>}
        {plan.error && (
          <p className="links-dialog-text tone-error" role="alert">
            Could not tell what revoking would do: <Message text={errorMessage(plan.error)} />
          </p>
        )}
        {plan.data && (
          <fieldset className="revoke-choices">
            <legend className="links-dialog-subtitle">What do you want to do?</legend>
            <label className="revoke-choice">
              <input
                type="radio"
                name={`${ids}-choice`}
                checked={action === 'delete-object'}
                disabled={!canDelete}
                onChange={() => setChoice('delete-object')}
              />
              <span>
                Delete the object <code>{objectAddress(link)}</code>
                {!canDelete && plan.data.cannotDeleteReason && (
                  <span className="revoke-reason"> ({plan.data.cannotDeleteReason})</span>
                )}
              </span>
            </label>
            {action === 'delete-object' && (
              <div className="revoke-delete">
                <RevokeConsequences plan={plan.data} />
                <label className="links-dialog-check">
                  <input
                    type="checkbox"
                    checked={confirmed}
                    onChange={(event) => setConfirmed(event.target.checked)}
                  />
                  <span>
                    Yes, delete <code>{objectAddress(link)}</code> from the bucket.{' '}
                    {`This ends ${ends} (${namedLinks([link, ...plan.data.otherLinks])})`} and
                    cannot be undone here.
                  </span>
                </label>
              </div>
            )}
            <label className="revoke-choice">
              <input
                type="radio"
                name={`${ids}-choice`}
                checked={action === 'mark'}
                onChange={() => setChoice('mark')}
              />
              <span>
                I ended it another way (moved or overwrote the object, deactivated the key, revoked
                the sessions): only mark it revoked here
              </span>
            </label>
          </fieldset>
        )}
        {error !== null && (
          <p className="links-dialog-text tone-error" role="alert">
            Could not revoke the link: <Message text={errorMessage(error)} />
          </p>
        )}
        <div className="links-dialog-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={!ready || busy}>
            {busy
              ? 'Revoking…'
              : action === 'delete-object'
                ? `Delete object and revoke ${ends}`
                : 'Mark revoked'}
          </button>
        </div>
      </form>
    </LinksModal>
  )
}
