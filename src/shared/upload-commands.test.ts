import { describe, expect, it } from 'vitest'
import {
  defaultPostContentType,
  FILE_PLACEHOLDER,
  postUploadCommand,
  putUploadCommand,
  shellQuote
} from './upload-commands'

// What a real shell makes of these commands is checked in
// src/main/adapters/upload-presigner.commands.test.ts; here, their exact text.

describe('shellQuote', () => {
  it('leaves plainly safe words unquoted, for readable commands', () => {
    expect(shellQuote(FILE_PLACEHOLDER)).toBe('FILE')
    expect(shellQuote('./photos/cat.jpg')).toBe('./photos/cat.jpg')
  })

  it("single-quotes everything else, writing ' as '\\''", () => {
    expect(shellQuote('a b')).toBe("'a b'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
    expect(shellQuote('$HOME `id` \\ !')).toBe("'$HOME `id` \\ !'")
    expect(shellQuote('')).toBe("''")
    expect(shellQuote('~user')).toBe("'~user'")
    expect(shellQuote('a\nb')).toBe("'a\nb'")
  })
})

describe('putUploadCommand', () => {
  const url =
    'https://b.s3.amazonaws.com/in/x.png?X-Amz-Signature=abc&X-Amz-SignedHeaders=content-type%3Bhost'

  it('sends the file with exactly the signed headers', () => {
    expect(putUploadCommand({ url, headers: { 'Content-Type': 'image/png' } })).toBe(
      `curl --upload-file FILE -H 'Content-Type: image/png' '${url}'`
    )
    expect(putUploadCommand({ url, headers: {} }, 'my file.png')).toBe(
      `curl --upload-file 'my file.png' '${url}'`
    )
  })
})

describe('postUploadCommand', () => {
  it('writes text fields as --form-string, then the Content-Type, then the file', () => {
    expect(
      postUploadCommand({
        url: 'https://b.s3.amazonaws.com/',
        fields: { key: 'in/${filename}', Policy: 'eyJ9' },
        contentTypeField: { startsWith: 'image/' }
      })
    ).toBe(
      "curl --form-string 'key=in/${filename}' --form-string Policy=eyJ9 --form-string Content-Type=image/TYPE -F file=@FILE https://b.s3.amazonaws.com/"
    )
  })

  it('chooses a Content-Type the policy accepts when the uploader names none', () => {
    expect(defaultPostContentType('')).toBe('application/octet-stream')
    expect(defaultPostContentType('image/')).toBe('image/TYPE')
  })
})
