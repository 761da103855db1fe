import type { InvokeArgs } from '../../../../shared/ipc-contract'
import type { IssuedLink, UploadLinkDetails } from '../../../../shared/models'
import { makeLink } from '../../lib/test-utils'

/** What main answers `links:create-upload` with, shaped like the real thing, for renderer tests. */
export function uploadLinkFor(args: InvokeArgs<'links:create-upload'>): IssuedLink {
  const key = args.destination.kind === 'key' ? args.destination.key : args.destination.prefix
  const base = `https://${args.bucket}.s3.eu-west-1.amazonaws.com`
  const rule = args.contentType ?? null
  const upload: UploadLinkDetails =
    args.method === 'PUT'
      ? {
          kind: args.page ? 'page' : 'put',
          uploadMethod: 'PUT',
          destination: args.destination,
          contentType: rule,
          minBytes: null,
          maxBytes: null,
          fields: null,
          headers: rule?.kind === 'exact' ? { 'Content-Type': rule.contentType } : {},
          uploadUrl: `${base}/${key}?X-Amz-Signature=put`,
          command:
            `curl --upload-file FILE` +
            (rule?.kind === 'exact' ? ` -H 'Content-Type: ${rule.contentType}'` : '') +
            ` '${base}/${key}?X-Amz-Signature=put'`,
          pageKey: args.page?.key ?? null
        }
      : {
          kind: args.page ? 'page' : 'post',
          uploadMethod: 'POST',
          destination: args.destination,
          contentType: rule,
          minBytes: args.minBytes ?? 0,
          maxBytes: args.maxBytes ?? null,
          fields: {
            key: args.destination.kind === 'key' ? key : `${key}\${filename}`,
            success_action_status: '201',
            'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
            Policy: 'eyJleHBpcmF0aW9uIjoiMjAyNS0xMS0yOFQxNTowMDowMFoi'.repeat(8),
            'X-Amz-Signature': 'f00d'
          },
          headers: null,
          uploadUrl: `${base}/`,
          command: `curl --form-string 'key=${key}\${filename}' --form-string success_action_status=201 -F file=@FILE ${base}/`,
          pageKey: args.page?.key ?? null
        }
  return makeLink({
    createdAtMs: Date.now(),
    expiresAtMs: Date.now() + args.expiresInSeconds * 1000,
    bucket: args.bucket,
    key,
    method: args.page ? 'GET' : args.method,
    label: args.label ?? '',
    url: args.page ? `${base}/${args.page.key}?X-Amz-Signature=page` : upload.uploadUrl,
    upload
  })
}
