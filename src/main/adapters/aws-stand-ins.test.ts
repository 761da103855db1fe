import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { botocore } from '../../../test-support/aws-python-check'
import { startAwsStandIns, type AwsStandIns } from '../../../test-support/aws-stand-ins'

const BASE = { accessKeyId: 'AKIASTANDINBASE00001', secretAccessKey: 'base-secret-for-sts' }
const ROLE = 'arn:aws:iam::123456789012:role/admin'
const MFA = 'arn:aws:iam::123456789012:mfa/dev-phone'

let standIns: AwsStandIns

beforeAll(async () => {
  standIns = await startAwsStandIns({
    callers: [BASE],
    roles: { [ROLE]: { mfaSerial: MFA } },
    mfaCodes: { [MFA]: '428193' },
    ssoRoleCredentials: { accessKeyId: 'test:tester', secretAccessKey: 'swift-secret' }
  })
})

afterAll(async () => {
  await standIns?.stop()
})

/**
 * The stand-ins replace AWS in the SSO and MFA tests, so they must answer as AWS's own models
 * say. botocore is generated from those models independently of the JS SDK: what it parses
 * from the stand-ins (operations, fields, error classes, status codes) is what AWS sends.
 */
describe('the AWS stand-ins', () => {
  it('answer botocore as STS, the SSO portal and SSO OIDC would', async () => {
    const report = await botocore(
      ['stand-ins', standIns.endpoint, BASE.accessKeyId, BASE.secretAccessKey, ROLE, MFA, '428193'],
      { HOME: '/nonexistent' }
    )

    expect(report).toEqual({
      registration: ['clientId', 'clientIdIssuedAt', 'clientSecret', 'clientSecretExpiresAt'],
      clientSecretExpiresAtIsSeconds: true,
      authorization: [
        'deviceCode',
        'expiresIn',
        'interval',
        'userCode',
        'verificationUri',
        'verificationUriComplete'
      ],
      pending: {
        class: 'AuthorizationPendingException',
        status: 400,
        error: 'authorization_pending'
      },
      approvalPage: 200,
      token: ['accessToken', 'expiresIn', 'refreshToken', 'tokenType'],
      refreshed: true,
      spentRefresh: 'InvalidGrantException',
      roleCredentials: ['accessKeyId', 'expiration', 'secretAccessKey', 'sessionToken'],
      expirationIsMilliseconds: true,
      badToken: { class: 'UnauthorizedException', status: 401 },
      assumed: {
        credentials: ['AccessKeyId', 'Expiration', 'SecretAccessKey', 'SessionToken'],
        expirationParsed: 'datetime',
        arn: 'arn:aws:sts::123456789012:assumed-role/admin/botocore-check'
      },
      wrongCode: {
        code: 'AccessDenied',
        message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
        status: 403
      },
      badSignature: 'SignatureDoesNotMatch'
    })
    const assumed = standIns.calls.find((call) => call.operation === 'sts:AssumeRole')
    expect(assumed?.params).toMatchObject({
      RoleArn: ROLE,
      SerialNumber: MFA,
      DurationSeconds: '900',
      caller: BASE.accessKeyId
    })
  })
})
