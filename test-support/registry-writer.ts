/**
 * Another process writing to the link registry, as the `s3-share` command line would:
 *
 *   node test-support/registry-writer.ts DIR COUNT TAG [CHUNK]
 *
 * Opens the registry in DIR and prints "ready", waits for a line on stdin (so that two
 * processes can start writing together), records COUNT links with keys `TAG/file-N.txt` in
 * chunks of CHUNK (one transaction each), then prints "done" and the ids as JSON.
 */
import { sampleDraft } from './link-fixtures.ts'
import { openRegistryOnCue } from './registry-child.ts'

const [dir, count, tag, chunk = '50'] = process.argv.slice(2)
if (dir === undefined || count === undefined || tag === undefined) {
  throw new Error('usage: registry-writer.ts DIR COUNT TAG [CHUNK]')
}
const { repository, links } = await openRegistryOnCue(dir)

const ids: string[] = []
for (let start = 0; start < Number(count); start += Number(chunk)) {
  const size = Math.min(Number(chunk), Number(count) - start)
  const drafts = Array.from({ length: size }, (_, n) =>
    sampleDraft(start + n, { key: `${tag}/file-${start + n}.txt` })
  )
  ids.push(...links.recordMany(drafts).map((link) => link.id))
}
repository.close()
process.stdout.write(`done ${JSON.stringify(ids)}\n`)
