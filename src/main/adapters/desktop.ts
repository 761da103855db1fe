import { BrowserWindow, clipboard, dialog, shell } from 'electron'
import { writeFile } from 'node:fs/promises'
import type { SaveFileRequest } from '../app-services'
import { webUrlToOpen } from '../../shared/web-url'

/** The desktop services main uses, behind plain functions so the rest of main never imports them. */
export const desktop = {
  /** Hands only plain http(s) links, normalized, to the default browser; refuses anything else. */
  openExternal: async (url: string): Promise<void> => shell.openExternal(webUrlToOpen(url)),
  clipboard: { writeText: (text: string): Promise<void> => clipboard.writeText(text) },
  showStartupError: (message: string): void =>
    dialog.showErrorBox('S3 Share Manager could not start', message),
  /** Asks where to save an export and writes it; null when the user cancels the dialog. */
  saveTextFile: async ({
    defaultName,
    format,
    content
  }: SaveFileRequest): Promise<string | null> => {
    const options = { defaultPath: defaultName, filters: [EXPORT_FILTERS[format]] }
    const parent = BrowserWindow.getFocusedWindow()
    const { canceled, filePath } = parent
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options)
    if (canceled || !filePath) return null
    // The file holds working links, which are bearer tokens: readable by the user only.
    await writeFile(filePath, content, { mode: 0o600 })
    return filePath
  }
}

const EXPORT_FILTERS: Record<SaveFileRequest['format'], { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  text: { name: 'Text, one link per line', extensions: ['txt'] }
}
