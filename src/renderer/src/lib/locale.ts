/**
 * The UI's locale for numbers and dates.
 *
 * Electron sets `navigator.language` from the system, so sizes and dates read the way the
 * user's other apps show them.
 */
export function uiLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language
}
