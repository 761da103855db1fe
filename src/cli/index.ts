#!/usr/bin/env node
/**
 * The `s3-share` command. Nothing is imported statically: the registry needs `node:sqlite`
 * (Node 22.13+), and on an older Node a static import would fail before any word to the user.
 */
const sqlite = await import('node:sqlite').then(
  () => true,
  () => false
)

if (sqlite) {
  const { runProcess } = await import('./process')
  await runProcess()
} else {
  process.stderr.write(
    `s3-share needs Node.js 22.13 or later (24 recommended): it keeps links in the built-in ` +
      `node:sqlite, which this Node.js (${process.version}) does not have. Install a newer ` +
      'Node.js (e.g. `nvm install 24`) and run it again.\n'
  )
  process.exitCode = 1
}

// A module, so that top-level await is allowed.
export {}
