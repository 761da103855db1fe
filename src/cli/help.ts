import { EXIT_CODES_HELP } from './exit-codes'

/** What `--help` prints, per command. Kept next to each other so they read alike. */

const DATA_FOLDER_HELP = `Data folder:
  Links are kept in links.db in the app's data folder, shared with the S3 Share Manager app:
  ~/.config/S3 Share Manager (Linux, or $XDG_CONFIG_HOME), ~/Library/Application Support/S3 Share
  Manager (macOS), %APPDATA%\\S3 Share Manager (Windows). Move it with the S3_SHARE_MANAGER_DATA_DIR
  environment variable or --user-data-dir DIR (the flag wins).`

const PROFILE_HELP = `AWS profiles come from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and
AWS_SHARED_CREDENTIALS_FILE), like the AWS CLI. Without --profile: AWS_PROFILE, else default.`

export const MAIN_HELP = `s3-share: share private S3 objects through pre-signed URLs, from the command line.

Usage:
  s3-share url s3://bucket/key [options]             print a link to one object, and record it
  s3-share url s3://bucket/prefix/ --recursive       links to every object under a prefix (a batch)
  s3-share links [options]                           list the links you issued (app and command line)
  s3-share forget ID... | --batch ID                 forget links
  s3-share clear-expired                             forget every link that no longer works
  s3-share <command> --help                          options of a command
  s3-share --version

Links go to stdout; warnings, progress and errors to stderr.

${PROFILE_HELP}

${DATA_FOLDER_HELP}

${EXIT_CODES_HELP}
`

export const URL_HELP = `Usage:
  s3-share url s3://bucket/key [options]
  s3-share url s3://bucket/prefix/ --recursive [--format csv|json|text] [--output FILE]

Signs a download link (a pre-signed GET URL), prints it, and records it in the link registry.

Options:
  -e, --expires TIME    how long the link works: 90m, 1h, 1.5h, 7d, 30s, or seconds (3600).
                        From 1 second to 7 days (the SigV4 limit). Default: 1h.
  -p, --profile NAME    the AWS profile to sign with (default: AWS_PROFILE, else default)
      --name FILE       the file name the browser saves the download as (default: the
                        object's own name)
      --no-name         no download name: the browser decides
      --until DATE      the link ends then instead: 2026-12-24T18:00 (local time) or with a
                        zone (…Z, …+01:00), within 7 days; not with --expires
      --inline          let the browser show the file (images, PDF, text) instead of saving it
      --content-type T  the Content-Type the recipient gets, e.g. "text/plain; charset=utf-8"
      --version-id ID   pin the link to one version of the object (versioned buckets): a later
                        overwrite does not change what the recipient gets
      --no-test         do not fetch the new link once to check it works (by default it is,
                        with one byte; a failure is a warning on stderr, the link is kept)
  -l, --label TEXT      a note kept with the link, searchable with \`s3-share links --search\`
      --json            print the recorded link as JSON instead of the bare URL
  -r, --recursive       every object under the prefix (s3://b/photos means the folder photos/;
                        s3://b/ the whole bucket), made as one batch (--until, --inline,
                        --content-type, --version-id and --no-test are for one object only)
  -f, --format FMT      with --recursive: csv, json or text (one URL per line; the default)
  -o, --output FILE     with --recursive: write there instead of stdout
      --user-data-dir DIR   the data folder to use (see s3-share --help)
  -h, --help

The link really dies at the earlier of the lifetime asked for and the end of the credentials
that signed it (SSO, assume-role, session tokens): when that is sooner, a warning on stderr says
when. A link longer than 8,192 characters is refused (exit 2): the default download name is
shortened to avoid that, but a long --name, key or --content-type can still cause it. With --recursive a progress bar shows on stderr when it is a terminal; Ctrl-C stops the
batch, keeps the links already made, writes them, and exits with 130. When some objects could
not be signed, the others are still written, and the exit code is that of the first failure.

Examples:
  s3-share url s3://reports/2026/q3.pdf --expires 7d
  s3-share url "s3://media/brand/logo dark.svg" --profile prod --label "for the agency" --json
  s3-share url s3://reports/2026/q3.pdf --until 2026-12-24T18:00 --inline
  s3-share url s3://data/prices.csv --version-id 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY
  s3-share url s3://media/brand/ --recursive --expires 2d --format csv --output brand-links.csv

${EXIT_CODES_HELP}
`

export const LINKS_HELP = `Usage:
  s3-share links [options]

Lists the links in the registry, newest first: those the app made and those made here.

Options:
      --status STATUS   active, expiring (less than 10 % of its lifetime or 5 minutes left),
                        expired, revoked (ended by the app or marked so), or all (the default)
      --bucket NAME     only links to objects in this bucket
  -p, --profile NAME    only links signed with this profile
  -s, --search TEXT     key, label, bucket or download name contains TEXT (ignores case and accents)
      --batch ID        only the links of one batch (s3-share url --recursive prints its id)
  -n, --limit N         at most N links
      --json            a JSON array of the links, each with its status
      --user-data-dir DIR
  -h, --help

${EXIT_CODES_HELP}
`

export const FORGET_HELP = `Usage:
  s3-share forget ID...
  s3-share forget --batch ID

Removes links from the registry (\`s3-share links\` shows their ids). A forgotten link still
works until it expires: S3 cannot revoke a pre-signed URL, only the credentials that signed it.

Options:
      --batch ID        forget every link of a batch
      --user-data-dir DIR
  -h, --help

${EXIT_CODES_HELP}
`

export const CLEAR_EXPIRED_HELP = `Usage:
  s3-share clear-expired [--json]

Forgets every link whose real expiry has passed, and prints how many.

Options:
      --json            print {"forgotten": N}
      --user-data-dir DIR
  -h, --help

${EXIT_CODES_HELP}
`

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  url: URL_HELP,
  links: LINKS_HELP,
  forget: FORGET_HELP,
  'clear-expired': CLEAR_EXPIRED_HELP
}
