import { usePreferences } from '../../lib/use-preferences'

/**
 * Turns the system notifications for watched links on or off. Main reads the setting at every
 * check, so it takes effect at once; while it is off, notices that fall due are not shown later.
 */
export function NotificationsToggle() {
  const { preferences, save } = usePreferences()
  // Without stored preferences there is nothing to show the state of.
  if (preferences === null) return null
  return (
    <label
      className="choice notifications-toggle"
      title="Watched links (the bell on a row) notify 10 minutes before they expire and when they expire; upload links also when a file arrives."
    >
      <input
        type="checkbox"
        checked={preferences.notifyWatchedLinks}
        onChange={(event) => save({ notifyWatchedLinks: event.target.checked })}
      />
      <span>Notifications</span>
    </label>
  )
}
