import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  defaultPostContentType,
  postUploadCommand,
  putUploadCommand,
  shellQuote
} from '../../shared/upload-commands'

/**
 * The curl commands of upload links, read back through a real POSIX shell: src/shared's own
 * test (upload-commands.test.ts) cannot start processes, the web typecheck has no Node types.
 */

/**
 * The arguments `sh` hands to curl for a command: `curl` is replaced by a shell function that
 * prints each argument NUL-terminated, so what the shell made of the quoting is seen exactly.
 */
function argvOf(command: string): string[] {
  expect(command.startsWith('curl ')).toBe(true)
  const output = execFileSync(
    '/bin/sh',
    ['-c', `curl() { for arg in "$@"; do printf '%s\\0' "$arg"; done; }\n${command}`],
    { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', USER: 'nobody' } }
  )
  return output.split('\0').slice(0, -1)
}

const TRICKY = [
  "it's a quote",
  'double "quotes"',
  'spaces  and\ttabs',
  '$HOME and ${HOME} and $(id) and `id`',
  'new\nline\r\nand CR',
  'back\\slash\\',
  'bang! star* glob? [a-z] {a,b} ~user',
  "'''",
  '',
  '-starts-with-dash',
  '@starts-with-at',
  '<starts-with-angle',
  'semi;type=text/html',
  'Résumé – 日本語 🎉',
  'in/${filename}'
]

describe('shellQuote', () => {
  it.each(TRICKY)('reads back exactly as %j through sh', (value) => {
    expect(argvOf(`curl ${shellQuote(value)}`)).toEqual([value])
  })

  it('leaves plainly safe words unquoted, for readable commands', () => {
    expect(shellQuote('FILE')).toBe('FILE')
    expect(shellQuote('./photos/cat.jpg')).toBe('./photos/cat.jpg')
    expect(shellQuote('a b')).toBe("'a b'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
  })
})

describe('putUploadCommand', () => {
  const url =
    'https://bucket.s3.us-east-1.amazonaws.com/in/it%27s%20%24HOME.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20300102%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20300102T030405Z&X-Amz-Expires=600&X-Amz-Signature=abc&X-Amz-SignedHeaders=content-type%3Bhost&x-id=PutObject'

  it('uploads the file with exactly the signed Content-Type header', () => {
    const command = putUploadCommand({ url, headers: { 'Content-Type': 'image/png' } })
    expect(command).toBe(`curl --upload-file FILE -H 'Content-Type: image/png' '${url}'`)
    expect(argvOf(command)).toEqual(['--upload-file', 'FILE', '-H', 'Content-Type: image/png', url])
  })

  it('sends no header when none was signed', () => {
    expect(argvOf(putUploadCommand({ url, headers: {} }))).toEqual(['--upload-file', 'FILE', url])
  })

  it.each(TRICKY.filter((file) => file !== ''))('keeps a file path like %j intact', (file) => {
    expect(argvOf(putUploadCommand({ url, headers: {} }, file))).toEqual([
      '--upload-file',
      file,
      url
    ])
  })

  it('keeps dot segments and brackets in the URL from being rewritten by curl', () => {
    const dotted = 'http://127.0.0.1:8080/b/a/../x.txt?X-Amz-Signature=1'
    expect(argvOf(putUploadCommand({ url: dotted, headers: {} }))).toEqual([
      '--path-as-is',
      '--upload-file',
      'FILE',
      dotted
    ])
    const bracketed = 'http://127.0.0.1:8080/b/[1].txt?X-Amz-Signature=1'
    expect(argvOf(putUploadCommand({ url: bracketed, headers: {} }))[0]).toBe('--globoff')
  })
})

describe('postUploadCommand', () => {
  const url = 'https://bucket.s3.us-east-1.amazonaws.com/'
  const fields = {
    key: 'in/${filename}',
    success_action_status: '201',
    bucket: 'bucket',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    Policy: 'eyJleHBpcmF0aW9uIjoiMjAzMC0wMS0wMlQwMzoxNDowNVoifQ==',
    'X-Amz-Signature': 'abc'
  }

  it('sends the fields in order, the uploader Content-Type after them and the file last', () => {
    const command = postUploadCommand({ url, fields, contentTypeField: { startsWith: 'image/' } })
    expect(argvOf(command)).toEqual([
      '--form-string',
      'key=in/${filename}',
      '--form-string',
      'success_action_status=201',
      '--form-string',
      'bucket=bucket',
      '--form-string',
      'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      '--form-string',
      'Policy=eyJleHBpcmF0aW9uIjoiMjAzMC0wMS0wMlQwMzoxNDowNVoifQ==',
      '--form-string',
      'X-Amz-Signature=abc',
      '--form-string',
      'Content-Type=image/TYPE',
      '-F',
      'file=@FILE',
      url
    ])
    expect(command).toContain("--form-string 'key=in/${filename}'")
  })

  it('sends a given Content-Type, or application/octet-stream when any type goes', () => {
    const anyType = argvOf(postUploadCommand({ url, fields, contentTypeField: { startsWith: '' } }))
    expect(anyType.slice(-5, -3)).toEqual([
      '--form-string',
      'Content-Type=application/octet-stream'
    ])
    const given = argvOf(
      postUploadCommand(
        { url, fields, contentTypeField: { startsWith: 'image/' } },
        { contentType: 'image/jpeg', file: 'cat.jpg' }
      )
    )
    expect(given.slice(-4)).toEqual(['Content-Type=image/jpeg', '-F', 'file=@cat.jpg', url])
    expect(defaultPostContentType('')).toBe('application/octet-stream')
  })

  it('sends no Content-Type field when the link fixes it', () => {
    const argv = argvOf(postUploadCommand({ url, fields, contentTypeField: null }))
    expect(argv.some((arg) => arg.startsWith('Content-Type='))).toBe(false)
  })

  it.each(TRICKY)('passes a key like %j to curl as literal text', (key) => {
    const argv = argvOf(postUploadCommand({ url, fields: { key }, contentTypeField: null }))
    // --form-string: curl gives `@`, `<` and `;type=` no meaning, unlike -F.
    expect(argv).toEqual(['--form-string', `key=${key}`, '-F', 'file=@FILE', url])
  })

  it('quotes file paths in curl\'s own form syntax when they hold ; , " or \\', () => {
    const file = 'my "files"; final, v2\\x.pdf'
    const argv = argvOf(postUploadCommand({ url, fields: {}, contentTypeField: null }, { file }))
    expect(argv).toEqual(['-F', 'file=@"my \\"files\\"; final, v2\\\\x.pdf"', url])
    const plain = argvOf(
      postUploadCommand({ url, fields: {}, contentTypeField: null }, { file: "Zoë's cat.jpg" })
    )
    expect(plain).toEqual(['-F', "file=@Zoë's cat.jpg", url])
  })
})
