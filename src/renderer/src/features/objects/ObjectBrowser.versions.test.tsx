import { screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ObjectDetails, ObjectVersion } from '../../../../shared/models'
import {
  installFakeApi,
  mockLayout,
  ok,
  page,
  renderWithClient,
  type FakeHandlers
} from '../../lib/test-utils'
import { ObjectBrowser } from './ObjectBrowser'
import type { ShareTarget } from './share-target'

const head: ObjectDetails = {
  bucket: 'photos',
  key: 'report.pdf',
  region: 'us-east-1',
  size: 2048,
  contentType: 'application/pdf',
  etag: '"abc"',
  lastModified: '2026-11-20T10:00:00.000Z',
  storageClass: 'STANDARD',
  versionId: 'v3-latest',
  cacheControl: null,
  contentDisposition: null,
  metadata: {}
}

const versions: ObjectVersion[] = [
  {
    versionId: 'v3-latest',
    isLatest: true,
    isDeleteMarker: false,
    size: 2048,
    lastModified: '2026-11-20T10:00:00.000Z',
    etag: '"abc"'
  },
  {
    versionId: 'v2-marker',
    isLatest: false,
    isDeleteMarker: true,
    size: 0,
    lastModified: '2026-11-10T10:00:00.000Z',
    etag: null
  },
  {
    versionId: 'v1-first',
    isLatest: false,
    isDeleteMarker: false,
    size: 1_500_000,
    lastModified: '2026-11-01T10:00:00.000Z',
    etag: '"def"'
  }
]

function setup(handlers: FakeHandlers) {
  const fake = installFakeApi({
    listObjects: async () => ok(page('', [], [['report.pdf', 2048]])),
    ...handlers
  })
  const onShare = vi.fn<(target: ShareTarget) => void>()
  const view = renderWithClient(
    <ObjectBrowser
      profileId="dev"
      bucket="photos"
      prefix=""
      onNavigate={() => {}}
      onShare={onShare}
      onShareMany={() => {}}
    />
  )
  return { ...fake, ...view, onShare }
}

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = mockLayout({ height: 560 })
})
afterEach(() => restoreLayout())

describe("an object's versions in the details panel", () => {
  it('lists the versions of an object on a versioned bucket, newest first, with markers', async () => {
    const { user } = setup({
      headObject: async () => ok(head),
      listObjectVersions: async () => ok(versions)
    })
    await user.click(await screen.findByRole('row', { name: /^report\.pdf/ }))
    const section = await screen.findByRole('region', { name: 'Versions' })
    const items = await within(section).findAllByRole('listitem')
    expect(items).toHaveLength(3)
    expect(items[0]).toHaveTextContent('Latest')
    expect(items[0]).toHaveTextContent('2.0 KB')
    expect(items[0]).toHaveTextContent('v3-latest')
    expect(items[1]).toHaveTextContent('Delete marker')
    expect(within(items[1]!).queryByRole('button')).not.toBeInTheDocument()
    expect(items[2]).toHaveTextContent('1.5 MB')
    expect(items[2]).toHaveTextContent('November 1, 2026')
    expect(window.api.listObjectVersions).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      key: 'report.pdf'
    })
  })

  it('opens the share dialog pinned to the version chosen', async () => {
    const { user, onShare } = setup({
      headObject: async () => ok(head),
      listObjectVersions: async () => ok(versions)
    })
    await user.click(await screen.findByRole('row', { name: /^report\.pdf/ }))
    const section = await screen.findByRole('region', { name: 'Versions' })
    const [, , first] = await within(section).findAllByRole('listitem')
    await user.click(within(first!).getByRole('button', { name: /Share this version/ }))
    expect(onShare).toHaveBeenCalledWith({
      profileId: 'dev',
      bucket: 'photos',
      key: 'report.pdf',
      size: 1_500_000,
      versionId: 'v1-first'
    })
  })

  it('shows nothing more on a bucket that keeps no versions', async () => {
    const { user } = setup({
      headObject: async () => ok({ ...head, versionId: null }),
      listObjectVersions: async () => ok(versions)
    })
    await user.click(await screen.findByRole('row', { name: /^report\.pdf/ }))
    expect(await screen.findByText('None (unversioned)')).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Versions' })).not.toBeInTheDocument()
    expect(window.api.listObjectVersions).not.toHaveBeenCalled()
  })
})
