import { beforeAll } from 'vitest'

/**
 * jsdom has no modal dialogs: gives `<dialog>` the `showModal` and `close` that matter to the
 * renderer's tests (the open attribute, and the close event). Call at the top of a test file.
 */
export function stubModalDialogs() {
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute('open', '')
    }
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute('open')
      this.dispatchEvent(new Event('close'))
    }
  })
}
