import type { CSSProperties } from 'react'
import { QR_QUIET_ZONE, qrPath, type QrMatrix } from './qr-matrix'

/**
 * A QR code as inline SVG: black modules on white, with its quiet zone.
 *
 * Always dark on light, in the dark theme too: many phone readers do not look for inverted
 * codes. Inline SVG, not a `data:` image, keeps the page's strict CSP as it is.
 */
export function QrCode({ matrix, label }: { matrix: QrMatrix; label: string }) {
  const side = matrix.size + 2 * QR_QUIET_ZONE
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
      data-version={matrix.version}
      style={{ '--qr-side': side } as CSSProperties}
    >
      <rect width={side} height={side} fill="#ffffff" />
      <path d={qrPath(matrix)} fill="#000000" />
    </svg>
  )
}
