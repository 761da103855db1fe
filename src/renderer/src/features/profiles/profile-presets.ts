import type { AddressingStyle } from '../../../../shared/models'

export type PresetId = 'aws' | 'minio' | 'r2' | 'wasabi' | 'b2' | 'custom'

export interface EndpointPreset {
  id: PresetId
  label: string
  /** The endpoint for a region, with `<PLACEHOLDERS>` the user must replace; '' for AWS. */
  endpoint: (region: string) => string
  /** The region the service expects when none is chosen yet. */
  region: string
  addressingStyle: AddressingStyle
  /** What to fill in, in the service's own words. */
  hint: string
}

/** Services people store files in besides AWS, with the endpoint pattern each documents. */
export const ENDPOINT_PRESETS: readonly EndpointPreset[] = [
  {
    id: 'aws',
    label: 'Amazon S3',
    endpoint: () => '',
    region: 'us-east-1',
    addressingStyle: 'auto',
    hint: 'AWS itself: no endpoint. The region is where most of your buckets live.'
  },
  {
    id: 'minio',
    label: 'MinIO',
    endpoint: () => 'http://localhost:9000',
    region: 'us-east-1',
    addressingStyle: 'path',
    hint: 'Change the host and port to your MinIO server. MinIO wants path-style addressing.'
  },
  {
    id: 'r2',
    label: 'Cloudflare R2',
    endpoint: () => 'https://<ACCOUNT_ID>.r2.cloudflarestorage.com',
    region: 'auto',
    addressingStyle: 'auto',
    hint: 'Replace <ACCOUNT_ID> with your Cloudflare account id (R2 › Overview). R2 uses the region "auto".'
  },
  {
    id: 'wasabi',
    label: 'Wasabi',
    endpoint: (region) => `https://s3.${region}.wasabisys.com`,
    region: 'us-east-1',
    addressingStyle: 'auto',
    hint: 'The endpoint follows the region of your buckets (us-east-1, eu-central-1…).'
  },
  {
    id: 'b2',
    label: 'Backblaze B2',
    endpoint: (region) => `https://s3.${region}.backblazeb2.com`,
    region: 'us-west-004',
    addressingStyle: 'auto',
    hint: "The region is in your bucket's endpoint on the B2 Buckets page (us-west-004…)."
  },
  {
    id: 'custom',
    label: 'Other S3-compatible',
    endpoint: () => '',
    region: 'us-east-1',
    addressingStyle: 'path',
    hint: 'The URL of the S3 API of your store (Ceph, Garage, SeaweedFS…).'
  }
]

export function presetById(id: PresetId): EndpointPreset {
  return ENDPOINT_PRESETS.find((preset) => preset.id === id) ?? ENDPOINT_PRESETS[0]!
}

/** Which preset an endpoint stored in the files looks like, for the edit form. */
export function presetOf(endpointUrl: string): PresetId {
  if (endpointUrl === '') return 'aws'
  let host: string
  try {
    host = new URL(endpointUrl).hostname
  } catch {
    return 'custom'
  }
  if (host.endsWith('.r2.cloudflarestorage.com')) return 'r2'
  if (host.endsWith('.wasabisys.com')) return 'wasabi'
  if (host.endsWith('.backblazeb2.com')) return 'b2'
  return 'custom'
}

/**
 * The endpoint after a region change: a Wasabi or B2 endpoint that still follows its pattern
 * follows the new region too; anything the user typed stays.
 */
export function endpointForRegion(
  presetId: PresetId,
  endpointUrl: string,
  previousRegion: string,
  region: string
): string {
  const preset = presetById(presetId)
  if (preset.id !== 'wasabi' && preset.id !== 'b2') return endpointUrl
  return endpointUrl === preset.endpoint(previousRegion) ? preset.endpoint(region) : endpointUrl
}
