import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import jsQR from 'jsqr'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { stubModalDialogs } from '../../lib/modal-dialogs-test-kit'
import { QrCodeButton } from './QrCodeButton'
import { QrCodeDialog } from './QrCodeDialog'

const LINK =
  'https://acme-data.s3.eu-west-1.amazonaws.com/reports/2025/q3%20summary%20%C3%A9t%C3%A9.pdf' +
  '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261130%2Feu-west-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20261130T140000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host' +
  '&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'

/** A link signed with a session token: 1.5 KB, as an SSO or assume-role profile makes them. */
const SESSION_LINK = `${LINK}&X-Amz-Security-Token=${'IQoJb3JpZ2luX2VjEKr%2F%2F'.repeat(52)}`

/** Paints the rendered code's path onto an RGBA buffer, `scale` pixels a module, and decodes it. */
function decodeRendered(scale = 4): string | null {
  const svg = screen.getByRole('img', { name: /QR code/ })
  const side = Number(svg.getAttribute('viewBox')?.split(' ')[2])
  const d = svg.querySelector('path')?.getAttribute('d') ?? ''
  const width = side * scale
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let column = Number(x); column < Number(x) + Number(run); column++) {
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = ((Number(y) * scale + dy) * width + column * scale + dx) * 4
          pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0
        }
      }
    }
  }
  return jsQR(pixels, width, width)?.data ?? null
}

stubModalDialogs()

afterEach(cleanup)

describe('QrCodeDialog', () => {
  it('draws a code that decodes back to the exact link', () => {
    render(<QrCodeDialog url={LINK} name="q3 summary.pdf" onClose={() => undefined} />)
    expect(screen.getByRole('dialog', { name: 'QR code' })).toHaveAttribute('open')
    expect(
      screen.getByRole('img', { name: 'QR code of the link to q3 summary.pdf' })
    ).toBeInTheDocument()
    expect(decodeRendered()).toBe(LINK)
    expect(screen.queryByTestId('qr-too-long')).not.toBeInTheDocument()
  })

  it('still encodes a session-token link exactly, but warns that phones may not read it', () => {
    expect(SESSION_LINK.length).toBeGreaterThan(1_300)
    render(<QrCodeDialog url={SESSION_LINK} onClose={() => undefined} />)
    expect(decodeRendered()).toBe(SESSION_LINK)
    expect(screen.getByTestId('qr-too-long')).toHaveTextContent(
      `This link is ${SESSION_LINK.length.toLocaleString('en')} characters long`
    )
  })

  it('says so instead of drawing when the link is too long for any QR code', () => {
    const huge = `${LINK}&pad=${'x'.repeat(3_000)}`
    render(<QrCodeDialog url={huge} onClose={() => undefined} />)
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('more than a QR code can hold')
  })

  it('takes focus when it opens and gives it back to the button when it closes', () => {
    // Inside another dialog, as in the share dialog: closing the code must not close that one.
    const onOuterClose = vi.fn()
    render(
      <dialog open onClose={onOuterClose}>
        <QrCodeButton url={LINK} name="q3 summary.pdf" />
      </dialog>
    )
    const button = screen.getByRole('button', { name: 'QR code' })
    button.focus()
    fireEvent.click(button)
    expect(screen.getByRole('button', { name: 'Done' })).toHaveFocus()

    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('dialog', { name: 'QR code' })).not.toBeInTheDocument()
    expect(button).toHaveFocus()

    fireEvent.click(button)
    // Escape makes the browser close a modal dialog, which fires `close`.
    fireEvent(screen.getByRole('dialog', { name: 'QR code' }), new Event('close'))
    expect(screen.queryByRole('dialog', { name: 'QR code' })).not.toBeInTheDocument()
    expect(button).toHaveFocus()
    expect(onOuterClose).not.toHaveBeenCalled()
  })
})
