import { describe, expect, it } from 'vitest'
import { parseAwsIni } from './aws-ini'
import { iniSectionNameProblem, iniValueProblem } from '../../shared/profile-draft'
import { editAwsIni, removeAwsIniSection, renameAwsIniSection } from './aws-ini-editor'

const profile = (name: string) => ({ kind: 'profile' as const, name })

/** What the reader sees of one profile, as plain key/value pairs. */
function valuesOf(text: string, role: 'config' | 'credentials', name: string) {
  const section = parseAwsIni(text, role).sections.find(
    (candidate) => candidate.kind === 'profile' && candidate.name === name
  )
  return section ? Object.fromEntries([...section.values].map(([k, v]) => [k, v.value])) : null
}

const handWritten = [
  '# my AWS setup; do not lose this comment',
  '[default]',
  'region=eu-west-1   ; inline comment kept',
  'output\t=\tjson',
  '',
  '',
  '[profile dev]   # dev account',
  '  region = us-east-1',
  'endpoint_url = https://old.example.com',
  's3 =',
  '    signature_version = s3v4',
  '    addressing_style = virtual',
  'cli_pager =',
  '',
  '; trailing notes for prod',
  '[profile prod]',
  'region = eu-central-1'
].join('\n')

describe('editing a profile in place', () => {
  it('changes only the edited values and keeps every other byte', () => {
    const edited = editAwsIni(handWritten, 'config', profile('dev'), [
      ['region', 'eu-west-3'],
      ['endpoint_url', 'http://localhost:9000'],
      ['s3.addressing_style', 'path']
    ])

    const before = handWritten.split('\n')
    const after = edited.split('\n')
    expect(after).toHaveLength(before.length)
    const changed = after.flatMap((line, index) => (line === before[index] ? [] : [index]))
    expect(changed).toEqual([7, 8, 11])
    expect(after[7]).toBe('  region = eu-west-3')
    expect(after[8]).toBe('endpoint_url = http://localhost:9000')
    expect(after[11]).toBe('    addressing_style = path')
    expect(valuesOf(edited, 'config', 'dev')).toMatchObject({
      region: 'eu-west-3',
      's3.signature_version': 's3v4',
      's3.addressing_style': 'path'
    })
  })

  it('keeps the spacing around = and a comment after the value', () => {
    const edited = editAwsIni(handWritten, 'config', profile('default'), [
      ['region', 'us-west-2'],
      ['output', 'text']
    ])

    expect(edited.split('\n').slice(2, 4)).toEqual([
      'region=us-west-2   ; inline comment kept',
      'output\t=\ttext'
    ])
  })

  it('adds a new key after the last key of the section, before the notes of the next one', () => {
    const edited = editAwsIni(handWritten, 'config', profile('dev'), [['sso_region', 'x-1']])

    const lines = edited.split('\n')
    expect(lines.indexOf('sso_region = x-1')).toBe(lines.indexOf('cli_pager =') + 1)
    expect(edited.replace('sso_region = x-1\n', '')).toBe(handWritten)
  })

  it('adds a nested block, or a line to an existing one with its indentation', () => {
    const withBlock = editAwsIni(handWritten, 'config', profile('dev'), [
      ['s3.payload_signing_enabled', 'true']
    ])
    expect(withBlock).toBe(
      handWritten.replace(
        '    addressing_style = virtual\n',
        '    addressing_style = virtual\n    payload_signing_enabled = true\n'
      )
    )

    const fresh = editAwsIni(handWritten, 'config', profile('prod'), [
      ['s3.addressing_style', 'path'],
      ['region', 'eu-north-1']
    ])
    // The file had no final newline; lines added at its end get one.
    expect(fresh).toBe(
      handWritten.replace(
        'region = eu-central-1',
        'region = eu-north-1\ns3 =\n  addressing_style = path\n'
      )
    )
    expect(valuesOf(fresh, 'config', 'prod')).toEqual({
      region: 'eu-north-1',
      's3.addressing_style': 'path'
    })
  })

  it('removes keys, and a nested block once its last line is gone', () => {
    const edited = editAwsIni(handWritten, 'config', profile('dev'), [
      ['endpoint_url', null],
      ['s3.signature_version', null],
      ['s3.addressing_style', null]
    ])

    expect(edited).toBe(
      handWritten.replace(
        'endpoint_url = https://old.example.com\ns3 =\n    signature_version = s3v4\n    addressing_style = virtual\n',
        ''
      )
    )
    expect(valuesOf(edited, 'config', 'dev')).toEqual({ region: 'us-east-1' })
  })

  it('writes into the last part of a profile that appears twice, where the SDK reads it', () => {
    const text = '[profile a]\nregion = one\n[profile b]\n[profile a]\nregion = two\n'

    expect(editAwsIni(text, 'config', profile('a'), [['region', 'three']])).toBe(
      '[profile a]\nregion = one\n[profile b]\n[profile a]\nregion = three\n'
    )
    expect(editAwsIni(text, 'config', profile('a'), [['region', null]])).toBe(
      '[profile a]\n[profile b]\n[profile a]\n'
    )
  })

  it('finds a profile however its header is written', () => {
    const text = '[profile "quoted"]\nregion = a\n[profile café]\nregion = b\n'

    const edited = editAwsIni(text, 'config', profile('quoted'), [['region', 'c']])
    const accented = editAwsIni(edited, 'config', profile('café'), [['region', 'd']])

    expect(accented).toBe('[profile "quoted"]\nregion = c\n[profile café]\nregion = d\n')
  })
})

describe('line endings and file ends', () => {
  it('keeps CRLF line endings and writes new lines with CRLF too', () => {
    const text = '[default]\r\nregion = a\r\n\r\n[profile x]\r\nregion = b\r\n'

    const edited = editAwsIni(text, 'config', profile('x'), [
      ['region', 'c'],
      ['endpoint_url', 'http://h:1']
    ])
    const added = editAwsIni(edited, 'config', profile('new'), [['region', 'd']])

    expect(edited).toBe(
      '[default]\r\nregion = a\r\n\r\n[profile x]\r\nregion = c\r\nendpoint_url = http://h:1\r\n'
    )
    expect(added).toBe(`${edited}\r\n[profile new]\r\nregion = d\r\n`)
  })

  it('adds a profile after a file without a final newline, leaving the old bytes first', () => {
    const text = '[default]\nregion = a'

    const added = editAwsIni(text, 'config', profile('minio'), [
      ['region', 'us-east-1'],
      ['endpoint_url', 'http://localhost:9000'],
      ['s3.addressing_style', 'path']
    ])

    expect(added).toBe(
      '[default]\nregion = a\n\n[profile minio]\nregion = us-east-1\n' +
        'endpoint_url = http://localhost:9000\ns3 =\n  addressing_style = path\n'
    )
  })

  it('writes the first profile of an empty file, and [default] without "profile"', () => {
    expect(editAwsIni('', 'config', profile('default'), [['region', 'a']])).toBe(
      '[default]\nregion = a\n'
    )
    expect(editAwsIni('', 'credentials', profile('ci'), [['aws_access_key_id', 'AK']])).toBe(
      '[ci]\naws_access_key_id = AK\n'
    )
    expect(editAwsIni('\n\n', 'config', profile('x'), [['region', 'a']])).toBe(
      '\n\n[profile x]\nregion = a\n'
    )
  })

  it('leaves the text alone when there is nothing to add and nothing to create', () => {
    expect(editAwsIni(handWritten, 'config', profile('nope'), [['region', null]])).toBe(handWritten)
    expect(
      editAwsIni(handWritten, 'config', profile('nope'), [['region', 'a']], { create: false })
    ).toBe(handWritten)
  })
})

describe('renaming and removing', () => {
  it('renames a profile in place, keeping its comment and position', () => {
    const renamed = renameAwsIniSection(handWritten, 'config', profile('dev'), profile('staging'))

    expect(renamed).toBe(handWritten.replace('[profile dev]   #', '[profile staging]   #'))
  })

  it('renames in the credentials file without "profile"', () => {
    const text = '[old]\naws_access_key_id = A\n'
    expect(renameAwsIniSection(text, 'credentials', profile('old'), profile('new'))).toBe(
      '[new]\naws_access_key_id = A\n'
    )
  })

  it('removes a profile with its lines, keeping the notes above the next one', () => {
    const removed = removeAwsIniSection(handWritten, 'config', profile('dev'))

    expect(removed).toBe(
      [
        '# my AWS setup; do not lose this comment',
        '[default]',
        'region=eu-west-1   ; inline comment kept',
        'output\t=\tjson',
        '',
        '',
        '; trailing notes for prod',
        '[profile prod]',
        'region = eu-central-1'
      ].join('\n')
    )
  })

  it('removes the last profile and the blank line before it', () => {
    const text = '[default]\nregion = a\n\n[profile gone]\nregion = b\n'
    expect(removeAwsIniSection(text, 'config', profile('gone'))).toBe('[default]\nregion = a\n')
  })

  it('drops a section the edit left empty when asked', () => {
    const text = '[keep]\naws_access_key_id = A\n\n[sso]\naws_access_key_id = B\n'
    expect(
      editAwsIni(text, 'credentials', profile('sso'), [['aws_access_key_id', null]], {
        dropEmpty: true
      })
    ).toBe('[keep]\naws_access_key_id = A\n')
  })
})

describe('values the files cannot hold', () => {
  it('refuses values that the reader would cut, trim or misread, and odd section names', () => {
    expect(iniValueProblem('abc # def')).toMatch(/#/)
    expect(iniValueProblem('#abc')).toMatch(/#/)
    expect(iniValueProblem('a\nb')).toMatch(/one line/)
    expect(iniValueProblem(' a')).toMatch(/space/)
    expect(iniValueProblem('')).toMatch(/empty/)
    expect(iniValueProblem('wJalr/K7MDENG+bPxRfiCY=#x')).toBeNull()
    expect(iniSectionNameProblem('my profile')).toMatch(/spaces/)
    expect(iniSectionNameProblem('a]b')).toMatch(/brackets/)
    expect(iniSectionNameProblem('café-ü')).toBeNull()
    expect(() => editAwsIni('', 'config', profile('x'), [['region', 'a\n[evil]']])).toThrow(
      /one line/
    )
    expect(() => editAwsIni('', 'config', profile('x]'), [['region', 'a']])).toThrow(/section name/)
    // Only ever kept from the user's own file: quoted, as botocore reads it.
    expect(editAwsIni('', 'config', profile('my name'), [['region', 'a']])).toBe(
      '[profile "my name"]\nregion = a\n'
    )
  })
})
