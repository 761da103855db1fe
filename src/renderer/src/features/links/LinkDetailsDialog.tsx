import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { errorMessage } from '../../../../shared/errors'
import { formatFullDateTime, formatMoment } from '../../../../shared/format'
import type { IssuedLink } from '../../../../shared/models'
import { Message } from '../../lib/Message'
import { uiLocale } from '../../lib/locale'
import { linkName } from '../share/upload-words'
import { linkKeys } from './link-query'
import { selfTestSummary, watchExplanation } from './link-trust-words'
import { LinksModal } from './LinksModal'
import type { LinkActions } from './use-link-actions'

export interface LinkDetailsDialogProps {
  link: IssuedLink
  actions: LinkActions
  /** Shows another link's details (one of the renewal chain). */
  onShow: (link: IssuedLink) => void
  onClose: () => void
}

/** One line of the renewal chain: the link itself, or a button to the links around it. */
function ChainEntry({
  entry,
  current,
  relation,
  onShow
}: {
  entry: IssuedLink
  current: boolean
  relation: string
  onShow: (link: IssuedLink) => void
}) {
  const when = formatMoment(entry.createdAt, uiLocale())
  return (
    <li aria-current={current ? 'true' : undefined}>
      {relation}{' '}
      {current ? (
        <strong>this link, made {when}</strong>
      ) : (
        <button type="button" className="link-button" onClick={() => onShow(entry)}>
          the link made {when}
        </button>
      )}
    </li>
  )
}

/** How a download link was signed: the version it is pinned to, how it opens, its type. */
function downloadFacts(link: IssuedLink): [string, string][] {
  const facts: [string, string][] = [
    ['Version', link.versionId ?? 'The latest, whenever the link is opened'],
    [
      'Opens as',
      link.disposition === 'inline' ? 'Shown in the browser (inline)' : 'A download (attachment)'
    ]
  ]
  if (link.responseContentType) facts.push(['Content-Type', link.responseContentType])
  return facts
}

/**
 * A link's details: its self-test, how it was signed (version, inline or attachment, type),
 * whether it is watched or revoked, and the renewals it belongs to, each one a step away.
 */
export function LinkDetailsDialog({ link, actions, onShow, onClose }: LinkDetailsDialogProps) {
  const ids = useId()
  const locale = uiLocale()
  const chained = Boolean(link.renewedFromId || link.renewedById)
  const chain = useQuery({
    queryKey: [...linkKeys.all, 'chain', link.id],
    queryFn: () => actions.chain(link.id),
    enabled: chained,
    staleTime: 0
  })
  const test = selfTestSummary(link)
  const at = chain.data?.findIndex((entry) => entry.id === link.id) ?? -1
  const facts: [string, string][] = [
    ['Object', `s3://${link.bucket}/${link.key}`],
    ['Self-test', test.tone === 'works' ? test.detail : `${test.words}. ${test.detail}`],
    ...(link.selfTest?.testedAt
      ? ([['Tested', formatFullDateTime(link.selfTest.testedAt, locale)]] as [string, string][])
      : []),
    ...(link.upload ? [] : downloadFacts(link)),
    ['Watched', link.watched ? `Yes. ${watchExplanation(link)}` : 'No'],
    ...(link.revoked
      ? ([
          [
            'Revoked',
            `${formatFullDateTime(link.revoked.at, locale)}: ${
              link.revoked.how === 'object-deleted' ? 'the object was deleted' : 'marked revoked'
            }`
          ]
        ] as [string, string][])
      : [])
  ]
  return (
    <LinksModal titleId={`${ids}-title`} className="link-details-dialog" onClose={onClose}>
      <h2 id={`${ids}-title`} className="links-dialog-title">
        Link to {linkName(link)}
      </h2>
      <dl className="link-details">
        {facts.map(([term, value]) => (
          <div key={term} className="link-details-item">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {chained && (
        <section aria-label="Renewals">
          <h3 className="links-dialog-subtitle">Renewals</h3>
          {chain.error ? (
            <p className="links-dialog-text" role="alert">
              Could not load the renewals: <Message text={errorMessage(chain.error)} />
            </p>
          ) : (
            <ol className="link-chain">
              {(chain.data ?? []).map((entry, index) => (
                <ChainEntry
                  key={entry.id}
                  entry={entry}
                  current={index === at}
                  relation={index < at ? 'Renewed from' : index > at ? 'Renewed by' : ''}
                  onShow={onShow}
                />
              ))}
            </ol>
          )}
        </section>
      )}
      <div className="links-dialog-buttons">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </LinksModal>
  )
}
