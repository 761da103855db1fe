const PATHS = {
  folder: (
    <path d="M1.75 4.25c0-.83.67-1.5 1.5-1.5h3.1l1.5 1.5h4.9c.83 0 1.5.67 1.5 1.5v6c0 .83-.67 1.5-1.5 1.5h-9.5c-.83 0-1.5-.67-1.5-1.5z" />
  ),
  file: (
    <>
      <path d="M4.25 1.75h5l3 3v9.5h-8z" />
      <path d="M9.25 1.75v3h3" />
    </>
  ),
  bucket: (
    <>
      <ellipse cx="8" cy="4" rx="5.75" ry="2" />
      <path d="M2.25 4l1.4 8.6c.15.95 2.1 1.65 4.35 1.65s4.2-.7 4.35-1.65L13.75 4" />
    </>
  ),
  share: (
    <>
      <path d="M6.6 9.4l2.8-2.8" />
      <path d="M7.2 4.6l1.3-1.3a2.55 2.55 0 0 1 3.6 3.6l-1.3 1.3" />
      <path d="M8.8 11.4l-1.3 1.3a2.55 2.55 0 0 1-3.6-3.6l1.3-1.3" />
    </>
  ),
  refresh: (
    <>
      <path d="M13.25 8a5.25 5.25 0 1 1-1.54-3.71" />
      <path d="M12.25 1.75v2.9h-2.9" />
    </>
  ),
  copy: (
    <>
      <rect x="5.25" y="5.25" width="8.5" height="8.5" rx="1.5" />
      <path d="M10.75 5.25v-1.5c0-.83-.67-1.5-1.5-1.5h-5.5c-.83 0-1.5.67-1.5 1.5v5.5c0 .83.67 1.5 1.5 1.5h1.5" />
    </>
  ),
  details: (
    <>
      <rect x="1.75" y="2.75" width="12.5" height="10.5" rx="1.5" />
      <path d="M10.25 2.75v10.5" />
    </>
  ),
  chevronRight: <path d="M6 3.5L10.5 8 6 12.5" />,
  arrowUp: <path d="M8 12.5v-9M4 7.5l4-4 4 4" />,
  arrowDown: <path d="M8 3.5v9M4 8.5l4 4 4-4" />,
  upload: (
    <>
      <path d="M8 10.25v-7.5M4.75 6L8 2.75 11.25 6" />
      <path d="M2.75 10v2.25c0 .55.45 1 1 1h8.5c.55 0 1-.45 1-1V10" />
    </>
  ),
  warning: (
    <>
      <path d="M7.13 2.5a1 1 0 0 1 1.74 0l5.6 9.75a1 1 0 0 1-.87 1.5H2.4a1 1 0 0 1-.87-1.5z" />
      <path d="M8 6.25v3M8 11.5v.01" />
    </>
  ),
  error: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 4.75v3.75M8 11v.01" />
    </>
  ),
  check: <path d="M3.5 8.5l3 3 6-7" />,
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  links: (
    <>
      <path d="M2.75 4.25h10.5M2.75 8h10.5M2.75 11.75h6.5" />
    </>
  ),
  search: (
    <>
      <circle cx="7" cy="7" r="4.25" />
      <path d="M10.25 10.25l3.5 3.5" />
    </>
  ),
  external: (
    <>
      <path d="M9.25 2.25h4.5v4.5" />
      <path d="M13.75 2.25L7.75 8.25" />
      <path d="M12.25 9.5v2.75c0 .83-.67 1.5-1.5 1.5h-7c-.83 0-1.5-.67-1.5-1.5v-7c0-.83.67-1.5 1.5-1.5H6.5" />
    </>
  ),
  trash: (
    <>
      <path d="M2.25 4.25h11.5" />
      <path d="M6.25 4.25v-1.5h3.5v1.5" />
      <path d="M3.75 4.25l.65 8.6c.06.78.71 1.4 1.5 1.4h4.2c.79 0 1.44-.62 1.5-1.4l.65-8.6" />
    </>
  ),
  key: (
    <>
      <circle cx="5.25" cy="10.75" r="3" />
      <path d="M7.4 8.6l6.35-6.35" />
      <path d="M11.25 4.75l1.75 1.75" />
    </>
  ),
  logo: (
    <>
      <path d="M8 1.75l5.75 3.1v6.3L8 14.25l-5.75-3.1v-6.3z" />
      <path d="M6.3 9.7l3.4-3.4" />
      <path d="M8.55 5.45l.7-.7a1.6 1.6 0 0 1 2.25 2.25l-.7.7" />
      <path d="M7.45 10.55l-.7.7a1.6 1.6 0 0 1-2.25-2.25l.7-.7" />
    </>
  ),
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

export type IconName = keyof typeof PATHS

export interface IconProps {
  name: IconName
  className?: string
  /** Pixels; 16 by default. The drawing scales, its strokes with it. */
  size?: number
}

/** A line icon drawn in the current text color; decorative, so hidden from assistive tech. */
export function Icon({ name, className, size = 16 }: IconProps) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
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
