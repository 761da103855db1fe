import { clipboard, dialog, shell } from 'electron'

/** The desktop services main uses, behind plain functions so the rest of main never imports them. */
export const desktop = {
  openExternal: (url: string): Promise<void> => shell.openExternal(url),
  clipboard: { writeText: (text: string): Promise<void> => clipboard.writeText(text) },
  showStartupError: (message: string): void =>
    dialog.showErrorBox('S3 Share Manager could not start', message)
}
