import { MAX_BULK_KEYS } from '../../../../shared/ipc-contract'
import type { BulkSelection, ObjectPage, PrefixCount } from '../../../../shared/models'
import type { BulkShareTarget } from '../objects/share-target'

/**
 * How a bulk share reaches main.
 *
 * Main takes either a list of keys or one prefix. Picked objects alone, or one folder alone, go
 * as they are; picked objects together with folders need the folders' keys listed first.
 */
export type BulkPlan =
  | { kind: 'ready'; selection: BulkSelection }
  | { kind: 'expand'; keys: string[]; folders: string[] }

export function planBulkShare(target: BulkShareTarget): BulkPlan {
  const keys = target.objects.map((object) => object.key)
  const [only, ...others] = target.folders
  if (only === undefined) return { kind: 'ready', selection: { kind: 'keys', keys } }
  if (keys.length === 0 && others.length === 0) {
    return { kind: 'ready', selection: { kind: 'prefix', prefix: only } }
  }
  return { kind: 'expand', keys, folders: target.folders }
}

export type ListPage = (prefix: string, token: string | null) => Promise<ObjectPage>

/**
 * Every key under the given folders (sub-folders included), after `keys`, without duplicates.
 *
 * Walks the folders a page at a time with the browser's own listing; stops when `signal`
 * aborts, and throws past `MAX_BULK_KEYS`, the most one bulk share takes.
 */
export async function expandFolders(
  list: ListPage,
  keys: readonly string[],
  folders: readonly string[],
  options: { signal?: AbortSignal; onProgress?: (found: number) => void } = {}
): Promise<string[]> {
  const found = new Set(keys)
  const pending = [...folders]
  for (let prefix = pending.shift(); prefix !== undefined; prefix = pending.shift()) {
    let token: string | null = null
    do {
      options.signal?.throwIfAborted()
      const page: ObjectPage = await list(prefix, token)
      for (const object of page.objects) {
        // A console's zero-byte "folder marker" has the folder's own key: not a file in it.
        if (object.key !== page.prefix) found.add(object.key)
      }
      for (const folder of page.folders) pending.push(folder.prefix)
      if (found.size > MAX_BULK_KEYS) {
        throw new RangeError(
          `More than ${MAX_BULK_KEYS.toLocaleString('en-US')} objects: too many for one bulk share.`
        )
      }
      options.onProgress?.(found.size)
      token = page.nextToken
    } while (token !== null)
  }
  return [...found]
}

/** One part of a bulk share as the dialog counts it. */
export type PartCount =
  | { state: 'counting' }
  | { state: 'failed'; error: unknown }
  | { state: 'counted'; count: PrefixCount }

export interface ScopeTotal {
  /** Objects in all, once every folder is counted; null while counting or after a failure. */
  objects: number | null
  bytes: number
  /** Some folder holds more objects than one bulk share takes. */
  tooMany: boolean
  counting: boolean
}

/** The whole share: the picked objects plus what each folder holds. */
export function scopeTotal(target: BulkShareTarget, folders: readonly PartCount[]): ScopeTotal {
  let objects: number | null = target.objects.length
  let bytes = target.objects.reduce((sum, object) => sum + object.size, 0)
  let tooMany = false
  let counting = false
  for (const part of folders) {
    if (part.state === 'counted') {
      if (objects !== null) objects += part.count.objects
      bytes += part.count.bytes
      tooMany ||= part.count.truncated
    } else {
      objects = null
      counting ||= part.state === 'counting'
    }
  }
  if (objects !== null && objects > MAX_BULK_KEYS) tooMany = true
  return { objects, bytes, tooMany, counting }
}
