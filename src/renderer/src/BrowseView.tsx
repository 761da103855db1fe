import { useState } from 'react'
import { ENVIRONMENT_PROFILE_ID } from '../../shared/ipc-contract'
import type { BucketLocation } from './features/buckets/bucket-input'
import { BucketList } from './features/buckets/BucketList'
import { ObjectBrowser } from './features/objects/ObjectBrowser'
import type { ShareTarget } from './features/objects/share-target'
import { ConfigProblems } from './features/profiles/ConfigProblems'
import { NoProfiles } from './features/profiles/NoProfiles'
import { ProfilePicker } from './features/profiles/ProfilePicker'
import { useProfileSelection, useProfiles } from './features/profiles/use-profiles'
import { EmptyState } from './lib/EmptyState'
import { ErrorState } from './lib/ErrorState'
import { Spinner } from './lib/Spinner'

/**
 * The Browse view: profile and buckets on the left, the open folder on the right.
 *
 * Each profile remembers the bucket and folder it was last showing, so switching profiles
 * back and forth returns to the same place.
 */
export function BrowseView({ onShare }: { onShare: (target: ShareTarget) => void }) {
  const profiles = useProfiles()
  const [profileId, setProfileId] = useProfileSelection(profiles.data)
  const [locations, setLocations] = useState<Record<string, BucketLocation>>({})

  if (profiles.isPending) {
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

  const location = locations[profile.id]
  const setLocation = (next: BucketLocation) =>
    setLocations((all) => ({ ...all, [profile.id]: next }))

  return (
    <div className="browse">
      <ConfigProblems files={files} />
      <div className="sidebar">
        <ProfilePicker
          profiles={profiles.data.profiles}
          selectedId={profile.id}
          onChange={setProfileId}
        />
        <BucketList
          key={profile.id}
          profileId={profile.id}
          cliProfile={profile.id === ENVIRONMENT_PROFILE_ID ? null : profile.name}
          selectedBucket={location?.bucket ?? null}
          onOpen={setLocation}
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
          />
        ) : (
          <div className="view-center">
            <EmptyState icon="bucket" title="Choose a bucket">
              <p>
                Pick one in the sidebar, or type a bucket name or an s3:// URI there to open it.
              </p>
            </EmptyState>
          </div>
        )}
      </div>
    </div>
  )
}
