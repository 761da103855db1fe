import aws4 from 'aws4'

export interface SigningSecret {
  accessKeyId: string
  secretAccessKey: string
}

export interface SignatureCheck {
  /** The X-Amz-Signature in the URL. */
  actual: string
  /** What aws4 computes for the same request. */
  expected: string
  /** The region of the URL's credential scope. */
  region: string
}

/**
 * Recomputes a pre-signed S3 URL's `X-Amz-Signature` with `aws4`, independently of the SDK.
 *
 * The path is taken from the URL string as it is: `new URL().pathname` would resolve `.` and
 * `..` segments and check another request than the one the URL makes.
 */
export function checkPresignedUrl(url: string, secret: SigningSecret): SignatureCheck {
  const match = /^(https?):\/\/([^/?#]+)([^?#]*)\?([^#]*)$/.exec(url)
  if (match === null) throw new Error('not a pre-signed URL')
  const [, , authority = '', path = '', query = ''] = match
  const kept: string[] = []
  let actual = ''
  for (const pair of query.split('&')) {
    if (pair.startsWith('X-Amz-Signature=')) actual = pair.slice('X-Amz-Signature='.length)
    else kept.push(pair)
  }
  const params = new URLSearchParams(query)
  const [accessKeyId, , region = '', service = ''] = (params.get('X-Amz-Credential') ?? '').split(
    '/'
  )
  if (accessKeyId !== secret.accessKeyId) throw new Error('the URL names another access key')
  const sessionToken = params.get('X-Amz-Security-Token') ?? undefined
  const [hostname = '', port] = authority.split(':')
  const signed = aws4.sign(
    {
      host: hostname,
      ...(port === undefined ? {} : { port: Number(port) }),
      method: 'GET',
      service,
      region,
      path: `${path}?${kept.join('&')}`,
      signQuery: true
    },
    { ...secret, ...(sessionToken === undefined ? {} : { sessionToken }) }
  )
  const expected =
    new URLSearchParams((signed.path ?? '').split('?')[1]).get('X-Amz-Signature') ?? ''
  return { actual, expected, region }
}
