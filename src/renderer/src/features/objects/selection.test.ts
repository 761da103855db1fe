import { describe, expect, it } from 'vitest'
import {
  EMPTY_SELECTION,
  clearSelection,
  clickRow,
  moveTo,
  selectAll,
  selectOnly,
  selectedInOrder,
  type RowSelection
} from './selection'

const order = ['a/', 'b/', 'c.txt', 'd.txt', 'e.txt', 'f.txt']
const plain = { shift: false, toggle: false }
const shift = { shift: true, toggle: false }
const toggle = { shift: false, toggle: true }

function selected(selection: RowSelection): string[] {
  return selectedInOrder(selection, order)
}

describe('clicking rows', () => {
  it('selects only the clicked row on a plain click', () => {
    let selection = clickRow(EMPTY_SELECTION, order, 'c.txt', plain)
    selection = clickRow(selection, order, 'e.txt', plain)
    expect(selected(selection)).toEqual(['e.txt'])
    expect(selection.focusId).toBe('e.txt')
  })

  it('selects the range from the last plain click on a Shift-click, either direction', () => {
    let selection = clickRow(EMPTY_SELECTION, order, 'c.txt', plain)
    selection = clickRow(selection, order, 'e.txt', shift)
    expect(selected(selection)).toEqual(['c.txt', 'd.txt', 'e.txt'])
    // A second Shift-click changes the range from the same anchor instead of growing it.
    selection = clickRow(selection, order, 'a/', shift)
    expect(selected(selection)).toEqual(['a/', 'b/', 'c.txt'])
  })

  it('adds and removes single rows on Ctrl/Cmd-click, and ranges from the last one toggled', () => {
    let selection = clickRow(EMPTY_SELECTION, order, 'a/', plain)
    selection = clickRow(selection, order, 'd.txt', toggle)
    expect(selected(selection)).toEqual(['a/', 'd.txt'])
    selection = clickRow(selection, order, 'a/', toggle)
    expect(selected(selection)).toEqual(['d.txt'])
    selection = clickRow(selection, order, 'f.txt', shift)
    expect(selected(selection)).toEqual(order)
  })

  it('adds a range to what is selected on Ctrl/Cmd+Shift-click', () => {
    let selection = clickRow(EMPTY_SELECTION, order, 'a/', plain)
    selection = clickRow(selection, order, 'd.txt', toggle)
    selection = clickRow(selection, order, 'f.txt', { shift: true, toggle: true })
    expect(selected(selection)).toEqual(['a/', 'd.txt', 'e.txt', 'f.txt'])
  })

  it('ranges from the clicked row itself when nothing was clicked before', () => {
    const selection = clickRow(EMPTY_SELECTION, order, 'd.txt', shift)
    expect(selected(selection)).toEqual(['d.txt'])
  })

  it('ranges from the focused row when the anchor is filtered out', () => {
    const selection: RowSelection = { ids: new Set(), focusId: 'b/', anchorId: 'gone.txt' }
    expect(selected(clickRow(selection, order, 'd.txt', shift))).toEqual(['b/', 'c.txt', 'd.txt'])
  })
})

describe('the keyboard', () => {
  it('moves the selection with arrows and extends it with Shift', () => {
    let selection = moveTo(EMPTY_SELECTION, order, 2)
    selection = moveTo(selection, order, 3, { extend: true })
    selection = moveTo(selection, order, 4, { extend: true })
    expect(selected(selection)).toEqual(['c.txt', 'd.txt', 'e.txt'])
    // Back up past the anchor: the range flips to the other side.
    selection = moveTo(selection, order, 3, { extend: true })
    selection = moveTo(selection, order, 2, { extend: true })
    selection = moveTo(selection, order, 1, { extend: true })
    expect(selected(selection)).toEqual(['b/', 'c.txt'])
    expect(selection.focusId).toBe('b/')
    selection = moveTo(selection, order, 5)
    expect(selected(selection)).toEqual(['f.txt'])
  })

  it('moves without changing the selection with Ctrl/Cmd, for picking rows apart', () => {
    let selection = selectOnly('a/')
    selection = moveTo(selection, order, 3, { keep: true })
    expect(selected(selection)).toEqual(['a/'])
    expect(selection.focusId).toBe('d.txt')
  })

  it('stays within the rows shown', () => {
    expect(moveTo(EMPTY_SELECTION, order, 99).focusId).toBe('f.txt')
    expect(moveTo(EMPTY_SELECTION, order, -3).focusId).toBe('a/')
    expect(moveTo(EMPTY_SELECTION, [], 0)).toBe(EMPTY_SELECTION)
  })

  it('selects every row shown, and clears keeping the keyboard on its row', () => {
    let selection = selectAll(selectOnly('d.txt'), order)
    expect(selected(selection)).toEqual(order)
    expect(selection.focusId).toBe('d.txt')
    selection = clearSelection(selection)
    expect(selected(selection)).toEqual([])
    expect(selection.focusId).toBe('d.txt')
    expect(selected(moveTo(selection, order, 4, { extend: true }))).toEqual(['d.txt', 'e.txt'])
  })
})

describe('the selection an action takes', () => {
  it('is the selected rows still shown, in the order shown', () => {
    const selection: RowSelection = {
      ids: new Set(['f.txt', 'hidden.txt', 'a/']),
      focusId: 'f.txt',
      anchorId: 'f.txt'
    }
    expect(selected(selection)).toEqual(['a/', 'f.txt'])
  })
})
