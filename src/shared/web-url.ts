import { AppError } from './errors'

/**
 * Longest URL handed to the browser.
 *
 * A pre-signed URL with a session token is a few kilobytes; Windows refuses a command line
 * longer than 32,767 characters, which is how a URL reaches the default browser there.
 */
export const MAX_WEB_URL_LENGTH = 32_767

/** C0 controls (tab, newline, NUL...), DEL and C1 controls. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true
  }
  return false
}

/**
 * A plain web link (http or https) as the browser should get it, or null.
 *
 * The raw text is checked before parsing: `new URL` silently drops tabs and newlines, so
 * `java\tscript:` or a URL spliced with a line break would otherwise come out looking clean.
 * Refused too: other schemes (`javascript:`, `file:`, `data:`, custom ones), user names and
 * passwords (`https://bank.example@evil.example` reads as a trusted host), and empty hosts.
 * What comes back is the parsed `href`: scheme and host lower-cased, IDN hosts in punycode,
 * spaces and other unsafe characters percent-encoded.
 */
export function normalizeWebUrl(url: string): string | null {
  if (url.length > MAX_WEB_URL_LENGTH || hasControlCharacter(url)) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  if (parsed.username !== '' || parsed.password !== '') return null
  if (parsed.hostname === '') return null
  if (parsed.href.length > MAX_WEB_URL_LENGTH) return null
  return parsed.href
}

/** Whether a URL is a plain web link (http or https), the only kind the app hands to a browser. */
export function isWebUrl(url: string): boolean {
  return normalizeWebUrl(url) !== null
}

/**
 * The link to hand to the default browser; throws `AppError('invalid-argument')` for anything
 * `normalizeWebUrl` refuses.
 */
export function webUrlToOpen(url: string): string {
  const href = normalizeWebUrl(url)
  if (href === null) {
    throw new AppError(
      'invalid-argument',
      'Only plain http and https links open in the browser: this one has another scheme, a user name or password, control characters, or no host.'
    )
  }
  return href
}
