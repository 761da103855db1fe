/**
 * A tolerant reader for the AWS shared config and credentials files.
 *
 * It follows the AWS SDK's own parser (`parseIni` in `@smithy/core/config`) line for line, so
 * what it lists is what the SDK resolves, but where the SDK silently drops a line (or throws
 * and loses the whole file) it records a problem with the line number and goes on.
 * Problems never quote a value: a malformed line may hold a secret.
 */

export type IniRole = 'config' | 'credentials'

export interface IniValue {
  value: string
  /** 1-based line number in the file. */
  line: number
}

export interface IniSection {
  kind: 'profile' | 'sso-session' | 'services'
  name: string
  /** Line of the section header (the first one when the section appears twice). */
  line: number
  /** Keys of a nested block (`s3 =` then indented lines) are joined with a dot: `s3.endpoint_url`. */
  values: Map<string, IniValue>
}

export interface IniFile {
  sections: IniSection[]
  problems: string[]
}

// The SDK's section pattern: `<type> <name>`, the name optionally quoted.
const prefixedSection = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/
const sectionTypes = new Set(['profile', 'sso-session', 'services'])
// The SDK throws on these and drops the whole file; we drop only the section.
const blockedNames = new Set(['__proto__', 'profile __proto__'])

type SectionRef = { kind: IniSection['kind']; name: string } | { problem: string }

export function parseAwsIni(text: string, role: IniRole): IniFile {
  const problems: string[] = []
  const byKey = new Map<string, IniSection>()
  let current: IniSection | null = null
  let subSection: string | null = null
  // After a header we could not use, its lines are skipped without a problem each.
  let skipping = false

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1
    const line = (rawLine.split(/(^|\s)[;#]/)[0] ?? '').trim()
    if (line === '') return

    if (line.startsWith('[')) {
      current = null
      subSection = null
      skipping = true
      if (!line.endsWith(']')) {
        problems.push(
          `Line ${lineNo}: the section header has no closing \`]\`; the lines under it are ignored.`
        )
        return
      }
      const header = line.slice(1, -1)
      const ref = sectionRef(header, role)
      if ('problem' in ref) {
        problems.push(`Line ${lineNo}: ${ref.problem}`)
        return
      }
      skipping = false
      const key = `${ref.kind} ${ref.name}`
      const existing = byKey.get(key)
      if (existing) {
        problems.push(
          `Line ${lineNo}: ${label(ref)} appears again (first at line ${existing.line}); ` +
            'both parts are used and later values win.'
        )
        current = existing
      } else {
        current = { kind: ref.kind, name: ref.name, line: lineNo, values: new Map() }
        byKey.set(key, current)
      }
      return
    }

    if (!current) {
      if (!skipping) problems.push(`Line ${lineNo}: this line is outside any section; ignored.`)
      return
    }

    const equals = line.indexOf('=')
    if (equals <= 0) {
      problems.push(`Line ${lineNo}: this is not a \`key = value\` line; ignored.`)
      return
    }
    const name = line.slice(0, equals).trim()
    const value = line.slice(equals + 1).trim()
    if (value === '') {
      subSection = name
      return
    }
    // As in the SDK, a nested block ends at the first line that is not indented.
    if (subSection !== null && rawLine.trimStart() === rawLine) subSection = null
    const key = subSection !== null ? `${subSection}.${name}` : name
    const previous = current.values.get(key)
    if (previous) {
      problems.push(
        `Line ${lineNo}: \`${key}\` is set again in ${label(current)} ` +
          `(first at line ${previous.line}); the later value is used.`
      )
    }
    current.values.set(key, { value, line: lineNo })
  })

  return { sections: [...byKey.values()], problems }
}

function sectionRef(header: string, role: IniRole): SectionRef {
  if (blockedNames.has(header)) {
    return { problem: `\`[${header}]\` is not an allowed section name; ignored.` }
  }
  if (header !== header.trim()) {
    return {
      problem:
        `\`[${header}]\` has spaces inside the brackets, which the AWS SDK does not accept; ` +
        'ignored.'
    }
  }
  const match = prefixedSection.exec(header)
  if (role === 'credentials') {
    if (!match) return { kind: 'profile', name: header }
    const [, prefix = '', , name = ''] = match
    if (sectionTypes.has(prefix)) {
      return {
        problem:
          prefix === 'profile'
            ? `\`[${header}]\`: the credentials file names profiles without \`profile\`, ` +
              `as \`[${name}]\`; ignored.`
            : `\`[${header}]\` belongs in the config file, not the credentials file; ignored.`
      }
    }
    return { problem: `\`[${header}]\`: profile names cannot contain spaces; ignored.` }
  }
  if (header === 'default') return { kind: 'profile', name: 'default' }
  if (!match) {
    if (/^profile\s/.test(header)) {
      return {
        problem:
          `\`[${header}]\`: the profile name has characters the AWS SDK does not accept; ` +
          'ignored.'
      }
    }
    return {
      problem:
        `\`[${header}]\`: the config file names profiles \`[profile ${header}]\` ` +
        '(only `[default]` goes without); ignored.'
    }
  }
  const [, prefix = '', , name = ''] = match
  if (prefix === 'profile') return { kind: 'profile', name }
  if (prefix === 'sso-session') return { kind: 'sso-session', name }
  if (prefix === 'services') return { kind: 'services', name }
  return { problem: `\`[${header}]\` is not a section type the AWS CLI knows; ignored.` }
}

function label(section: { kind: IniSection['kind']; name: string }): string {
  return section.kind === 'profile'
    ? `profile \`${section.name}\``
    : `\`[${section.kind} ${section.name}]\``
}
