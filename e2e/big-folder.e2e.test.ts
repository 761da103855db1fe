import { CreateBucketCommand } from '@aws-sdk/client-s3'
import aws4 from 'aws4'
import { Agent, request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findLeakedSecrets, startAppFixture, type AppFixture } from './support/app-fixture'
import { launchRenderer, type RendererHost } from './support/renderer-host'

const BUCKET = 'big-folder'
const FOLDER = 'camera/'
const OBJECT_COUNT = 5_000
const SUBFOLDER_COUNT = 200
/** Parallel PUTs while seeding: enough to keep Swift busy on two cores without refusals. */
const SEED_CONCURRENCY = 12
/** The object table's row height in pixels (its stylesheet's `--row-height`). */
const ROW_HEIGHT = 28

/** What the page's scroll container is, for a test compiled without the DOM's types. */
interface Scrollable {
  scrollTop: number
}

/** `IMG_0000.jpg` … `IMG_4999.jpg`: S3 lists them before the `sub-…/` folders, on pages 1–5. */
function objectName(index: number): string {
  return `IMG_${String(index).padStart(4, '0')}.jpg`
}

/** `sub-000/` … `sub-199/`: listed after every object, so they all arrive with the last page. */
function folderName(index: number): string {
  return `sub-${String(index).padStart(3, '0')}`
}

/**
 * Puts the folder's 5,000 objects and one object in each of its 200 sub-folders, in parallel.
 *
 * Plain signed HTTP requests over kept-alive sockets rather than the SDK: on two cores the SDK's
 * per-request work competes with Swift for the CPU, and Swift is the bottleneck either way.
 */
async function seedBigFolder(fixture: AppFixture): Promise<number> {
  const started = performance.now()
  await fixture.s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  const keys = [
    ...Array.from({ length: OBJECT_COUNT }, (_, i) => `${FOLDER}${objectName(i)}`),
    ...Array.from({ length: SUBFOLDER_COUNT }, (_, i) => `${FOLDER}${folderName(i)}/keep.txt`)
  ]
  const endpoint = new URL(fixture.swift.endpoint)
  const agent = new Agent({ keepAlive: true, maxSockets: SEED_CONCURRENCY })
  const credentials = {
    accessKeyId: fixture.swift.accessKeyId,
    secretAccessKey: fixture.swift.secretAccessKey
  }
  const put = (key: string) => {
    const signed = aws4.sign(
      {
        host: endpoint.host,
        path: `/${BUCKET}/${key}`,
        method: 'PUT',
        service: 's3',
        region: 'us-east-1',
        body: 'x',
        headers: { 'Content-Type': 'image/jpeg' }
      },
      credentials
    )
    return new Promise<void>((resolve, reject) => {
      const request = httpRequest(
        {
          host: endpoint.hostname,
          port: endpoint.port,
          path: signed.path,
          method: 'PUT',
          headers: signed.headers as Record<string, string>,
          agent
        },
        (response) => {
          response.resume()
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(new Error(`PUT ${key}: HTTP ${response.statusCode}`))
          )
        }
      )
      request.on('error', reject)
      request.end('x')
    })
  }
  let next = 0
  const worker = async () => {
    while (next < keys.length) await put(keys[next++]!)
  }
  try {
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker))
  } finally {
    agent.destroy()
  }
  return performance.now() - started
}

describe('a folder of 5,000 objects and 200 sub-folders', () => {
  let fixture: AppFixture
  let host: RendererHost

  beforeAll(async () => {
    fixture = await startAppFixture([])
    const seedMs = await seedBigFolder(fixture)
    console.info(
      `big-folder: seeded ${OBJECT_COUNT + SUBFOLDER_COUNT} objects in ${Math.round(seedMs)} ms`
    )
    host = await launchRenderer({
      dispatch: (channel, args) => fixture.services.router.dispatch(channel, args),
      subscribe: (emit) => fixture.services.subscribe(emit)
    })
  }, 900_000)

  afterAll(async () => {
    try {
      await host?.close()
    } finally {
      await fixture?.stop()
    }
  })

  const names = () => host.page.locator('.grid-body-row .name-text').allInnerTexts()
  const status = () => host.page.locator('.statusbar .status-count').innerText()
  /** The table's scroll position; set to scroll as a user would. */
  const scroller = () => host.page.locator('.grid-scroll')
  const scrollTop = () => scroller().evaluate((element) => (element as Scrollable).scrollTop)

  it('opens the folder one page at a time, saying more is to come', async () => {
    const { page } = host
    await page.getByRole('button', { name: new RegExp(BUCKET) }).click()
    await page
      .getByRole('grid')
      .getByRole('row', { name: /camera/ })
      .dblclick()
    await expect.poll(status).toBe('1,000 loaded, more to come')
    expect(await names()).toContain('IMG_0000.jpg')
  })

  it('finds an object on a page not loaded yet by searching names that start with the text', async () => {
    const box = host.page.getByRole('searchbox', { name: 'Search this folder' })
    await box.fill('IMG_465')
    await expect.poll(status).toBe('10 names start with “IMG_465” · 1,000 loaded, more to come')
    await expect.poll(names).toContain('IMG_4650.jpg')
    expect(await host.page.locator('.search-note').innerText()).toMatch(/capitals exactly/)

    // A whole name is a prefix too.
    await box.fill('IMG_4650.jpg')
    await expect.poll(names).toEqual(['IMG_4650.jpg'])

    await box.fill('img_46')
    await expect.poll(() => host.page.getByText('No names start with “img_46”').count()).toBe(1)
    await box.press('Escape')
    await expect.poll(status).toBe('1,000 loaded, more to come')
  })

  it('holds the rows in view while the sub-folders arrive, and Load all reaches every entry', async () => {
    const { page } = host
    await scroller().evaluate(
      (element, top) => ((element as Scrollable).scrollTop = top),
      500 * ROW_HEIGHT + 10
    )
    const reading = page.getByRole('row', { name: /^IMG_0500\.jpg/ })
    await expect.poll(() => reading.count()).toBe(1)
    const before = await reading.boundingBox()

    await page.getByRole('button', { name: 'Load all' }).click()
    await expect.poll(status, { timeout: 60_000 }).toBe('5,200 items')
    await expect.poll(() => page.getByRole('grid').getAttribute('aria-rowcount')).toBe('5201')

    // 200 folders went in above IMG_0500.jpg; it has not moved on screen.
    await expect.poll(scrollTop).toBe((200 + 500) * ROW_HEIGHT + 10)
    await expect.poll(async () => (await reading.boundingBox())?.y).toBe(before?.y)
    expect(await names()).not.toContain('sub-000')

    // Everything is loaded: the filter now matches any part of a name, in any case.
    await page.getByRole('searchbox', { name: 'Search this folder' }).fill('img_46')
    await expect.poll(status).toBe('100 matches · 5,200 items')
    await page.getByRole('searchbox', { name: 'Search this folder' }).press('Escape')
  })

  it('goes to the real end with End, loading what it needs, and back with Home', async () => {
    const { page } = host
    await page.getByRole('button', { name: 'Refresh folder' }).click()
    await expect.poll(status).toBe('1,000 loaded, more to come')
    const grid = page.getByRole('grid')
    await grid.focus()
    await page.keyboard.press('End')
    await expect.poll(status, { timeout: 60_000 }).toBe('5,200 items')
    const selected = grid.locator('.grid-body-row[aria-selected="true"] .name-text')
    await expect.poll(() => selected.allInnerTexts()).toEqual(['IMG_4999.jpg'])
    expect(await selected.isVisible()).toBe(true)

    await page.keyboard.press('Home')
    await expect.poll(() => selected.allInnerTexts()).toEqual(['sub-000'])
    await expect.poll(scrollTop).toBe(0)
  })

  it('never sends a secret to the renderer', () => {
    expect(findLeakedSecrets(fixture, host.traffic)).toEqual([])
  })
})
