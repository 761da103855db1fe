import { sdkProviderFor } from './adapters/aws-credentials'
import { sessionPeek } from './adapters/credential-state'
import { readConfigFiles, resolveConfigFilePaths } from './adapters/aws-config-files'
import { openLinkDatabase } from './adapters/link-db'
import { createLinkTester, type LinkTesterOptions } from './adapters/link-tester'
import { createS3Gateway, type NetworkOptions } from './adapters/s3-gateway'
import { createSsoFileCache, ssoCacheDir } from './adapters/sso-cache'
import { createSsoOidc } from './adapters/sso-oidc'
import { sha256Base64 } from './adapters/upload-presigner'
import { createBrowsingService, type BrowsingService } from './services/browsing'
import { createBulkLinkService, type BulkLinkService } from './services/bulk-links'
import { createCredentialCache, type CredentialCache } from './services/credential-cache'
import { createJobRunner } from './services/jobs'
import { createLinkChecks, type LinkChecks } from './services/link-checks'
import { createLinkService } from './services/links'
import { systemClock, type Clock, type S3Gateway } from './services/ports'
import { createProfileService, type Env, type ProfileService } from './services/profiles'
import { createRevokeService, type RevokeService } from './services/revoke'
import type { JobRunner, LinkRepository, LinkService } from './services/registry-ports'
import { createSigningService, type SigningService } from './services/signing'
import type { Prompter } from './services/prompts'
import { createSsoService, type SsoService } from './services/sso'
import type { ConfigFilePaths } from './services/profiles'

export interface CoreServicesOptions {
  /** Where AWS_PROFILE, AWS_CONFIG_FILE and friends are read from. */
  env: Env
  /** The folder the link registry (`links.db`) lives in: the app's user-data folder. */
  userDataDir: string
  clock?: Clock
  /** Overrides for tests: a registry already opened, network timeouts. */
  linkRepository?: LinkRepository
  network?: Partial<NetworkOptions>
  /** Asks for MFA codes and shows SSO sign-in codes: the window in the app, the terminal in the CLI. */
  prompter?: Prompter
  /** Opens the SSO approval page in the default browser. */
  openExternal?: (url: string) => Promise<void>
  /** Tests only: STS, SSO and SSO OIDC stand-ins on loopback (`test-support/aws-stand-ins.ts`). */
  awsEndpoint?: string
  /**
   * Whether new links are tested when a request does not say (the app's `testNewLinks`
   * setting); default: always (the command line has `--no-test` instead).
   */
  testNewLinks?: () => boolean
  /** Tests only: a shorter timeout for link self-tests. */
  linkTester?: Pick<LinkTesterOptions, 'timeoutMs'>
}

/** The services the app and the command line share; nothing in here knows Electron. */
export interface CoreServices {
  paths: ConfigFilePaths
  clock: Clock
  profiles: ProfileService
  credentials: CredentialCache
  gateway: S3Gateway
  browsing: BrowsingService
  links: LinkService
  signing: SigningService
  jobs: JobRunner
  bulk: BulkLinkService
  /** Revoking links: deleting the object they point at, or marking them. */
  revoke: RevokeService
  /** Link self-tests: after signing, on demand, and "Test all active". */
  linkChecks: LinkChecks
  sso: SsoService
  /** Closes the registry; the services must not be used after. */
  close(): void
}

/**
 * Builds the service graph over the real adapters: AWS config files, the SDK, the SQLite
 * registry. The Electron app (`app-services.ts`) and the `s3-share` command line both start
 * here, so they cannot drift apart.
 */
export function createCoreServices(options: CoreServicesOptions): CoreServices {
  const clock = options.clock ?? systemClock
  const paths = resolveConfigFilePaths(options.env)
  const profiles = createProfileService({
    readConfigFiles: () => readConfigFiles(paths),
    env: options.env
  })
  const sso = createSsoService({
    profiles,
    readConfigFiles: () => readConfigFiles(paths),
    cache: createSsoFileCache(ssoCacheDir(options.env)),
    oidc: createSsoOidc(options.awsEndpoint ? { endpoint: options.awsEndpoint } : {}),
    prompter: options.prompter ?? null,
    openExternal: options.openExternal ?? null,
    // The next call must use the new session, not credentials cached from the old one.
    onSessionChanged: (profileIds) => profileIds.forEach((id) => credentials.invalidate(id)),
    clock
  })
  const credentials = createCredentialCache({
    providerFor: sdkProviderFor({
      paths,
      profiles,
      prompter: options.prompter ?? null,
      sso,
      ...(options.awsEndpoint ? { awsEndpoint: options.awsEndpoint } : {})
    }),
    clock,
    peek: sessionPeek({ profiles, ssoStatus: (profileId) => sso.status(profileId) })
  })
  const gateway = createS3Gateway({
    profiles,
    credentials,
    ...(options.network ? { network: options.network } : {})
  })
  const browsing = createBrowsingService({ profiles, gateway, clock })
  const repository = options.linkRepository ?? openLinkDatabase({ dir: options.userDataDir, clock })
  const links = createLinkService({ repository, clock })
  const jobs = createJobRunner({ clock })
  const linkChecks = createLinkChecks({
    links,
    jobs,
    tester: createLinkTester({ ...options.linkTester, clock }),
    clock
  })
  const signing = createSigningService({
    profiles,
    regions: browsing,
    credentials,
    gateway,
    links,
    clock,
    sha256Base64,
    testLink: linkChecks.testUrl,
    ...(options.testNewLinks === undefined ? {} : { testNewLinks: options.testNewLinks })
  })
  const bulk = createBulkLinkService({
    signing,
    links,
    gateway,
    regions: browsing,
    jobs,
    clock,
    testLink: linkChecks.testUrl,
    ...(options.testNewLinks === undefined ? {} : { testNewLinks: options.testNewLinks })
  })
  const revoke = createRevokeService({ links, gateway, clock })

  return {
    paths,
    clock,
    profiles,
    credentials,
    gateway,
    browsing,
    links,
    signing,
    jobs,
    bulk,
    revoke,
    linkChecks,
    sso,
    close() {
      repository.close()
    }
  }
}
