export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export interface SavedWindowState {
  bounds: Rectangle
  maximized: boolean
}

export const DEFAULT_WINDOW_SIZE = { width: 1240, height: 800 }
export const MIN_WINDOW_SIZE = { width: 880, height: 560 }

/**
 * The bounds to open the window with.
 *
 * Saved bounds are used only when most of the window lands on a display that still exists
 * (a laptop unplugged from its monitor must not open the app off-screen).
 */
export function boundsToRestore(
  saved: SavedWindowState | undefined,
  workAreas: Rectangle[]
): Partial<Rectangle> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE }
  const width = Math.max(saved.bounds.width, MIN_WINDOW_SIZE.width)
  const height = Math.max(saved.bounds.height, MIN_WINDOW_SIZE.height)
  const candidate = { ...saved.bounds, width, height }
  const visible = workAreas.some((area) => overlapArea(candidate, area) >= (width * height) / 2)
  return visible ? candidate : { width, height }
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/** Whether a value read back from disk is a usable window state (the file may be hand-edited). */
export function isSavedWindowState(value: unknown): value is SavedWindowState {
  if (typeof value !== 'object' || value === null) return false
  const { bounds, maximized } = value as Record<string, unknown>
  if (typeof maximized !== 'boolean' || typeof bounds !== 'object' || bounds === null) return false
  const rectangle = bounds as Record<string, unknown>
  return ['x', 'y', 'width', 'height'].every((side) => Number.isFinite(rectangle[side]))
}
