/**
 * Keys that naive signing or URL code mangles: spaces, non-ASCII, URL metacharacters, double
 * and trailing slashes. The Swift suites fetch each one; the fast signer must match the SDK on all.
 */
export const TRICKY_KEYS: readonly string[] = [
  'with spaces/a file name.txt',
  'unicode/Résumé – 日本語.txt',
  'emoji/🎉 party 🎂.bin',
  'chars/plus+sign.txt',
  'chars/hash#tag.txt',
  'chars/question?mark.txt',
  'chars/amp&ersand.txt',
  'chars/equals=sign.txt',
  'chars/per%cent%20.txt',
  "chars/apos'trophe.txt",
  'chars/"double quotes".txt',
  'chars/all + # ? & = % \' ".txt',
  'double//slash.txt',
  'trailing space.txt ',
  'one/two/three/four/five/deep.txt'
]

/** Keys with `.` or `..` segments, which browsers and most tools rewrite before sending. */
export const DOT_SEGMENT_KEYS: readonly string[] = [
  'dots/../escape.txt',
  './leading-dot.txt',
  'dots/./middle.txt'
]
