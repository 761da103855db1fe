/**
 * User input quoted in messages.
 *
 * Error messages name what the user asked for (a bucket, a key, a profile, an IPC channel), and
 * that text can be anything: megabytes long, full of control characters, or carrying bidi
 * overrides that make a message read differently from what it says. Every message that quotes
 * input goes through here, so it stays short and shows what was really typed.
 */

/** The most characters of one quoted value a message shows. */
export const MAX_QUOTED_CHARS = 200

/** The most characters any error message that crosses IPC may have. */
export const MAX_MESSAGE_CHARS = 2_000

const ELLIPSIS = '…'

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
}

/**
 * Whether a character must not appear as itself in a message.
 *
 * C0 and C1 controls and DEL (line breaks, terminal escapes, NUL); lone surrogates, which no
 * encoding can carry; and the bidi embeddings, overrides and isolates (U+202A-202E,
 * U+2066-2069) plus the invisible direction marks and line separators, which reorder or split
 * the text around them.
 */
function isHidden(char: string): boolean {
  const code = char.codePointAt(0) ?? 0
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true
  // `for...of` yields a lone surrogate as a one-unit string; a valid pair comes as one code point.
  if (code >= 0xd800 && code <= 0xdfff) return true
  if (code >= 0x202a && code <= 0x202e) return true
  if (code >= 0x2066 && code <= 0x2069) return true
  return code === 0x200e || code === 0x200f || code === 0x061c || code === 0x2028 || code === 0x2029
}

/** A hidden character as an escape anyone can read (`\n`, `\u0000`, `\u202e`). */
function escape(char: string): string {
  return NAMED_ESCAPES[char] ?? `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`
}

/**
 * Text safe to show: hidden characters escaped, and cut to `maxChars` with an ellipsis.
 *
 * Counts characters (code points), never splits an escape or a surrogate pair, and reads only
 * as much of the input as it shows, so a value of many megabytes costs nothing.
 */
export function cleanForMessage(text: string, maxChars: number = MAX_QUOTED_CHARS): string {
  const pieces: string[] = []
  const sizes: number[] = []
  let count = 0
  for (const char of text) {
    const piece = isHidden(char) ? escape(char) : char
    // An escape is ASCII, so its length is its character count; any other piece is one character.
    const size = piece === char ? 1 : piece.length
    pieces.push(piece)
    sizes.push(size)
    count += size
    if (count > maxChars) {
      // Too long: drop whole pieces until the ellipsis fits.
      while (count > maxChars - 1 && pieces.length > 0) {
        pieces.pop()
        count -= sizes.pop() ?? 0
      }
      return pieces.join('') + ELLIPSIS
    }
  }
  return pieces.join('')
}

/** A value as a message quotes it: cleaned, at most 200 characters, in backticks (`` `dev` ``). */
export function quoteForMessage(text: string): string {
  return `\`${cleanForMessage(text)}\``
}
