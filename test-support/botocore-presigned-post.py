"""The reference for the app's POST policies: botocore (AWS's Python SDK core), at a fixed time.

Reads one JSON request on stdin and prints one JSON answer on stdout:

    request:  {"now": "2030-01-02T03:04:05Z", "region", "endpoint" (or null), "accessKeyId",
               "secretAccessKey", "sessionToken" (or null), "bucket", "key", "fields",
               "conditions", "expiresIn", "policyToSign" (base64, or null)}
    answer:   {"url", "fields", "policy" (decoded), "scope", "signerMatchesOwnForm",
               "signatureOfPolicyToSign"}

`generate_presigned_post` makes botocore's own form for the same inputs. `policyToSign` is
signed with botocore's SigV4 POST signer (`S3SigV4PostAuth.signature`: the HMAC chain
AWS4+secret -> date -> region -> s3 -> aws4_request, then over the base64 policy), so a test
can check the app's `X-Amz-Signature` against it.

botocore reads the clock as `datetime.datetime.utcnow()` in botocore.auth (x-amz-date) and
botocore.signers (the policy's expiration); both modules' `datetime` is replaced with one whose
`utcnow()` is the requested instant. Run with Debian's /usr/bin/python3 (python3-botocore),
with AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE pointing at empty files.
"""

import base64
import datetime
import json
import sys
import types

import botocore.auth
import botocore.session
import botocore.signers
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials


def fixed_clock(now):
    class FixedDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return now

        @classmethod
        def now(cls, tz=None):
            return now if tz is None else now.replace(tzinfo=datetime.timezone.utc).astimezone(tz)

    return types.SimpleNamespace(datetime=FixedDatetime, timedelta=datetime.timedelta)


def main():
    request = json.load(sys.stdin)
    now = datetime.datetime.strptime(request["now"], "%Y-%m-%dT%H:%M:%SZ")
    clock = fixed_clock(now)
    botocore.auth.datetime = clock
    botocore.signers.datetime = clock

    session = botocore.session.get_session()
    # SigV4 and the region explicitly: botocore 1.29 still signs S3 POSTs with SigV2 by default.
    config = Config(signature_version="s3v4", s3={"addressing_style": "path"})
    client = session.create_client(
        "s3",
        region_name=request["region"],
        endpoint_url=request.get("endpoint"),
        aws_access_key_id=request["accessKeyId"],
        aws_secret_access_key=request["secretAccessKey"],
        aws_session_token=request.get("sessionToken"),
        config=config,
    )
    post = client.generate_presigned_post(
        Bucket=request["bucket"],
        Key=request["key"],
        Fields=request["fields"],
        Conditions=request["conditions"],
        ExpiresIn=request["expiresIn"],
    )
    policy = json.loads(base64.b64decode(post["fields"]["policy"]))

    signer = botocore.auth.S3SigV4PostAuth(
        Credentials(
            request["accessKeyId"], request["secretAccessKey"], request.get("sessionToken")
        ),
        "s3",
        request["region"],
    )
    signing_request = AWSRequest()
    signing_request.context["timestamp"] = now.strftime(botocore.auth.SIGV4_TIMESTAMP)
    to_sign = request.get("policyToSign")
    json.dump(
        {
            "url": post["url"],
            "fields": post["fields"],
            "policy": policy,
            "scope": signer.scope(signing_request),
            # The signer used below must be the one generate_presigned_post used.
            "signerMatchesOwnForm": signer.signature(post["fields"]["policy"], signing_request)
            == post["fields"]["x-amz-signature"],
            "signatureOfPolicyToSign": (
                None if to_sign is None else signer.signature(to_sign, signing_request)
            ),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
