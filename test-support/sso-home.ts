import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfigFiles, resolveConfigFilePaths } from '../src/main/adapters/aws-config-files'
import { createSsoFileCache, ssoCacheDir } from '../src/main/adapters/sso-cache'
import { createSsoOidc } from '../src/main/adapters/sso-oidc'
import { createProfileService } from '../src/main/services/profiles'

/** The IAM Identity Center start page of the `acme` session. */
export const SSO_START_URL = 'https://acme.awsapps.com/start'

/** Profile `dev`, signing in through the `acme` SSO session, as `aws configure sso` writes it. */
export const SSO_DEV_CONFIG = `[profile dev]
sso_session = acme
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = eu-west-2

[sso-session acme]
sso_start_url = ${SSO_START_URL}
sso_region = eu-west-2
sso_registration_scopes = sso:account:access
`

/** A fresh temp HOME whose `.aws` folder holds these files; the caller removes it. */
export function tempAwsHome(
  prefix: string,
  files: { config: string; credentials?: string }
): string {
  const home = mkdtempSync(join(tmpdir(), prefix))
  mkdirSync(join(home, '.aws'))
  writeFileSync(join(home, '.aws', 'config'), files.config)
  if (files.credentials !== undefined) {
    writeFileSync(join(home, '.aws', 'credentials'), files.credentials)
  }
  return home
}

/**
 * What the SSO service reads, over the files in `home` and the OIDC stand-in at `endpoint`:
 * spread into `createSsoService` with the test's own prompter, browser and clock.
 */
export function ssoServiceFiles(home: string, endpoint: string) {
  const env = { HOME: home }
  const paths = resolveConfigFilePaths(env)
  const readFiles = () => readConfigFiles(paths)
  return {
    profiles: createProfileService({ readConfigFiles: readFiles, env }),
    readConfigFiles: readFiles,
    cache: createSsoFileCache(ssoCacheDir(env)),
    oidc: createSsoOidc({ endpoint })
  }
}
