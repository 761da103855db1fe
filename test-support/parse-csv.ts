/** The strict RFC 4180 reader, for tests that check exported files. */
export { parseCsv } from '../src/shared/csv'
