import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { installFakeApi, mockLayout, ok, page, renderWithClient } from '../../lib/test-utils'
import type { ReceiveTarget } from '../share/receive-target'
import { ObjectBrowser } from './ObjectBrowser'

function setup(onReceive?: (target: ReceiveTarget) => void) {
  const restore = mockLayout()
  installFakeApi({
    listObjects: async ({ prefix }) => ok(page(prefix, ['scans'], [['notes.txt', 12]]))
  })
  const view = renderWithClient(
    <ObjectBrowser
      profileId="dev"
      bucket="photos"
      prefix="inbox/"
      onNavigate={() => {}}
      onShare={() => {}}
      onShareMany={() => {}}
      onReceive={onReceive}
    />
  )
  return { ...view, restore }
}

describe('receiving files from the browser', () => {
  it('opens the receive dialog for a folder from its menu, and for the folder shown from the toolbar', async () => {
    const onReceive = vi.fn<(target: ReceiveTarget) => void>()
    const { restore } = setup(onReceive)
    const folder = await screen.findByRole('row', { name: /scans/ })
    fireEvent.contextMenu(folder)
    fireEvent.click(screen.getByRole('menuitem', { name: 'Receive files here…' }))
    expect(onReceive).toHaveBeenLastCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      prefix: 'inbox/scans/'
    })

    fireEvent.click(screen.getByRole('button', { name: 'Receive files here…' }))
    expect(onReceive).toHaveBeenLastCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      prefix: 'inbox/'
    })

    // A file's menu has no such entry: uploads go into folders.
    fireEvent.contextMenu(screen.getByRole('row', { name: /notes\.txt/ }))
    expect(within(screen.getByRole('menu')).queryByRole('menuitem', { name: /Receive/ })).toBeNull()
    restore()
  })

  it('offers nothing to receive where the app cannot make upload links', async () => {
    const { restore } = setup()
    fireEvent.contextMenu(await screen.findByRole('row', { name: /scans/ }))
    expect(screen.queryByRole('menuitem', { name: /Receive/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /Receive/ })).toBeNull()
    restore()
  })
})
