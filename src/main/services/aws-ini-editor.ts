/**
 * Edits the AWS shared config and credentials files as text, line by line.
 *
 * Only the lines an edit is about change: every other byte (comments, blank lines, tabs,
 * spacing around `=`, CRLF or LF, a missing final newline, other profiles, their order) stays
 * as the user left it. Sections are found with the reader's own header rules (`aws-ini.ts`),
 * so `[profile "dev"]` is the profile `dev` here too. Pure: text in, text out.
 */
import { iniValueProblem } from '../../shared/profile-draft'
import { type IniRole, parseSectionHeader } from './aws-ini'

/** A section to edit: a profile (`[profile NAME]`, `[default]`, or `[NAME]` in credentials). */
export interface SectionTarget {
  kind: 'profile' | 'sso-session'
  name: string
}

/**
 * Keys to set (a value) or remove (null), in the order new ones are written. A nested key
 * is written `s3.addressing_style`: the `addressing_style` line of an `s3 =` block.
 */
export type IniEdits = ReadonlyArray<readonly [key: string, value: string | null]>

export interface EditOptions {
  /** Adds the section at the end of the file when it is not there (default true). */
  create?: boolean
  /** Removes the section when the edit leaves it without any key (default false). */
  dropEmpty?: boolean
}

/** The indentation `aws configure` gives the lines of a nested block. */
const NESTED_INDENT = '  '

interface Entry {
  index: number
  /** `region`, or `s3.addressing_style` for a nested line; the block name for its header. */
  key: string
  /** For a line inside a nested block: the block's name. */
  parent: string | null
  /** The `s3 =` line that opens a nested block. */
  opensBlock: boolean
}

interface Section {
  header: number
  ref: SectionTarget | null
  entries: Entry[]
  /** Index after the section's last line. */
  end: number
}

interface Doc {
  /** Lines without their `\n`; a CRLF line keeps its `\r`. */
  lines: string[]
  endsWithNewline: boolean
  /** What a new line ends with before its `\n`: `\r` when most lines are CRLF. */
  cr: '' | '\r'
}

/** Sets and removes keys of one section; creates the section when asked and missing. */
export function editAwsIni(
  text: string,
  role: IniRole,
  target: SectionTarget,
  edits: IniEdits,
  { create = true, dropEmpty = false }: EditOptions = {}
): string {
  for (const [key, value] of edits) {
    assertKey(key)
    if (value !== null) assertValue(key, value)
  }
  const doc = split(text)
  if (!sectionsOf(doc, role, target).length) {
    const added = edits.filter(([, value]) => value !== null)
    if (!create || added.length === 0) return text
    appendSection(doc, role, target)
  }
  for (const [key, value] of edits) {
    if (value === null) removeKey(doc, role, target, key)
    else setKey(doc, role, target, key, value)
  }
  if (dropEmpty && sectionsOf(doc, role, target).every((s) => s.entries.length === 0)) {
    return removeAwsIniSection(join(doc), role, target)
  }
  return join(doc)
}

/** Removes a section (every part of it, when it appears twice) with the lines inside it. */
export function removeAwsIniSection(text: string, role: IniRole, target: SectionTarget): string {
  const doc = split(text)
  for (;;) {
    const section = sectionsOf(doc, role, target).at(-1)
    if (!section) break
    const last = Math.max(section.header, ...section.entries.map((entry) => entry.index))
    // Comments after the last key belong to what follows; comments inside go with the section.
    let from = section.header
    let to = last + 1
    const blank = (index: number): boolean => isBlank(doc.lines[index])
    if (from === 0 || blank(from - 1)) {
      while (to < doc.lines.length && blank(to)) to += 1
    }
    if (to >= doc.lines.length) {
      while (from > 0 && blank(from - 1)) from -= 1
    }
    doc.lines.splice(from, to - from)
    if (doc.lines.length === 0) doc.endsWithNewline = false
  }
  return join(doc)
}

/** Gives a section a new name in place (its header line only), keeping its position. */
export function renameAwsIniSection(
  text: string,
  role: IniRole,
  from: SectionTarget,
  to: SectionTarget
): string {
  const doc = split(text)
  const header = sectionHeader(role, to)
  for (const section of sectionsOf(doc, role, from)) {
    const line = doc.lines[section.header] ?? ''
    const { content, cr } = parts(line)
    const stripped = significant(content)
    const start = content.indexOf(stripped)
    doc.lines[section.header] =
      content.slice(0, start) + header + content.slice(start + stripped.length) + cr
  }
  return join(doc)
}

/** Whether the text has the section. */
export function hasAwsIniSection(text: string, role: IniRole, target: SectionTarget): boolean {
  return sectionsOf(split(text), role, target).length > 0
}

/**
 * The header the AWS CLI writes: `[profile NAME]`, `[default]`, `[NAME]` in credentials.
 * A config name with spaces (only ever kept from the user's own files) is quoted, as botocore
 * reads it.
 */
export function sectionHeader(role: IniRole, target: SectionTarget): string {
  assertSectionName(target.name)
  if (role === 'credentials') {
    if (target.kind !== 'profile') throw new Error('Only profiles go in the credentials file')
    return `[${target.name}]`
  }
  if (target.kind === 'profile' && target.name === 'default') return '[default]'
  const name = /\s/.test(target.name) ? `"${target.name}"` : target.name
  return `[${target.kind} ${name}]`
}

function setKey(doc: Doc, role: IniRole, target: SectionTarget, key: string, value: string): void {
  const sections = sectionsOf(doc, role, target)
  // The SDK lets the last occurrence win: change that one.
  const existing = sections.flatMap((s) => s.entries.filter((e) => e.key === key && !e.opensBlock))
  const last = existing.at(-1)
  if (last) {
    doc.lines[last.index] = withValue(doc.lines[last.index] ?? '', value)
    return
  }
  const section = sections.at(-1)
  if (!section) return
  const dot = key.indexOf('.')
  if (dot === -1) {
    const after = Math.max(section.header, ...section.entries.map((entry) => entry.index))
    insert(doc, after + 1, [`${key} = ${value}`])
    return
  }
  const parent = key.slice(0, dot)
  const name = key.slice(dot + 1)
  const opener = section.entries.filter((entry) => entry.opensBlock && entry.key === parent).at(-1)
  if (!opener) {
    const after = Math.max(section.header, ...section.entries.map((entry) => entry.index))
    insert(doc, after + 1, [`${parent} =`, `${NESTED_INDENT}${name} = ${value}`])
    return
  }
  const children = section.entries.filter(
    (entry) => entry.parent === parent && entry.index > opener.index
  )
  const sibling = children.at(-1)
  const indent = sibling
    ? (/^\s*/.exec(doc.lines[sibling.index] ?? '')?.[0] ?? NESTED_INDENT)
    : NESTED_INDENT
  insert(doc, (sibling ?? opener).index + 1, [`${indent}${name} = ${value}`])
}

function removeKey(doc: Doc, role: IniRole, target: SectionTarget, key: string): void {
  const doomed = new Set<number>()
  for (const section of sectionsOf(doc, role, target)) {
    for (const entry of section.entries) {
      if (entry.key === key && !entry.opensBlock) doomed.add(entry.index)
    }
    // A nested block left without lines goes too: alone, `s3 =` would swallow the next key.
    for (const opener of section.entries.filter((entry) => entry.opensBlock)) {
      const children = section.entries.filter(
        (entry) => entry.parent === opener.key && entry.index > opener.index
      )
      const hadChildren = children.length > 0
      if (hadChildren && children.every((child) => doomed.has(child.index))) {
        doomed.add(opener.index)
      }
    }
  }
  doc.lines = doc.lines.filter((_, index) => !doomed.has(index))
}

function appendSection(doc: Doc, role: IniRole, target: SectionTarget): void {
  const added: string[] = []
  const last = doc.lines.at(-1)
  if (last !== undefined && !isBlank(last)) added.push('')
  added.push(sectionHeader(role, target))
  insert(doc, doc.lines.length, added)
}

/**
 * Inserts lines before `index`, ending each like the line before them (in a file that mixes
 * CRLF and LF), or like most lines of the file.
 */
function insert(doc: Doc, index: number, lines: string[]): void {
  const previous = doc.lines[index - 1]
  const atEnd = index >= doc.lines.length
  const cr =
    previous !== undefined && (!atEnd || doc.endsWithNewline)
      ? previous.endsWith('\r')
        ? '\r'
        : ''
      : doc.cr
  if (atEnd) {
    // The old last line gets the newline it lacked: the new lines must start on their own.
    if (previous !== undefined && !doc.endsWithNewline && cr && !previous.endsWith('\r')) {
      doc.lines[index - 1] = previous + cr
    }
    doc.endsWithNewline = true
  }
  doc.lines.splice(index, 0, ...lines.map((line) => line + cr))
}

/** A key line with its value replaced, keeping its spacing and any comment after it. */
function withValue(line: string, value: string): string {
  const { content, cr } = parts(line)
  const equals = content.indexOf('=')
  const before = content.slice(0, equals + 1)
  const after = content.slice(equals + 1)
  const lead = /^\s*/.exec(after)?.[0] ?? ''
  const rest = after.slice(lead.length)
  const comment = /\s[;#]/.exec(rest)
  const body = comment ? rest.slice(0, comment.index) : rest
  const trailing = /\s*$/.exec(body)?.[0] ?? ''
  const valueEnd = body.length - trailing.length
  return before + lead + value + rest.slice(valueEnd) + cr
}

function sectionsOf(doc: Doc, role: IniRole, target: SectionTarget): Section[] {
  return parse(doc, role).filter(
    (section) => section.ref?.kind === target.kind && section.ref.name === target.name
  )
}

/** The sections of a file, with the lines that are keys, as the SDK's parser sees them. */
function parse(doc: Doc, role: IniRole): Section[] {
  const sections: Section[] = []
  let current: Section | null = null
  let block: string | null = null
  doc.lines.forEach((line, index) => {
    const { content } = parts(index === 0 ? line.replace(/^\uFEFF/, '') : line)
    const stripped = significant(content)
    if (stripped === '') return
    if (stripped.startsWith('[')) {
      if (current) current.end = index
      block = null
      let ref: SectionTarget | null = null
      if (stripped.endsWith(']')) {
        const parsed = parseSectionHeader(stripped.slice(1, -1), role)
        if ('kind' in parsed && parsed.kind !== 'services') {
          ref = { kind: parsed.kind, name: parsed.name }
        }
      }
      current = { header: index, ref, entries: [], end: doc.lines.length }
      sections.push(current)
      return
    }
    if (!current) return
    const equals = stripped.indexOf('=')
    if (equals <= 0) return
    const name = stripped.slice(0, equals).trim()
    const value = stripped.slice(equals + 1).trim()
    if (value === '') {
      block = name
      current.entries.push({ index, key: name, parent: null, opensBlock: true })
      return
    }
    if (block !== null && content.trimStart() === content) block = null
    current.entries.push({
      index,
      key: block === null ? name : `${block}.${name}`,
      parent: block,
      opensBlock: false
    })
  })
  return sections
}

function split(text: string): Doc {
  if (text === '') return { lines: [], endsWithNewline: false, cr: '' }
  const lines = text.split('\n')
  const endsWithNewline = lines.at(-1) === ''
  if (endsWithNewline) lines.pop()
  const crlf = lines.filter((line) => line.endsWith('\r')).length
  return { lines, endsWithNewline, cr: crlf * 2 > lines.length ? '\r' : '' }
}

function join(doc: Doc): string {
  return doc.lines.join('\n') + (doc.endsWithNewline && doc.lines.length > 0 ? '\n' : '')
}

function parts(line: string): { content: string; cr: string } {
  return line.endsWith('\r') ? { content: line.slice(0, -1), cr: '\r' } : { content: line, cr: '' }
}

/** The part of a line the SDK reads: before a `#` or `;` comment, trimmed. */
function significant(content: string): string {
  return (content.split(/(^|\s)[;#]/)[0] ?? '').trim()
}

function isBlank(line: string | undefined): boolean {
  return line !== undefined && line.trim() === ''
}

function assertKey(key: string): void {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?$/.test(key)) {
    throw new Error(`Not a key the AWS config files can hold: ${JSON.stringify(key)}`)
  }
}

function assertValue(key: string, value: string): void {
  const problem = iniValueProblem(value)
  if (problem !== null) throw new Error(`The value of ${key} ${problem}`)
}

function assertSectionName(name: string): void {
  if (name === '' || name === '__proto__' || /[[\]"\p{Cc}]/u.test(name) || name !== name.trim()) {
    throw new Error(`Not a section name the AWS config files can hold: ${JSON.stringify(name)}`)
  }
}
