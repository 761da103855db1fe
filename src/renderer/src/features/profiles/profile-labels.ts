import type { ProfileKind, ProfileSummary } from '../../../../shared/models'

/** How a profile gets its credentials, in words the AWS CLI docs use. */
export const profileKindLabels: Record<ProfileKind, string> = {
  static: 'Static keys',
  session: 'Temporary keys',
  sso: 'SSO',
  'assume-role': 'Assume role',
  process: 'Credential process',
  'web-identity': 'Web identity',
  environment: 'Environment',
  unknown: 'Unknown source'
}

/** The endpoint without its scheme, short enough for a one-line summary. */
export function endpointLabel(endpointUrl: string): string {
  return endpointUrl.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '')
}

/** One line describing a profile, for the picker's options: `minio — Static keys · us-east-1 · localhost:9000`. */
export function profileOptionLabel(profile: ProfileSummary): string {
  const parts = [profileKindLabels[profile.kind], profile.region ?? 'no region']
  if (profile.endpointUrl) parts.push(endpointLabel(profile.endpointUrl))
  return `${profile.name} — ${parts.join(' · ')}`
}
