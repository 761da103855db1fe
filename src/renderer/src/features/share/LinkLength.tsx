import { LONG_LINK_WARNING_LENGTH } from '../../../../shared/ipc-contract'
import type { LinkMeasure } from '../../../../shared/models'
import { Note } from './Note'

function characters(length: number): string {
  return `${length.toLocaleString('en')} characters`
}

/** The warning a long link gets, before and after it is made. */
export function LongLinkNote({ length }: { length: number }) {
  if (length <= LONG_LINK_WARNING_LENGTH) return null
  return (
    <Note tone="warning" testId="long-link">
      <p>
        <strong>Long link ({characters(length)}).</strong> Mail clients and chat tools break long
        links; session tokens make them long. Check that it arrives whole, or share it as a QR code
        or a file.
      </p>
    </Note>
  )
}

/**
 * What the trial signature says before the link is made: its length, whether the default
 * download name had to be shortened, and why the user's own choices cannot be signed.
 */
export function MeasureNotes({
  measure,
  tooLong
}: {
  measure: LinkMeasure | null
  tooLong: string | null
}) {
  if (measure === null) return null
  if (tooLong !== null) {
    return (
      <Note tone="error" testId="too-long">
        <p>{tooLong}</p>
      </Note>
    )
  }
  return (
    <>
      <p className="share-aside link-length" data-testid="link-length">
        The link will be {characters(measure.length)} long.
      </p>
      {measure.shortened && measure.downloadFilename !== null && (
        <Note tone="warning" testId="name-shortened">
          <p>
            The download name is shortened to keep the link short enough for servers to accept: the
            file will be saved as <code className="selectable">{measure.downloadFilename}</code>.
          </p>
        </Note>
      )}
      <LongLinkNote length={measure.length} />
    </>
  )
}
