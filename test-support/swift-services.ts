import { createS3Gateway } from '../src/main/adapters/s3-gateway'
import { createBrowsingService } from '../src/main/services/browsing'
import {
  createCredentialCache,
  type CredentialCacheDeps
} from '../src/main/services/credential-cache'
import type { LinkService } from '../src/main/services/registry-ports'
import { createSigningService, type SigningDependencies } from '../src/main/services/signing'
import type { ProfileSummary } from '../src/shared/models'
import { profileDirectory } from './swift-profiles'

/**
 * The app's signing pipeline over these profiles, as main wires it: credentials from
 * `providerFor` (on the real clock), the gateway, region lookup by browsing, and `links` as the
 * registry. `dependencies` is there to build a variant signing service.
 */
export function signingPipeline(
  profiles: ProfileSummary[],
  providerFor: CredentialCacheDeps['providerFor'],
  links: LinkService,
  extra: Pick<SigningDependencies, 'sha256Base64'> = {}
) {
  const directory = profileDirectory(profiles)
  const credentials = createCredentialCache({ clock: { now: () => Date.now() }, providerFor })
  const gateway = createS3Gateway({ profiles: directory, credentials })
  const browsing = createBrowsingService({ profiles: directory, gateway })
  const dependencies: SigningDependencies = {
    profiles: directory,
    regions: browsing,
    credentials,
    gateway,
    links,
    ...extra
  }
  return { gateway, browsing, dependencies, signing: createSigningService(dependencies) }
}
