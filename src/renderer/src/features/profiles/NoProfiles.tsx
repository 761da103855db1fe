import { useState } from 'react'
import type { ConfigFileStatus } from '../../../../shared/models'
import { CopyError } from '../../lib/CopyError'
import { Icon } from '../../lib/Icon'
import { useCopyText } from '../../lib/use-copy-text'
import { ProfileForm } from './ProfileForm'

const S3_COMPATIBLE_SNIPPET = `[profile minio]
endpoint_url = http://localhost:9000
region = us-east-1
aws_access_key_id = YOUR_ACCESS_KEY
aws_secret_access_key = YOUR_SECRET_KEY`

/** What to do when there is no profile at all: the same setup the AWS CLI uses. */
export function NoProfiles({ files }: { files: ConfigFileStatus[] }) {
  const { copy, copied, error } = useCopyText()
  const [adding, setAdding] = useState(false)
  const configPath = files.find((file) => file.role === 'config')?.path ?? '~/.aws/config'

  return (
    <div className="onboarding">
      <div className="onboarding-card">
        <Icon name="logo" className="onboarding-icon" />
        <h1 className="onboarding-title">No AWS profiles yet</h1>
        <p>
          S3 Share Manager uses the same profiles as the AWS CLI. Add one here, or in a terminal,
          and it shows up right away.
        </p>
        <div className="onboarding-add">
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            <Icon name="key" />
            Add a profile…
          </button>
          <span className="muted">
            Access keys for AWS, MinIO, R2, Wasabi or B2, or an SSO sign-in.
          </span>
        </div>
        <p className="field-label">Or in a terminal</p>
        <ul className="onboarding-steps">
          <li>
            <span className="step-label">Access keys</span>
            <code>aws configure</code>
          </li>
          <li>
            <span className="step-label">IAM Identity Center (SSO)</span>
            <code>aws configure sso</code>
          </li>
          <li>
            <span className="step-label">S3-compatible store (MinIO, Ceph, R2…)</span>
            <span>
              add a profile with an <code>endpoint_url</code> to <code>{configPath}</code>:
            </span>
          </li>
        </ul>
        <div className="snippet">
          <pre>
            <code>{S3_COMPATIBLE_SNIPPET}</code>
          </pre>
          <button
            type="button"
            className="button button-small snippet-copy"
            onClick={() => copy(S3_COMPATIBLE_SNIPPET)}
          >
            <Icon name={copied === S3_COMPATIBLE_SNIPPET ? 'check' : 'copy'} />
            {copied === S3_COMPATIBLE_SNIPPET ? 'Copied' : 'Copy'}
          </button>
        </div>
        <CopyError error={error} />
        {adding && (
          <ProfileForm
            editName={null}
            onClose={() => setAdding(false)}
            onSaved={() => setAdding(false)}
          />
        )}
        {files.length > 0 && (
          <div className="onboarding-files">
            <p className="field-label">Files checked</p>
            <ul>
              {files.map((file) => (
                <li key={file.path}>
                  <code>{file.path}</code>{' '}
                  <span className="muted">{file.exists ? 'found, no profiles' : 'not found'}</span>
                </li>
              ))}
            </ul>
            <p className="muted">
              <code>AWS_CONFIG_FILE</code> and <code>AWS_SHARED_CREDENTIALS_FILE</code> point
              elsewhere if set when the app starts.
            </p>
          </div>
        )}
      </div>
    </div>
  )
}
