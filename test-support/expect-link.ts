import { expect } from 'vitest'
import { checkPresignedUrl, type SigningSecret } from './verify-signature'

/**
 * A GET link is signed as aws4 signs it, and fetching it returns `body`. `label` names the
 * link in failure messages when a test checks many.
 */
export async function expectLinkServes(
  url: string,
  secret: SigningSecret,
  body: string | undefined,
  label?: string
): Promise<void> {
  const check = checkPresignedUrl(url, secret)
  expect(check.expected, label).toBe(check.actual)
  const response = await fetch(url)
  expect(response.status, label).toBe(200)
  expect(await response.text(), label).toBe(body)
}
