/**
 * A tolerant reader for the AWS shared config and credentials files.
 *
 * It follows the AWS SDK's own parser (`parseIni` in `@smithy/core/config`) line for line, so
 * what it lists is what the SDK resolves, but where the SDK silently drops a line (or throws
 * and loses the whole file) it records a problem with the line number and goes on.
 * Problems never quote a value: a malformed line may hold a secret.
 *
 * Section names follow the AWS CLI, which reads more than the SDK: `[profile café]` and
 * `[profile "my name"]` in the config file, `[my name]` in the credentials file. Such sections
 * are listed with `sdkReadable: false`, and the app resolves their credentials itself.
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
  /** False when the AWS SDK's parser cannot see this section under this name (the CLI can). */
  sdkReadable: boolean
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

/** What a section header names, or why it is ignored. */
export type SectionRef =
  { kind: IniSection['kind']; name: string; sdkReadable: boolean } | { problem: string }

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
      const ref = parseSectionHeader(header, role)
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
        existing.sdkReadable &&= ref.sdkReadable
      } else {
        current = {
          kind: ref.kind,
          name: ref.name,
          line: lineNo,
          values: new Map(),
          sdkReadable: ref.sdkReadable
        }
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

/**
 * The section a header (the text between the brackets) names, as the AWS CLI reads it.
 *
 * The CLI's botocore splits `profile NAME` like a shell (`shlex.split`), so a quoted name may
 * hold spaces and any letter; the SDK accepts only `[\w-@+.%:/]` in the config file. The
 * credentials file takes any header as a profile name in the CLI.
 */
export function parseSectionHeader(header: string, role: IniRole): SectionRef {
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
    if (!match) return { kind: 'profile', name: header, sdkReadable: true }
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
    // `[my name]`: the SDK takes `my` for a section type it does not know; the CLI reads it.
    return { kind: 'profile', name: header, sdkReadable: false }
  }
  if (header === 'default') return { kind: 'profile', name: 'default', sdkReadable: true }
  if (match) {
    const [, prefix = '', , name = ''] = match
    if (prefix === 'profile' || prefix === 'sso-session' || prefix === 'services') {
      return { kind: prefix, name, sdkReadable: true }
    }
    return { problem: `\`[${header}]\` is not a section type the AWS CLI knows; ignored.` }
  }
  const typed = /^(profile|sso-session|services)\s/.exec(header)
  if (!typed) {
    return {
      problem:
        `\`[${header}]\`: the config file names profiles \`[profile ${header}]\` ` +
        '(only `[default]` goes without); ignored.'
    }
  }
  const kind = typed[1] as IniSection['kind']
  const parts = shellWords(header)
  const name = parts?.[1]
  if (parts?.length !== 2 || name === undefined || name === '') {
    return {
      problem:
        `\`[${header}]\`: a name with spaces must be in quotes, as ` +
        `\`[${kind} "my name"]\`; ignored.`
    }
  }
  return { kind, name, sdkReadable: false }
}

/**
 * Splits text into words like Python's `shlex.split` (POSIX mode, no comments), which botocore
 * applies to config section names; null when a quote is left open.
 */
export function shellWords(text: string): string[] | null {
  const words: string[] = []
  let word = ''
  // A word has begun (`""` is an empty word, not nothing).
  let inWord = false
  let quote: '"' | "'" | null = null
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i)
    const next = text.charAt(i + 1)
    if (quote === "'") {
      if (char === "'") quote = null
      else word += char
    } else if (quote === '"') {
      if (char === '"') quote = null
      else if (char === '\\' && next !== '' && '\\"$`'.includes(next)) {
        word += next
        i += 1
      } else word += char
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      inWord = true
      if (char === '"' || char === "'") quote = char
      else if (char === '\\' && next !== '') {
        word += next
        i += 1
      } else word += char
    }
  }
  if (quote !== null) return null
  if (inWord) words.push(word)
  return words
}

function label(section: { kind: IniSection['kind']; name: string }): string {
  return section.kind === 'profile'
    ? `profile \`${section.name}\``
    : `\`[${section.kind} ${section.name}]\``
}
