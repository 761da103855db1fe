import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client
} from '@aws-sdk/client-s3'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freePorts } from '../../../test-support/free-ports'
import { swiftProfile, swiftSeedClient } from '../../../test-support/swift-profiles'
import { signingPipeline } from '../../../test-support/swift-services'
import { isAppError } from '../../shared/errors'
import type { IssuedLink } from '../../shared/models'
import { openLinkDatabase } from '../adapters/link-db'
import { createLinkService, type LinkService } from './links'
import type { LinkRepository } from './registry-ports'
import { createRevokeService, UPLOAD_LINK_REASON, type RevokeService } from './revoke'
import type { SigningService } from './signing'

const swift = inject('swift')
const secret = { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey }
const suffix = Math.random().toString(36).slice(2, 10)
const bucket = `revoke-it-${suffix}`
const versionedBucket = `revoke-it-v-${suffix}`

let storeDir: string
let repository: LinkRepository
let links: LinkService
let signing: SigningService
let revoke: RevokeService
let seed: S3Client

async function put(key: string, body: string, into = bucket): Promise<string | undefined> {
  const output = await seed.send(new PutObjectCommand({ Bucket: into, Key: key, Body: body }))
  return output.VersionId
}

async function exists(key: string): Promise<boolean> {
  try {
    await seed.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    return true
  } catch {
    return false
  }
}

function download(key: string, profileId = 'swift'): Promise<IssuedLink> {
  return signing.createDownloadLink({ profileId, bucket, key, expiresInSeconds: 3600 })
}

/** A link as another profile would have made it: the same URL, recorded under `profileId`. */
function recordedAs(link: IssuedLink, changes: Partial<IssuedLink>): IssuedLink {
  const { id: _id, ...draft } = link
  return links.record({ ...draft, ...changes })
}

function revokedHow(link: IssuedLink): string | null {
  return links.get(link.id).revoked?.how ?? null
}

beforeAll(async () => {
  const [closedPort] = await freePorts(1)
  const endpoint = swift.endpoints['us-east-1']!
  const profiles = [
    swiftProfile('swift', endpoint),
    swiftProfile('swift-wrong-secret', endpoint),
    swiftProfile('swift-down', `http://127.0.0.1:${closedPort}`)
  ]
  storeDir = await mkdtemp(join(tmpdir(), 's3sm-revoke-it-'))
  repository = openLinkDatabase({ dir: storeDir })
  links = createLinkService({ repository })
  const pipeline = signingPipeline(
    profiles,
    (profileId) => async () =>
      profileId === 'swift-wrong-secret'
        ? { ...secret, secretAccessKey: 'not-the-secret' }
        : secret,
    links
  )
  signing = pipeline.signing
  revoke = createRevokeService({ links, gateway: pipeline.gateway })
  seed = swiftSeedClient(swift)
  await seed.send(new CreateBucketCommand({ Bucket: bucket }))
}, 60_000)

afterAll(async () => {
  seed?.destroy()
  repository?.close()
  if (storeDir) await rm(storeDir, { recursive: true, force: true })
})

describe('revoking links on a real S3 server (Swift)', () => {
  it('deletes the object only when asked, and shows every link it ended as revoked', async () => {
    await put('shared/report.pdf', 'quarterly figures')
    await put('shared/other.pdf', 'something else')
    const first = await download('shared/report.pdf')
    const second = await download('shared/report.pdf')
    const third = await download('shared/report.pdf')
    const elsewhere = await download('shared/other.pdf')
    const expired = recordedAs(first, {
      createdAt: new Date(Date.now() - 7_200_000).toISOString(),
      expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
      requestedExpiresAt: new Date(Date.now() - 3_600_000).toISOString()
    })

    // The plan names the other live links the deletion ends, and changes nothing.
    const plan = await revoke.plan(second.id)
    expect(plan).toMatchObject({
      canDeleteObject: true,
      cannotDeleteReason: null,
      versioned: false,
      note: expect.stringMatching(/deleted for good/)
    })
    expect(plan.otherLinks.map((link) => link.id)).toEqual([first.id, third.id])
    expect(await exists('shared/report.pdf')).toBe(true)
    expect((await fetch(first.url)).status).toBe(200)

    expect(await revoke.revoke(second.id, 'delete-object')).toEqual({
      revoked: 3,
      deletedObject: true
    })
    expect(await exists('shared/report.pdf')).toBe(false)
    for (const link of [first, second, third]) {
      expect(revokedHow(link)).toBe('object-deleted')
      expect((await fetch(link.url)).status).toBe(404)
    }
    // Links it did not end stay as they were.
    expect(revokedHow(elsewhere)).toBeNull()
    expect(revokedHow(expired)).toBeNull()
    expect(await exists('shared/other.pdf')).toBe(true)
    const page = links.query({ status: 'revoked', offset: 0, limit: 10 })
    expect(page.rows.map((row) => row.kind === 'link' && row.link.id).sort()).toEqual(
      [first.id, second.id, third.id].sort()
    )
  })

  it('counts a link pinned to version null of an unversioned bucket among the links a delete ends', async () => {
    await put('shared/null-version.txt', 'one version only')
    const latest = await download('shared/null-version.txt')
    const pinned = await signing.createDownloadLink({
      profileId: 'swift',
      bucket,
      key: 'shared/null-version.txt',
      expiresInSeconds: 3600,
      versionId: 'null'
    })
    const plan = await revoke.plan(latest.id)
    expect(plan).toMatchObject({ versioned: false, survivingLinks: [] })
    expect(plan.otherLinks.map((link) => link.id)).toEqual([pinned.id])
    const fromPinned = await revoke.plan(pinned.id)
    expect(fromPinned.otherLinks.map((link) => link.id)).toEqual([latest.id])
    expect(fromPinned.note).toMatch(/deleted for good/)

    expect(await revoke.revoke(latest.id, 'delete-object')).toEqual({
      revoked: 2,
      deletedObject: true
    })
    expect(await exists('shared/null-version.txt')).toBe(false)
    expect([revokedHow(latest), revokedHow(pinned)]).toEqual(['object-deleted', 'object-deleted'])
  })

  it('marks only the one link when asked to mark, and deletes nothing', async () => {
    await put('marked/notes.txt', 'still here')
    const marked = await download('marked/notes.txt')
    const sibling = await download('marked/notes.txt')

    expect(await revoke.revoke(marked.id, 'mark')).toEqual({ revoked: 1, deletedObject: false })
    expect(links.get(marked.id).revoked).toEqual({ at: expect.any(String), how: 'marked' })
    expect(revokedHow(sibling)).toBeNull()
    expect(await exists('marked/notes.txt')).toBe(true)
    // Marking is a note for the user: the URL itself still works, as the plan explains.
    expect((await fetch(marked.url)).status).toBe(200)
    // Marking twice changes nothing more.
    expect(await revoke.revoke(marked.id, 'mark')).toEqual({ revoked: 0, deletedObject: false })
  })

  it.each([
    ['the server refuses the delete', 'swift-wrong-secret', undefined],
    ['the server cannot be reached', 'swift-down', 'endpoint-unreachable']
  ])(
    'marks nothing and says why when %s',
    async (_, profileId, code) => {
      const key = `failing/${profileId}.txt`
      await put(key, 'must survive')
      const made = await download(key)
      const link = recordedAs(made, { profileId })
      const sibling = await download(key)

      const failure = await revoke.revoke(link.id, 'delete-object').catch((error: unknown) => error)
      expect(isAppError(failure)).toBe(true)
      if (code !== undefined) expect(failure).toMatchObject({ code })
      expect(revokedHow(link)).toBeNull()
      expect(revokedHow(sibling)).toBeNull()
      expect(await exists(key)).toBe(true)
      expect((await fetch(sibling.url)).status).toBe(200)
    },
    60_000
  )

  it('never deletes for an upload link: it can only be marked', async () => {
    const upload = await signing.createUploadLink({
      profileId: 'swift',
      bucket,
      destination: { kind: 'key', key: 'incoming/report.pdf' },
      method: 'PUT',
      expiresInSeconds: 3600
    })
    await put('incoming/report.pdf', 'uploaded')

    expect(await revoke.plan(upload.id)).toMatchObject({
      canDeleteObject: false,
      cannotDeleteReason: UPLOAD_LINK_REASON,
      otherLinks: []
    })
    await expect(revoke.revoke(upload.id, 'delete-object')).rejects.toMatchObject({
      code: 'invalid-argument'
    })
    expect(await exists('incoming/report.pdf')).toBe(true)
    expect(revokedHow(upload)).toBeNull()
    expect(await revoke.revoke(upload.id, 'mark')).toEqual({ revoked: 1, deletedObject: false })
  })

  describe('in a bucket that keeps versions', () => {
    let versions: { old: string; latest: string } | null = null

    beforeAll(async () => {
      await seed.send(new CreateBucketCommand({ Bucket: versionedBucket }))
      await seed.send(
        new PutBucketVersioningCommand({
          Bucket: versionedBucket,
          VersioningConfiguration: { Status: 'Enabled' }
        })
      )
      const old = await put('doc.txt', 'first draft', versionedBucket)
      const latest = await put('doc.txt', 'final text', versionedBucket)
      if (old !== undefined && latest !== undefined) versions = { old, latest }
    })

    async function versionIds(): Promise<string[]> {
      const listed = await seed.send(
        new ListObjectVersionsCommand({ Bucket: versionedBucket, Prefix: 'doc.txt' })
      )
      return (listed.Versions ?? []).map((version) => version.VersionId ?? 'null')
    }

    it('says which pinned links outlive a delete, and deletes only a pinned link’s version', async () => {
      expect(versions, 'Swift keeps versions (versioned_writes)').not.toBeNull()
      const { old, latest } = versions!
      const made = await signing.createDownloadLink({
        profileId: 'swift',
        bucket: versionedBucket,
        key: 'doc.txt',
        expiresInSeconds: 3600
      })
      const toLatest = recordedAs(made, {})
      const pinnedOld = recordedAs(made, { versionId: old })
      const alsoOld = recordedAs(made, { versionId: old })

      const plan = await revoke.plan(made.id)
      expect(plan.versioned).toBe(true)
      expect(plan.otherLinks.map((link) => link.id)).toEqual([toLatest.id])
      expect(plan.survivingLinks?.map((link) => link.id)).toEqual([pinnedOld.id, alsoOld.id])
      expect(plan.note).toMatch(/delete marker/)
      expect(plan.note).toMatch(/2 links are pinned to an older version/)

      const pinnedPlan = await revoke.plan(pinnedOld.id)
      expect(pinnedPlan.otherLinks.map((link) => link.id)).toEqual([alsoOld.id])
      expect(pinnedPlan.note).toMatch(/Only version/)

      expect(await revoke.revoke(pinnedOld.id, 'delete-object')).toEqual({
        revoked: 2,
        deletedObject: true
      })
      expect(await versionIds()).toEqual([latest])
      expect(revokedHow(pinnedOld)).toBe('object-deleted')
      expect(revokedHow(alsoOld)).toBe('object-deleted')
      expect(revokedHow(made)).toBeNull()
      expect(revokedHow(toLatest)).toBeNull()
      expect((await fetch(made.url)).status).toBe(200)
    })
  })
})
