import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { installFakeApi, ok, renderWithClient } from '../../lib/test-utils'
import type { ReceiveTarget } from '../share/receive-target'
import type { BucketLocation } from './bucket-input'
import { BucketList } from './BucketList'

function setup() {
  installFakeApi({ listBuckets: async () => ok([{ name: 'photos', createdAt: null }]) })
  const onOpen = vi.fn<(location: BucketLocation) => void>()
  const onReceive = vi.fn<(target: ReceiveTarget) => void>()
  renderWithClient(
    <BucketList
      profileId="dev"
      cliProfile="dev"
      selectedBucket={null}
      onOpen={onOpen}
      onReceive={onReceive}
    />
  )
  return { onOpen, onReceive }
}

describe('a bucket’s menu', () => {
  it('receives files into the bucket’s root, from a right-click', async () => {
    const { onReceive, onOpen } = setup()
    fireEvent.contextMenu(await screen.findByRole('button', { name: /photos/ }))
    expect(screen.getByRole('menu', { name: 'photos' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('menuitem', { name: 'Receive files here…' }))
    expect(onReceive).toHaveBeenCalledWith({ profileId: 'dev', bucket: 'photos', prefix: '' })
    expect(onOpen).not.toHaveBeenCalled()
  })

  it('opens from the keyboard with Shift+F10 and gives focus back on Escape', async () => {
    const { onOpen } = setup()
    const bucket = await screen.findByRole('button', { name: /photos/ })
    bucket.focus()
    fireEvent.keyDown(bucket, { key: 'F10', shiftKey: true })
    const open = screen.getByRole('menuitem', { name: 'Open' })
    expect(open).toHaveFocus()
    fireEvent.keyDown(open, { key: 'Escape' })
    expect(screen.queryByRole('menu')).toBeNull()
    expect(bucket).toHaveFocus()
    expect(onOpen).not.toHaveBeenCalled()
  })
})
