import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useEffect, useRef, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { DialogFrame } from '../features/share/DialogFrame'
import { stubModalDialogs } from './modal-dialogs-test-kit'
import { useDialogFocus } from './use-dialog-focus'

stubModalDialogs()

function Panel({ onClose, grab }: { onClose: () => void; grab?: boolean }) {
  const panel = useRef<HTMLDivElement>(null)
  useDialogFocus(panel)
  const ref = useRef<HTMLButtonElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <div ref={panel}>
      <button ref={ref} type="button" onClick={onClose}>
        Close panel
      </button>
      {grab && <input aria-label="Elsewhere" />}
    </div>
  )
}

function Opener({ children }: { children: (close: () => void) => React.ReactNode }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <input aria-label="Other field" />
      {open && children(() => setOpen(false))}
    </>
  )
}

describe('focus after a dialog closes', () => {
  it('goes back to the button that opened it', async () => {
    render(<Opener>{(close) => <Panel onClose={close} />}</Opener>)
    const opener = screen.getByRole('button', { name: 'Open' })
    opener.focus()
    fireEvent.click(opener)
    expect(screen.getByRole('button', { name: 'Close panel' })).toHaveFocus()
    fireEvent.click(screen.getByRole('button', { name: 'Close panel' }))
    await waitFor(() => expect(opener).toHaveFocus())
  })

  it('stays where the app moved it when something else took focus', async () => {
    render(<Opener>{(close) => <Panel onClose={close} />}</Opener>)
    const opener = screen.getByRole('button', { name: 'Open' })
    opener.focus()
    fireEvent.click(opener)
    const other = screen.getByRole('textbox', { name: 'Other field' })
    other.focus()
    fireEvent.click(screen.getByRole('button', { name: 'Close panel' }))
    other.focus()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(other).toHaveFocus()
  })

  it('wraps Tab from the last control to the first, and Shift+Tab back', () => {
    render(<Opener>{(close) => <Panel onClose={close} grab />}</Opener>)
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    const first = screen.getByRole('button', { name: 'Close panel' })
    const last = screen.getByRole('textbox', { name: 'Elsewhere' })
    last.focus()
    fireEvent.keyDown(last, { key: 'Tab' })
    expect(first).toHaveFocus()
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true })
    expect(last).toHaveFocus()
  })

  it('returns from every dialog built on the shared frame (profile, sign-in, share, receive)', async () => {
    render(
      <Opener>
        {(close) => (
          <DialogFrame
            title="A dialog"
            icon="bucket"
            onClose={close}
            onSubmit={(event) => event.preventDefault()}
            initialFocus={{ current: null }}
            footer={
              <button type="button" onClick={close}>
                Cancel
              </button>
            }
          >
            <p>Body</p>
          </DialogFrame>
        )}
      </Opener>
    )
    const opener = screen.getByRole('button', { name: 'Open' })
    opener.focus()
    fireEvent.click(opener)
    screen.getByRole('button', { name: 'Cancel' }).focus()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(opener).toHaveFocus())
  })
})
