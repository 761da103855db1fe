import { useState } from 'react'
import { ENVIRONMENT_PROFILE_ID } from '../../shared/ipc-contract'
import type { BucketLocation } from './features/buckets/bucket-input'
import { BucketList } from './features/buckets/BucketList'
import { NoBucketOpen } from './features/buckets/NoBucketOpen'
import { ObjectBrowser } from './features/objects/ObjectBrowser'
import type { BulkShareTarget, ShareTarget } from './features/objects/share-target'
import type { ReceiveTarget } from './features/share/receive-target'
import { ConfigProblems } from './features/profiles/ConfigProblems'
import { NoProfiles } from './features/profiles/NoProfiles'
import { ProfilePicker } from './features/profiles/ProfilePicker'
import { useProfileSelection, useProfiles } from './features/profiles/use-profiles'
import { ErrorState } from './lib/ErrorState'
import { Spinner } from './lib/Spinner'
import { usePreferences } from './lib/use-preferences'

/**
 * The Browse view: profile and buckets on the left, the open folder on the right.
 *
 * Each profile remembers the bucket and folder it was last showing, so switching profiles
 * back and forth returns to the same place. The profile, bucket and folder shown last are
 * remembered across restarts too (preferences), and the app starts there.
 */
export function BrowseView({
  onShare,
  onShareMany,
  onReceive
}: {
  onShare: (target: ShareTarget) => void
  onShareMany: (target: BulkShareTarget) => void
  onReceive?: (target: ReceiveTarget) => void
}) {
  const profiles = useProfiles()
  const { preferences, ready, save } = usePreferences()
  const [profileId, setProfileId] = useProfileSelection(
    profiles.data,
    preferences?.selectedProfileId ?? null
  )
  const [locations, setLocations] = useState<Record<string, BucketLocation>>({})

  if (profiles.isPending || !ready) {
    return (
      <div className="view-center">
        <Spinner label="Reading AWS profiles" />
        <span className="muted">Reading AWS profiles…</span>
      </div>
    )
  }
  if (profiles.isError) {
    return (
      <div className="view-center">
        <ErrorState
          title="Couldn't read your AWS profiles"
          error={profiles.error}
          onRetry={() => void profiles.refetch()}
          retrying={profiles.isFetching}
        />
      </div>
    )
  }

  const { files } = profiles.data
  const profile = profiles.data.profiles.find((candidate) => candidate.id === profileId)
  if (!profile) {
    return (
      <div className="browse-empty">
        <ConfigProblems files={files} />
        <NoProfiles files={files} />
      </div>
    )
  }

  const remembered = preferences?.lastLocation
  const location =
    locations[profile.id] ??
    (remembered?.profileId === profile.id
      ? { bucket: remembered.bucket, prefix: remembered.prefix }
      : undefined)
  const setLocation = (next: BucketLocation) => {
    setLocations((all) => ({ ...all, [profile.id]: next }))
    save({ lastLocation: { profileId: profile.id, bucket: next.bucket, prefix: next.prefix } })
  }
  const chooseProfile = (id: string) => {
    // Keep the place shown (perhaps the remembered one) for coming back to this profile.
    if (location) setLocations((all) => ({ ...all, [profile.id]: location }))
    setProfileId(id)
    const shown = locations[id]
    save({
      selectedProfileId: id,
      ...(shown && { lastLocation: { profileId: id, bucket: shown.bucket, prefix: shown.prefix } })
    })
  }

  return (
    <div className="browse">
      <ConfigProblems files={files} />
      <div className="sidebar">
        <ProfilePicker
          profiles={profiles.data.profiles}
          selectedId={profile.id}
          onChange={chooseProfile}
        />
        <BucketList
          key={profile.id}
          profileId={profile.id}
          cliProfile={profile.id === ENVIRONMENT_PROFILE_ID ? null : profile.name}
          selectedBucket={location?.bucket ?? null}
          onOpen={setLocation}
          onReceive={onReceive}
        />
      </div>
      <div className="content">
        {location ? (
          <ObjectBrowser
            profileId={profile.id}
            bucket={location.bucket}
            prefix={location.prefix}
            onNavigate={(prefix) => setLocation({ bucket: location.bucket, prefix })}
            onShare={onShare}
            onShareMany={onShareMany}
            onReceive={onReceive}
          />
        ) : (
          <div className="view-center">
            <NoBucketOpen
              profileId={profile.id}
              cliProfile={profile.id === ENVIRONMENT_PROFILE_ID ? null : profile.name}
            />
          </div>
        )}
      </div>
    </div>
  )
}
