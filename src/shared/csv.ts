/** CSV as RFC 4180 defines it, both ways. */

/**
 * Records as CSV per RFC 4180: CRLF after every record, and a field in double quotes (its
 * quotes doubled) when it holds a comma, a quote, CR or LF. Keys may hold all four.
 */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('')
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

const SPECIAL = /[,\r\n"]/g

/**
 * Records from RFC 4180 CSV, as `toCsv` writes it.
 *
 * Strict: a stray quote, a bare line break outside quotes or a last record without its CRLF is an
 * error, not a guess.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let at = 0
  while (at < text.length) {
    if (text[at] === '"') {
      at += 1
      for (;;) {
        const quote = text.indexOf('"', at)
        if (quote === -1) throw new Error('Unterminated quoted field')
        field += text.slice(at, quote)
        at = quote + 1
        if (text[at] !== '"') break
        field += '"'
        at += 1
      }
    } else {
      SPECIAL.lastIndex = at
      const stop = SPECIAL.exec(text)?.index ?? text.length
      if (text[stop] === '"') throw new Error(`Quote inside an unquoted field at ${stop}`)
      field += text.slice(at, stop)
      at = stop
    }
    if (text[at] === ',') {
      record.push(field)
      field = ''
      at += 1
    } else if (text.startsWith('\r\n', at)) {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      at += 2
    } else {
      throw new Error(`Expected a comma or CRLF at ${at}`)
    }
  }
  if (field !== '' || record.length > 0) throw new Error('The last record has no CRLF')
  return records
}
