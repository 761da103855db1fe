/**
 * A process that records links as fast as it can and says which ones are safe:
 *
 *   node test-support/reliability/registry-burst-writer.ts DIR TAG [COUNT]
 *
 * Opens the registry in DIR, prints "ready", waits for a line on stdin, then records links (one
 * at a time and in small batches, as the app and the CLI do) and prints "ack ID" for each link
 * once the call that recorded it has returned, i.e. committed. COUNT 0 (the default) writes
 * until killed; otherwise it prints "done" after COUNT links and exits.
 */
import { sampleDraft } from '../link-fixtures.ts'
import { openRegistryOnCue } from '../registry-child.ts'

const [dir, tag, countText = '0'] = process.argv.slice(2)
if (dir === undefined || tag === undefined) {
  throw new Error('usage: registry-burst-writer.ts DIR TAG [COUNT]')
}
const count = Number(countText)
const { repository, links } = await openRegistryOnCue(dir)

let written = 0
while (count === 0 || written < count) {
  // Every third step a batch of five, as a recursive share writes them.
  const size = written % 3 === 2 ? Math.min(5, count === 0 ? 5 : count - written) : 1
  const drafts = Array.from({ length: size }, (_, n) =>
    sampleDraft(written + n, { key: `${tag}/file-${written + n}.txt` })
  )
  const recorded = size === 1 ? [links.record(drafts[0]!)] : links.recordMany(drafts)
  // One write per step: the parent may see fewer acks than were committed, never more.
  process.stdout.write(recorded.map((link) => `ack ${link.id}\n`).join(''))
  written += size
  // Let stdout drain now and then, so the parent hears acks while the burst goes on.
  if (written % 20 === 0) await new Promise((resolve) => setImmediate(resolve))
}
repository.close()
process.stdout.write('done\n')
