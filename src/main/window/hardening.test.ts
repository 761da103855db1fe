import { describe, expect, it } from 'vitest'
import { hardenWebContents, type WebContentsLike } from './hardening'

/** Opens `url` as the page would (window.open, target=_blank) and returns what reached the browser. */
function openFromPage(urls: string[]): string[] {
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const contents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => {
      openHandler = handler
    },
    on: () => {}
  } as unknown as WebContentsLike
  const opened: string[] = []
  hardenWebContents(contents, (url) => opened.push(url))
  for (const url of urls) expect(openHandler!({ url })).toEqual({ action: 'deny' })
  return opened
}

describe('links the page opens', () => {
  it('reach the default browser normalized', () => {
    expect(openFromPage(['HTTPS://Example.COM/a b', 'https://bücher.example/'])).toEqual([
      'https://example.com/a%20b',
      'https://xn--bcher-kva.example/'
    ])
  })

  it('are dropped when they carry credentials, control characters or another scheme', () => {
    expect(
      openFromPage([
        'https://user:pw@example.com/',
        'https://bank.example@evil.example/',
        'http://x\ny',
        'java\tscript:alert(1)',
        'https://x/\u0000',
        'data:text/html,hi',
        'file:///etc/passwd'
      ])
    ).toEqual([])
  })
})
