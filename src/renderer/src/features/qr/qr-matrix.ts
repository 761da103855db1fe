import { create } from 'qrcode'

/**
 * The largest QR version a phone reliably reads off a screen.
 *
 * Version 25 is 117×117 modules; with the 4-module quiet zone the dialog draws it about
 * 2.3 px per module at its usual 290 px, and a phone held at a comfortable distance sees
 * roughly as much. Beyond it, modules shrink under what phone cameras lock onto without the
 * user moving closer and holding still (scanner guidance commonly stops around versions 20 to
 * 25). At error correction L that is about 1,270 characters of URL: an ordinary pre-signed
 * link fits, one carrying a session token (1.3 to 1.8 KB) does not.
 */
export const MAX_PHONE_FRIENDLY_QR_VERSION = 25

/** The blank border a reader needs around a QR code, in modules (ISO/IEC 18004). */
export const QR_QUIET_ZONE = 4

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number
  /** QR version, 1 to 40. */
  version: number
  /** Whether the module at (row, column) is dark. */
  isDark: (row: number, column: number) => boolean
}

export type QrResult = { ok: true; matrix: QrMatrix } | { ok: false; message: string }

/**
 * The QR code of `text`, at error correction L.
 *
 * A code on a screen is not smudged or torn, which is what the higher levels pay for; L keeps
 * the code as small as it can be, which is what decides whether a phone reads it.
 */
export function qrMatrix(text: string): QrResult {
  try {
    const code = create(text, { errorCorrectionLevel: 'L' })
    const { size, data } = code.modules
    return {
      ok: true,
      matrix: {
        size,
        version: code.version,
        isDark: (row, column) => data[row * size + column] === 1
      }
    }
  } catch {
    return {
      ok: false,
      message: `This link is ${text.length.toLocaleString('en')} characters long, more than a QR code can hold (about 2,950).`
    }
  }
}

/**
 * An SVG path drawing the dark modules, one `M x y h n v 1 h -n z` per horizontal run, with
 * the quiet zone as an offset. One path keeps the DOM small (a version-40 code has ~15,000 dark
 * modules), and runs keep it short.
 */
export function qrPath(matrix: QrMatrix): string {
  const parts: string[] = []
  for (let row = 0; row < matrix.size; row++) {
    let column = 0
    while (column < matrix.size) {
      if (!matrix.isDark(row, column)) {
        column++
        continue
      }
      const start = column
      while (column < matrix.size && matrix.isDark(row, column)) column++
      const run = column - start
      parts.push(`M${start + QR_QUIET_ZONE} ${row + QR_QUIET_ZONE}h${run}v1h-${run}z`)
    }
  }
  return parts.join('')
}
