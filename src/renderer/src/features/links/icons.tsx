import type { ReactNode } from 'react'

/** Icons the shared set (`lib/Icon`) lacks, drawn the same way: 16 px, 1.3 px strokes. */
function Glyph({ children, size = 16 }: { children: ReactNode; size?: number }) {
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
      {children}
    </svg>
  )
}

export function ExternalIcon() {
  return (
    <Glyph>
      <path d="M9.25 2.25h4.5v4.5" />
      <path d="M13.75 2.25L7.75 8.25" />
      <path d="M12.25 9.5v2.75c0 .83-.67 1.5-1.5 1.5h-7c-.83 0-1.5-.67-1.5-1.5v-7c0-.83.67-1.5 1.5-1.5H6.5" />
    </Glyph>
  )
}

export function TrashIcon() {
  return (
    <Glyph>
      <path d="M2.25 4.25h11.5" />
      <path d="M6.25 4.25v-1.5h3.5v1.5" />
      <path d="M3.75 4.25l.65 8.6c.06.78.71 1.4 1.5 1.4h4.2c.79 0 1.44-.62 1.5-1.4l.65-8.6" />
    </Glyph>
  )
}

export function KeyIcon({ size }: { size?: number }) {
  return (
    <Glyph size={size}>
      <circle cx="5.25" cy="10.75" r="3" />
      <path d="M7.4 8.6l6.35-6.35" />
      <path d="M11.25 4.75l1.75 1.75" />
    </Glyph>
  )
}
