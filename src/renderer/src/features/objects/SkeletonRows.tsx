/** Grey placeholder rows while a folder's first page loads. */
export function SkeletonRows() {
  return (
    <div className="grid-skeleton" role="status">
      <span className="visually-hidden">Loading folder…</span>
      {[46, 32, 58, 40, 52, 28, 44, 36].map((width, index) => (
        <div key={index} className="grid-row skeleton-row" aria-hidden="true">
          <div className="cell cell-name">
            <span className="skeleton-line" style={{ width: `${width}%` }} />
          </div>
          <div className="cell cell-size">
            <span className="skeleton-line skeleton-short" />
          </div>
          <div className="cell cell-lastModified">
            <span className="skeleton-line" />
          </div>
          <div className="cell cell-storageClass">
            <span className="skeleton-line skeleton-short" />
          </div>
          <div className="cell cell-actions" />
        </div>
      ))}
    </div>
  )
}
