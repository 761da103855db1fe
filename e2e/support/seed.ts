import type { SeedObject } from './app-fixture'

const kb = (n: number) => new Uint8Array(n * 1024).fill(0x61)

/** A small, realistic set of buckets for the e2e runs and the README screenshots. */
export const DEMO_OBJECTS: SeedObject[] = [
  { bucket: 'acme-media', key: 'brand/logo.svg', body: '<svg/>', contentType: 'image/svg+xml' },
  {
    bucket: 'acme-media',
    key: 'brand/logo-dark.svg',
    body: '<svg/>',
    contentType: 'image/svg+xml'
  },
  {
    bucket: 'acme-media',
    key: 'video/launch-teaser.mp4',
    body: kb(2048),
    contentType: 'video/mp4'
  },
  {
    bucket: 'acme-reports',
    key: 'reports/2026/Q3 summary.pdf',
    body: 'Q3 summary: revenue up 12 %',
    contentType: 'application/pdf',
    metadata: { department: 'finance', reviewed: 'yes' }
  },
  {
    bucket: 'acme-reports',
    key: 'reports/2026/Q4 forecast.xlsx',
    body: kb(184),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  },
  { bucket: 'acme-reports', key: 'reports/2026/board deck – Nov.pptx', body: kb(3120) },
  { bucket: 'acme-reports', key: 'reports/2025/annual report.pdf', body: kb(920) },
  { bucket: 'acme-reports', key: 'reports/archive/2019.zip', body: kb(12) },
  {
    bucket: 'acme-reports',
    key: 'exports/customers-2026-11-27.csv',
    body: kb(48),
    contentType: 'text/csv'
  },
  {
    bucket: 'acme-reports',
    key: 'exports/orders-2026-11-27.csv',
    body: kb(96),
    contentType: 'text/csv'
  },
  { bucket: 'acme-reports', key: 'README.md', body: '# Reports\n', contentType: 'text/markdown' },
  {
    bucket: 'acme-reports',
    key: 'Résumé – Zoë (final) #2.pdf',
    body: kb(64),
    contentType: 'application/pdf'
  },
  {
    bucket: 'acme-reports',
    key: 'invoice 2026+11 & co.pdf',
    body: kb(31),
    contentType: 'application/pdf'
  },
  {
    bucket: 'team-share',
    key: 'handover/notes.txt',
    body: 'handover notes',
    contentType: 'text/plain'
  }
]
