import { S3Client } from '@aws-sdk/client-s3'
import { AppError } from '../src/shared/errors'
import type { ProfileSummary } from '../src/shared/models'
import type { ProfileDirectory } from '../src/main/services/ports'
import type { SwiftConnection } from './swift-global-setup'

/** A static-keys profile pointing at a Swift proxy, path-style, as a user would configure it. */
export function swiftProfile(
  id: string,
  endpoint: string,
  overrides: Partial<ProfileSummary> = {}
): ProfileSummary {
  return {
    id,
    name: id,
    kind: 'static',
    sources: [],
    region: 'us-east-1',
    endpointUrl: endpoint,
    addressingStyle: 'path',
    detail: null,
    ...overrides
  }
}

/** A ProfileDirectory over a fixed list, refusing unknown ids like the real one. */
export function profileDirectory(profiles: ProfileSummary[]): ProfileDirectory {
  return {
    getProfile(profileId) {
      const found = profiles.find((entry) => entry.id === profileId)
      if (found === undefined) throw new AppError('profile-not-found', `No profile ${profileId}`)
      return found
    }
  }
}

/** The test's own client for one proxy, to create buckets and objects the app then reads. */
export function swiftSeedClient(swift: SwiftConnection, region = 'us-east-1'): S3Client {
  const endpoint = swift.endpoints[region]
  if (endpoint === undefined) throw new Error(`Swift has no proxy for ${region}`)
  return new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
}
