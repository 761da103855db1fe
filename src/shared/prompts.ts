/**
 * Questions main asks the window (or the terminal) and waits for: an MFA code, or "approve this
 * sign-in code in your browser". Used by the IPC contract and by both prompters.
 */

/** How many digits an MFA one-time code has (virtual and hardware TOTP devices alike). */
export const MFA_CODE_DIGITS = 6

/** Whether `code` looks like an MFA one-time code: exactly six digits. */
export function isMfaCode(code: string): boolean {
  return new RegExp(`^\\d{${MFA_CODE_DIGITS}}$`).test(code)
}

export type PromptQuestion =
  | {
      kind: 'mfa-code'
      profileId: string
      /** The `mfa_serial` of the profile: the ARN (or serial number) of the MFA device. */
      mfaSerial: string
    }
  | {
      kind: 'sso-device-code'
      profileId: string
      /** The code the sign-in page shows, for the user to compare (`ABCD-EFGH`). */
      userCode: string
      /** The page to approve the sign-in on, without the code in it. */
      verificationUri: string
      /** When the code stops working (ISO). */
      expiresAt: string
    }

/** A question as the window receives it (`prompts:ask`). */
export type PromptRequest = PromptQuestion & {
  /** Names the question; the answer must carry it. */
  id: string
  /** When main stops waiting and takes the question back (ISO). */
  deadline: string
}

/** What the window answers (`prompts:answer`). */
export type PromptAnswer = { kind: 'mfa-code'; code: string } | { kind: 'cancel' }

/** How a question ended, for the window to close its dialog (`prompts:settled`). */
export interface PromptSettled {
  id: string
  outcome: 'answered' | 'cancelled' | 'timed-out' | 'withdrawn'
}

/** Where a profile's IAM Identity Center (SSO) session stands, from the token cache. */
export interface SsoSessionStatus {
  profileId: string
  /** The `[sso-session]` name; null for the legacy form (`sso_start_url` in the profile). */
  sessionName: string | null
  startUrl: string
  /**
   * `signed-in`: a cached token that has not expired; `expired`: a cached token past its
   * expiry; `signed-out`: no cached token.
   */
  state: 'signed-in' | 'expired' | 'signed-out'
  /** When the access token expires (ISO); null when signed out. */
  expiresAt: string | null
  /** Whether the app can renew the token without the user (a refresh token it may use). */
  renewable: boolean
  /** Whether a sign-in is running now (its dialog shows the code). */
  signingIn: boolean
}
