import type { ReactNode } from 'react'

/** One labelled fact in the details panel. */
export function Prop({
  label,
  mono,
  children
}: {
  label: string
  mono?: boolean
  children: ReactNode
}) {
  return (
    <div className="prop">
      <dt>{label}</dt>
      <dd className={mono ? 'mono selectable' : 'selectable'}>{children}</dd>
    </div>
  )
}

/** An ETag without quotes, with the part count of a multipart upload. */
export function Etag({ etag }: { etag: string }) {
  const bare = etag.replace(/^"|"$/g, '')
  const parts = /-(\d+)$/.exec(bare)?.[1]
  return (
    <>
      {bare}
      {parts && <span className="muted"> (multipart, {parts} parts)</span>}
    </>
  )
}

/** A value still on its way (HeadObject). */
export function Pending() {
  return (
    <span className="skeleton-line skeleton-inline" role="status">
      <span className="visually-hidden">Loading…</span>
    </span>
  )
}
