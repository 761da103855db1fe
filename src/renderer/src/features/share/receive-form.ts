import type { InvokeArgs } from '../../../../shared/ipc-contract'
import { formatExactBytes } from '../../../../shared/format'
import { parentPrefix } from '../../../../shared/object-key'
import { objectKeyProblem } from '../../../../shared/s3-names'
import {
  contentTypePrefixProblem,
  contentTypeProblem,
  FILENAME_VARIABLE,
  MAX_SINGLE_UPLOAD_BYTES,
  type ContentTypeRule
} from '../../../../shared/upload-links'
import type { ReceiveTarget } from './receive-target'

/**
 * The receive dialog's form, as pure data: what the user chose, what is wrong with it, and the
 * `links:create-upload` request it makes. Sizes are in the app's decimal units (1 MB = 1,000,000
 * bytes), like every size it shows.
 */

export type SizeUnit = 'KB' | 'MB' | 'GB'
export const SIZE_UNITS: readonly SizeUnit[] = ['KB', 'MB', 'GB']
const UNIT_BYTES: Record<SizeUnit, number> = { KB: 1e3, MB: 1e6, GB: 1e9 }

export type TypeRuleKind = 'any' | 'exact' | 'starts-with'

export interface ReceiveForm {
  /** One exact key, or the uploader's file name under the folder (POST only). */
  destination: 'key' | 'prefix'
  /** The exact key's name under the folder (`report.pdf`); may hold sub-folders. */
  fileName: string
  method: 'PUT' | 'POST'
  /** PUT: the Content-Type bound into the signature; '' for none. */
  putType: string
  maxAmount: string
  maxUnit: SizeUnit
  /** '' for no minimum. */
  minAmount: string
  minUnit: SizeUnit
  typeRule: TypeRuleKind
  typeValue: string
  /** Publish a browser upload page as well. */
  page: boolean
  pageKey: string
  /** The user changed the page key: it no longer follows the destination. */
  pageKeyEdited: boolean
  pageTitle: string
  pageNote: string
  label: string
  /** Random, fixed for the dialog's life: the default page key's name. */
  pageSuffix: string
}

export type FormField = 'fileName' | 'putType' | 'maxSize' | 'minSize' | 'typeValue' | 'pageKey'
export type FormProblems = Partial<Record<FormField, string>>

export const DEFAULT_MAX_MB = '100'

/** Where a new upload page is stored: a hidden folder, outside what a POST link may write to. */
export function defaultPageKey(
  prefix: string,
  destination: ReceiveForm['destination'],
  suffix: string
): string {
  // A POST link for any name may write every key under its prefix, the page's too: an uploader
  // could replace it. One level up it is out of reach (except at the bucket's root).
  const folder = destination === 'prefix' ? parentPrefix(prefix) : prefix
  return `${folder}.s3-share/upload-${suffix}.html`
}

export function initialReceiveForm(target: ReceiveTarget, pageSuffix: string): ReceiveForm {
  return {
    destination: 'prefix',
    fileName: '',
    method: 'POST',
    putType: '',
    maxAmount: DEFAULT_MAX_MB,
    maxUnit: 'MB',
    minAmount: '',
    minUnit: 'KB',
    typeRule: 'any',
    typeValue: '',
    page: false,
    pageKey: defaultPageKey(target.prefix, 'prefix', pageSuffix),
    pageKeyEdited: false,
    pageTitle: '',
    pageNote: '',
    label: '',
    pageSuffix
  }
}

/**
 * The form after a change, kept consistent: "any file name" needs POST (a PUT URL names one
 * key), and the page key follows the destination until the user edits it.
 */
export function updateForm(
  target: ReceiveTarget,
  form: ReceiveForm,
  patch: Partial<ReceiveForm>
): ReceiveForm {
  const next = { ...form, ...patch }
  if ('pageKey' in patch) next.pageKeyEdited = true
  if (next.destination === 'prefix') next.method = 'POST'
  if (!next.pageKeyEdited) {
    next.pageKey = defaultPageKey(target.prefix, next.destination, next.pageSuffix)
  }
  return next
}

/** The key an exact-name link writes to. */
export function exactKey(target: ReceiveTarget, form: ReceiveForm): string {
  return target.prefix + form.fileName.trim()
}

/** A size typed with its unit, in bytes; or why it is not one. */
export function parseSize(
  amount: string,
  unit: SizeUnit
): { ok: true; bytes: number } | { ok: false; message: string } {
  const value = Number(amount.trim())
  if (amount.trim() === '' || !Number.isFinite(value) || value < 0) {
    return { ok: false, message: 'Enter a size such as 25 or 2.5.' }
  }
  return { ok: true, bytes: Math.round(value * UNIT_BYTES[unit]) }
}

const MAX_SIZE_WORDS = `5 GiB (${formatExactBytes(MAX_SINGLE_UPLOAD_BYTES)}, about 5.37 GB)`

function maxSizeProblem(form: ReceiveForm): { problem?: string; bytes: number | null } {
  const parsed = parseSize(form.maxAmount, form.maxUnit)
  if (!parsed.ok) return { problem: parsed.message, bytes: null }
  if (parsed.bytes < 1) return { problem: 'The largest size must be above 0.', bytes: null }
  if (parsed.bytes > MAX_SINGLE_UPLOAD_BYTES) {
    return {
      problem: `S3 refuses a single upload above ${MAX_SIZE_WORDS}. Choose a smaller limit.`,
      bytes: null
    }
  }
  return { bytes: parsed.bytes }
}

function fileNameProblem(target: ReceiveTarget, form: ReceiveForm): string | undefined {
  const name = form.fileName.trim()
  if (name === '') return 'Type the name the file is saved as, such as `report.pdf`.'
  if (name.endsWith('/')) return 'A file name cannot end with `/`: that names a folder.'
  if (name.includes(FILENAME_VARIABLE)) {
    return `\`${FILENAME_VARIABLE}\` stands for the uploader's file name: choose "Any file name" instead.`
  }
  const problem = objectKeyProblem(exactKey(target, form))
  return problem === null ? undefined : `The key ${problem}.`
}

function pageKeyProblem(target: ReceiveTarget, form: ReceiveForm): string | undefined {
  const key = form.pageKey.trim()
  if (key === '') return 'Type where the page is stored in the bucket.'
  if (key.endsWith('/')) return 'The page key cannot end with `/`: that names a folder.'
  if (form.destination === 'key' && key === exactKey(target, form)) {
    return 'The page cannot be stored where the upload goes: the upload would replace it.'
  }
  if (form.destination === 'prefix' && target.prefix !== '' && key.startsWith(target.prefix)) {
    return `The page would be inside \`${target.prefix}\`, which receives the uploads: an uploader could replace it. Store it outside that folder.`
  }
  const problem = objectKeyProblem(key)
  return problem === null ? undefined : `The page key ${problem}.`
}

/** Every problem of the form, by field; empty when it can be sent. */
export function formProblems(target: ReceiveTarget, form: ReceiveForm): FormProblems {
  const problems: FormProblems = {}
  if (form.destination === 'key') problems.fileName = fileNameProblem(target, form)
  if (form.method === 'PUT' && form.putType.trim() !== '') {
    const problem = contentTypeProblem(form.putType.trim())
    if (problem !== null) problems.putType = `The Content-Type ${problem}.`
  }
  if (form.method === 'POST') {
    const max = maxSizeProblem(form)
    problems.maxSize = max.problem
    if (form.minAmount.trim() !== '') {
      const min = parseSize(form.minAmount, form.minUnit)
      if (!min.ok) problems.minSize = min.message
      else if (max.bytes !== null && min.bytes > max.bytes) {
        problems.minSize = 'The smallest size is above the largest: no file could be uploaded.'
      }
    }
    if (form.typeRule !== 'any') {
      const value = form.typeValue.trim()
      const problem =
        form.typeRule === 'exact' ? contentTypeProblem(value) : contentTypePrefixProblem(value)
      if (problem !== null) problems.typeValue = `The file type ${problem}.`
    }
  }
  if (form.page) problems.pageKey = pageKeyProblem(target, form)
  for (const field of Object.keys(problems) as FormField[]) {
    if (problems[field] === undefined) delete problems[field]
  }
  return problems
}

export type UploadRequest = InvokeArgs<'links:create-upload'>

function postTypeRule(form: ReceiveForm): ContentTypeRule | null {
  const value = form.typeValue.trim()
  if (form.typeRule === 'exact') return { kind: 'exact', contentType: value }
  if (form.typeRule === 'starts-with') return { kind: 'starts-with', prefix: value }
  return null
}

/** The request a valid form makes (check `formProblems` first). */
export function uploadRequest(
  target: ReceiveTarget,
  form: ReceiveForm,
  expiresInSeconds: number
): UploadRequest {
  const request: UploadRequest = {
    profileId: target.profileId,
    bucket: target.bucket,
    destination:
      form.destination === 'key'
        ? { kind: 'key', key: exactKey(target, form) }
        : { kind: 'prefix', prefix: target.prefix },
    method: form.method,
    expiresInSeconds,
    label: form.label.trim()
  }
  if (form.method === 'PUT') {
    const type = form.putType.trim()
    request.contentType = type === '' ? null : { kind: 'exact', contentType: type }
  } else {
    const max = parseSize(form.maxAmount, form.maxUnit)
    const min = form.minAmount.trim() === '' ? null : parseSize(form.minAmount, form.minUnit)
    request.maxBytes = max.ok ? max.bytes : 0
    request.minBytes = min?.ok ? min.bytes : 0
    request.contentType = postTypeRule(form)
  }
  if (form.page) {
    const title = form.pageTitle.trim()
    const note = form.pageNote.trim()
    request.page = {
      key: form.pageKey.trim(),
      ...(title && { title }),
      ...(note && { note })
    }
  }
  return request
}

/**
 * Whether the page sits where a link for any file name may write, which only the bucket's root
 * allows (nothing is outside it): an uploader who builds their own form could replace the page.
 */
export function pageWithinUploads(target: ReceiveTarget, form: ReceiveForm): boolean {
  return form.page && form.destination === 'prefix' && target.prefix === ''
}
