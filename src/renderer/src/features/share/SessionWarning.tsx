import { useEffect, useId, useState } from 'react'
import { usePreferences } from '../../lib/use-preferences'
import { Note } from './Note'

/**
 * Whether the session-token warning for `profileId` is shown in full: the first time ever for
 * that profile (remembered in `seenSessionWarnings`), and for as long as that dialog stays open.
 */
function useFullWarning(profileId: string): boolean {
  const { preferences, ready, save } = usePreferences()
  const seen = preferences?.seenSessionWarnings?.includes(profileId) ?? false
  // What the preferences said when they first answered: marking the warning seen must not
  // shrink it in front of the user.
  const [firstLook, setFirstLook] = useState<{ profileId: string; seen: boolean } | null>(null)
  if (ready && firstLook?.profileId !== profileId) setFirstLook({ profileId, seen })
  const full = firstLook?.profileId === profileId && !firstLook.seen

  useEffect(() => {
    if (!full || seen || !preferences) return
    save({ seenSessionWarnings: [...(preferences.seenSessionWarnings ?? []), profileId] })
  }, [full, seen, preferences, profileId, save])

  return full
}

/**
 * A profile signs with a session token whose end nobody knows: in full the first time, then as
 * one line with a "more" toggle, since a user who read it once needs a reminder, not a lecture.
 */
export function SessionWarning({ profileId, these }: { profileId: string; these: string }) {
  const full = useFullWarning(profileId)
  const [more, setMore] = useState(false)
  const detailId = useId()

  if (full) {
    return (
      <Note tone="warning" testId="session-warning">
        <SessionDetail id={detailId} profileId={profileId} these={these} />
      </Note>
    )
  }
  return (
    <Note tone="warning" testId="session-warning">
      <div>
        <p>
          <strong>{these} may stop working early:</strong> profile <code>{profileId}</code> uses a
          session token with no known end.{' '}
          <button
            type="button"
            className="button-link"
            aria-expanded={more}
            aria-controls={detailId}
            onClick={() => setMore(!more)}
          >
            {more ? 'less' : 'more'}
          </button>
        </p>
        {more && <SessionDetail id={detailId} profileId={profileId} these={these} />}
      </div>
    </Note>
  )
}

function SessionDetail({ id, profileId, these }: { id: string; profileId: string; these: string }) {
  return (
    <div id={id}>
      <p>
        <strong>{these} may stop working before the time chosen here.</strong> Profile{' '}
        <code>{profileId}</code> signs with temporary credentials (a session token), and a link
        stops working when the session behind that token ends. The app cannot see when that is.
      </p>
      <p className="note-hint">
        For a link that surely lasts, sign with a profile that has long-term access keys.
      </p>
    </div>
  )
}
