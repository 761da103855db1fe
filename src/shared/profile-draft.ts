/**
 * What a profile draft must be before it is written to the AWS files.
 *
 * The add/edit form shows these messages next to its fields, and main checks the same rules
 * again before it writes anything, so both agree on what is valid.
 */
import type { ProfileDraft } from './models'

export type DraftField =
  | 'name'
  | 'region'
  | 'endpointUrl'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'sessionToken'
  | 'ssoSession'
  | 'startUrl'
  | 'ssoRegion'
  | 'accountId'
  | 'roleName'

export type DraftProblems = Partial<Record<DraftField, string>>

export interface DraftContext {
  /** Names of the profiles already in the files. */
  existingNames: readonly string[]
  /**
   * The stored profile being edited: its name, whether it has keys (kept when the fields stay
   * empty), and its access key id where it is known (in main only).
   */
  editing: {
    name: string
    hasAccessKeyId: boolean
    hasSecretAccessKey: boolean
    accessKeyId?: string | null
  } | null
}

/** The id the app gives credentials in environment variables; no file profile may take it. */
const RESERVED_NAMES = new Set(['$environment', '__proto__'])

/**
 * Refuses a value the files cannot hold as given: the reader would cut it at a line break or
 * a ` #` comment, trim its spaces, or take an empty one for a nested block.
 */
export function iniValueProblem(value: string): string | null {
  if (value === '') return 'must not be empty'
  if (/[\r\n]/.test(value)) return 'must be on one line'
  if (value !== value.trim()) return 'must not start or end with a space'
  if (/^[;#]|\s[;#]/.test(value)) return 'must not contain a space followed by # or ;'
  return null
}

/** Refuses a section name the files cannot hold (brackets, line breaks, spaces, quotes). */
export function iniSectionNameProblem(name: string): string | null {
  if (name === '') return 'must not be empty'
  if (/[\s[\]"'\\;#]/.test(name) || /\p{Cc}/u.test(name)) {
    return 'must not contain spaces, brackets, quotes, backslashes, # or ;'
  }
  if (RESERVED_NAMES.has(name)) return 'is reserved'
  return null
}

/** Every problem of a draft, by field; empty when it can be saved. */
export function draftProblems(draft: ProfileDraft, context: DraftContext): DraftProblems {
  const problems: DraftProblems = {}
  const name = draft.name
  // A stored name is kept as it is, even one this form would not create (`"my name"`).
  const nameProblem = name === context.editing?.name ? null : iniSectionNameProblem(name)
  if (nameProblem !== null) problems.name = `The profile name ${nameProblem}.`
  else if (name.length > 128) problems.name = 'The profile name must be at most 128 characters.'
  else if (name !== context.editing?.name && context.existingNames.includes(name)) {
    problems.name = `A profile named ${name} already exists. Pick another name, or edit that one.`
  }

  if (draft.region !== '' && !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(draft.region)) {
    problems.region = 'A region is letters, digits and dashes, like eu-west-1 (or auto for R2).'
  }
  const endpoint = endpointProblem(draft.endpointUrl)
  if (endpoint !== null) problems.endpointUrl = endpoint

  const credentials = draft.credentials
  if (credentials.kind === 'keys') {
    const keyId = credentials.accessKeyId
    const editing = context.editing
    const keepsKey = keyId === '' || (editing?.accessKeyId ?? null) === keyId
    if (keyId === '') {
      if (!editing?.hasAccessKeyId) problems.accessKeyId = 'Enter the access key id.'
    } else if (iniValueProblem(keyId) !== null || keyId.length > 256) {
      problems.accessKeyId = 'An access key id is one word, without spaces.'
    }
    const keepsSecret = editing !== null && editing.hasSecretAccessKey && keepsKey
    if (credentials.secretAccessKey === '') {
      if (!keepsSecret) {
        problems.secretAccessKey =
          context.editing?.hasSecretAccessKey === true
            ? 'Enter the secret access key that goes with the new access key id.'
            : 'Enter the secret access key.'
      }
    } else if (iniValueProblem(credentials.secretAccessKey) !== null) {
      problems.secretAccessKey = `The secret access key ${iniValueProblem(credentials.secretAccessKey) ?? ''}.`
    }
    if (credentials.sessionToken !== '' && iniValueProblem(credentials.sessionToken) !== null) {
      problems.sessionToken = `The session token ${iniValueProblem(credentials.sessionToken) ?? ''}.`
    }
  } else if (credentials.kind === 'sso') {
    if (credentials.ssoSession !== '') {
      const sessionProblem = iniSectionNameProblem(credentials.ssoSession)
      if (sessionProblem !== null) problems.ssoSession = `The SSO session name ${sessionProblem}.`
    }
    const startUrl = httpsUrlProblem(credentials.startUrl)
    if (startUrl !== null) problems.startUrl = startUrl
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(credentials.ssoRegion)) {
      problems.ssoRegion = 'Enter the region of your IAM Identity Center, like us-east-1.'
    }
    if (!/^\d{12}$/.test(credentials.accountId)) {
      problems.accountId = 'An AWS account id is 12 digits.'
    }
    if (!/^[\w+=,.@-]{1,64}$/.test(credentials.roleName)) {
      problems.roleName = 'Enter the role (permission set) name, like ReadOnly.'
    }
  }
  return problems
}

function endpointProblem(endpoint: string): string | null {
  if (endpoint === '') return null
  if (/[<>]/.test(endpoint)) {
    return 'Replace the part in <angle brackets> with your own value (e.g. your account id).'
  }
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return 'The endpoint must be a full URL, like http://localhost:9000.'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'The endpoint must start with http:// or https://.'
  }
  if (url.username !== '' || url.password !== '') {
    return 'Put the keys in the key fields, not in the endpoint URL.'
  }
  if (url.search !== '' || url.hash !== '' || /\s/.test(endpoint)) {
    return 'The endpoint must not have a query, a # part or spaces.'
  }
  return null
}

function httpsUrlProblem(value: string): string | null {
  if (value === '') return 'Enter the start URL of your AWS access portal.'
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' || /\s/.test(value)) throw new Error('not https')
    return null
  } catch {
    return 'The start URL is an https:// address, like https://my-org.awsapps.com/start.'
  }
}
