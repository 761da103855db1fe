import type { ConfigFileStatus } from '../../../../shared/models'
import { Icon } from '../../lib/Icon'
import { Message } from '../../lib/Message'
import { pluralize } from '../../../../shared/format'
import { uiLocale } from '../../lib/locale'

/** A warning listing each AWS config file that has problems, and the problems; null when all is well. */
export function ConfigProblems({ files }: { files: ConfigFileStatus[] }) {
  const troubled = files.filter((file) => file.problems.length > 0)
  if (troubled.length === 0) return null
  const count = troubled.reduce((sum, file) => sum + file.problems.length, 0)

  return (
    <section className="banner banner-warning" aria-label="AWS config problems">
      <Icon name="warning" className="banner-icon" />
      <div className="banner-body">
        <p className="banner-title">
          {pluralize(count, 'problem', 'problems', uiLocale())} in your AWS config. Profiles without
          problems are listed as usual.
        </p>
        {troubled.map((file) => (
          <div key={file.path} className="config-file">
            <code className="config-file-path">{file.path}</code>
            <ul className="config-problems">
              {file.problems.map((problem, index) => (
                <li key={index}>
                  <Message text={problem} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  )
}
