/** Line icons only the Links view uses, drawn like the app's `Icon` (16 × 16, current color). */
const PATHS = {
  bell: (
    <>
      <path d="M4 11.5V7.5a4 4 0 0 1 8 0v4l1 1H3z" />
      <path d="M6.8 13.8a1.3 1.3 0 0 0 2.4 0" />
    </>
  ),
  qr: (
    <>
      <path d="M2.5 2.5h4v4h-4zM9.5 2.5h4v4h-4zM2.5 9.5h4v4h-4z" />
      <path d="M9.5 9.5h1.5v1.5M13.5 9.5v1.5M9.5 13.5h1.5M12.5 12.5h1v1" />
    </>
  ),
  test: (
    <>
      <path d="M6 2.5h4M7 2.5v4l-3.6 6a1 1 0 0 0 .9 1.5h7.4a1 1 0 0 0 .9-1.5L9 6.5v-4" />
      <path d="M5 10.5h6" />
    </>
  ),
  renew: (
    <>
      <path d="M13 8a5 5 0 0 1-8.9 3.1M3 8a5 5 0 0 1 8.9-3.1" />
      <path d="M12.3 2.3v2.8H9.5M3.7 13.7v-2.8h2.8" />
    </>
  ),
  revoke: (
    <>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M4.1 11.9l7.8-7.8" />
    </>
  ),
  more: (
    <>
      <circle cx="3.5" cy="8" r="0.6" />
      <circle cx="8" cy="8" r="0.6" />
      <circle cx="12.5" cy="8" r="0.6" />
    </>
  )
} as const

export type LinkIconName = keyof typeof PATHS

export function LinkIcon({ name, size = 16 }: { name: LinkIconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  )
}
