import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Debian's python3 with python3-botocore (not a pyenv or venv python3 found on PATH). */
export const DEBIAN_PYTHON = '/usr/bin/python3'

const SCRIPT = join(import.meta.dirname, 'botocore-presigned-post.py')

export interface BotocorePostRequest {
  /** The fixed instant botocore signs at: `2030-01-02T03:04:05Z` (whole seconds, UTC). */
  now: string
  region: string
  /** A custom endpoint (path-style), or null for AWS. */
  endpoint: string | null
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string | null
  bucket: string
  key: string
  fields: Record<string, string>
  conditions: unknown[]
  expiresIn: number
  /** A base64 policy to sign with botocore's SigV4 POST signer, or null. */
  policyToSign: string | null
}

export interface BotocorePostAnswer {
  url: string
  fields: Record<string, string>
  policy: { expiration: string; conditions: unknown[] }
  /** `accessKeyId/yyyymmdd/region/s3/aws4_request` */
  scope: string
  /** Whether the signer answering `policyToSign` reproduces botocore's own form signature. */
  signerMatchesOwnForm: boolean
  signatureOfPolicyToSign: string | null
}

/**
 * botocore's `generate_presigned_post` and SigV4 POST signer for the same inputs as the app,
 * at a fixed time (see the Python script). Never reads the user's AWS files.
 */
export async function botocorePresignedPost(
  request: BotocorePostRequest
): Promise<BotocorePostAnswer> {
  const home = await mkdtemp(join(tmpdir(), 's3sm-botocore-'))
  try {
    const empty = join(home, 'empty')
    await writeFile(empty, '')
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        DEBIAN_PYTHON,
        [SCRIPT],
        {
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: home,
            AWS_CONFIG_FILE: empty,
            AWS_SHARED_CREDENTIALS_FILE: empty,
            AWS_EC2_METADATA_DISABLED: 'true'
          },
          timeout: 30_000
        },
        (error, out, err) => {
          if (error) reject(new Error(`botocore helper failed: ${error.message}\n${err}`))
          else resolve(out)
        }
      )
      child.stdin?.end(JSON.stringify(request))
    })
    return JSON.parse(stdout) as BotocorePostAnswer
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}
