import { execFile } from 'node:child_process'

/** Debian's python3 with python3-botocore (not a pyenv or venv python3 found on PATH). */
const DEBIAN_PYTHON = '/usr/bin/python3'

/** What botocore, the AWS CLI's core, reads from a pair of shared files. */
export interface AwsCliView {
  /** `aws configure list-profiles`. */
  profiles: string[]
  /** `full_config`: profiles, sso_sessions and the rest, as botocore parsed them. */
  fullConfig: {
    profiles: Record<string, Record<string, unknown>>
    sso_sessions?: Record<string, Record<string, string>>
  }
  /** The credentials botocore resolves for each profile asked about (static keys only). */
  credentials: Record<string, { accessKey: string; secretKey: string; token: string | null } | null>
}

const SCRIPT = `
import json, sys
import botocore.session
session = botocore.session.Session()
view = {'profiles': session.available_profiles, 'fullConfig': session.full_config, 'credentials': {}}
for name in json.loads(sys.argv[1]):
    credentials = botocore.session.Session(profile=name).get_credentials()
    view['credentials'][name] = None if credentials is None else {
        'accessKey': credentials.access_key,
        'secretKey': credentials.secret_key,
        'token': credentials.token,
    }
print(json.dumps(view))
`

/**
 * Reads the files as the AWS CLI does, with botocore from Debian: the independent check that
 * what the app writes is what the CLI reads. `credentialsOf` names profiles with static keys.
 */
export function awsCliView(
  files: { configFile: string; credentialsFile: string; home: string },
  credentialsOf: string[] = []
): Promise<AwsCliView> {
  return new Promise((resolve, reject) => {
    execFile(
      DEBIAN_PYTHON,
      ['-c', SCRIPT, JSON.stringify(credentialsOf)],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: files.home,
          AWS_CONFIG_FILE: files.configFile,
          AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
          PYTHONIOENCODING: 'utf-8'
        },
        timeout: 30_000
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`botocore failed: ${stderr || error.message}`))
        else resolve(JSON.parse(stdout) as AwsCliView)
      }
    )
  })
}
