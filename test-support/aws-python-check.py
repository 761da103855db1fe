"""botocore's side of the SSO and STS tests: what AWS's Python SDK reads and sends.

Run with Debian's /usr/bin/python3 (python3-botocore). HOME must be set before botocore is
imported: its SSO cache folder is computed at import. Every command prints one JSON object.

  load-token <start_url> <session_name or ->
      The token the app wrote, read back with botocore's SSOTokenLoader from ~/.aws/sso/cache.
  registration-key <start_url> <region> <scopes as JSON> <session_name or ->
      The file name the AWS CLI v2 gives a client registration (its _registration_cache_key).
  credentials <profile> <endpoint>
      Credentials botocore resolves for a profile (AWS_CONFIG_FILE), with STS, SSO and SSO OIDC
      sent to the stand-ins; an SSO token near its expiry is refreshed and written back, as the
      CLI does.
  stand-ins <endpoint> <access_key_id> <secret_access_key> <role_arn> <mfa_serial> <mfa_code>
      Drives the stand-ins with botocore's own clients and reports what botocore parsed.
"""

import hashlib
import json
import sys
import urllib.request


def load_token(start_url, session_name):
    from botocore.tokens import SSOTokenProvider
    from botocore.utils import JSONFileCache, SSOTokenLoader

    cache = JSONFileCache(SSOTokenProvider._SSO_TOKEN_CACHE_DIR)
    token = SSOTokenLoader(cache=cache)(start_url, session_name=session_name)
    return {'token': token}


def registration_key(start_url, region, scopes, session_name):
    # The AWS CLI v2's BaseSSOTokenFetcher._registration_cache_key, as it is written there.
    args = {
        'tool': 'botocore',
        'startUrl': start_url,
        'region': region,
        'scopes': scopes,
        'session_name': session_name,
    }
    cache_args = json.dumps(args, sort_keys=True).encode('utf-8')
    return {'key': hashlib.sha1(cache_args).hexdigest()}


def session_with_endpoint(endpoint, profile=None):
    import botocore.session

    session = botocore.session.Session(profile=profile)
    create_client = session.create_client

    def to_stand_ins(service_name, *args, **kwargs):
        if service_name in ('sso', 'sso-oidc', 'sts'):
            kwargs['endpoint_url'] = endpoint
        return create_client(service_name, *args, **kwargs)

    session.create_client = to_stand_ins
    return session


def credentials(profile, endpoint):
    session = session_with_endpoint(endpoint, profile)
    frozen = session.get_credentials().get_frozen_credentials()
    return {'accessKeyId': frozen.access_key, 'hasSessionToken': bool(frozen.token)}


def stand_ins(endpoint, access_key_id, secret_access_key, role_arn, mfa_serial, mfa_code):
    from botocore import UNSIGNED
    from botocore.config import Config
    from botocore.exceptions import ClientError

    session = session_with_endpoint(endpoint)
    unsigned = Config(signature_version=UNSIGNED, region_name='eu-west-2')
    oidc = session.create_client('sso-oidc', config=unsigned)
    sso = session.create_client('sso', config=unsigned)
    report = {}

    registration = oidc.register_client(
        clientName='botocore-client-check', clientType='public', scopes=['sso:account:access']
    )
    report['registration'] = sorted(k for k in registration if k != 'ResponseMetadata')
    report['clientSecretExpiresAtIsSeconds'] = registration['clientSecretExpiresAt'] < 10**11

    authorization = oidc.start_device_authorization(
        clientId=registration['clientId'],
        clientSecret=registration['clientSecret'],
        startUrl='https://check.awsapps.com/start',
    )
    report['authorization'] = sorted(k for k in authorization if k != 'ResponseMetadata')

    grant = {
        'grantType': 'urn:ietf:params:oauth:grant-type:device_code',
        'clientId': registration['clientId'],
        'clientSecret': registration['clientSecret'],
        'deviceCode': authorization['deviceCode'],
    }
    try:
        oidc.create_token(**grant)
        report['pending'] = 'no error'
    except oidc.exceptions.AuthorizationPendingException as error:
        report['pending'] = {
            'class': type(error).__name__,
            'status': error.response['ResponseMetadata']['HTTPStatusCode'],
            'error': error.response.get('error'),
        }

    with urllib.request.urlopen(authorization['verificationUriComplete']) as page:
        report['approvalPage'] = page.status
    token = oidc.create_token(**grant)
    report['token'] = sorted(k for k in token if k != 'ResponseMetadata')

    refreshed = oidc.create_token(
        grantType='refresh_token',
        clientId=registration['clientId'],
        clientSecret=registration['clientSecret'],
        refreshToken=token['refreshToken'],
    )
    report['refreshed'] = refreshed['accessToken'] != token['accessToken']
    try:
        oidc.create_token(
            grantType='refresh_token',
            clientId=registration['clientId'],
            clientSecret=registration['clientSecret'],
            refreshToken=token['refreshToken'],
        )
        report['spentRefresh'] = 'no error'
    except oidc.exceptions.InvalidGrantException as error:
        report['spentRefresh'] = type(error).__name__

    role = sso.get_role_credentials(
        roleName='ReadOnly', accountId='123456789012', accessToken=refreshed['accessToken']
    )['roleCredentials']
    report['roleCredentials'] = sorted(role)
    report['expirationIsMilliseconds'] = role['expiration'] > 10**12
    try:
        sso.get_role_credentials(
            roleName='ReadOnly', accountId='123456789012', accessToken='not-a-token'
        )
        report['badToken'] = 'no error'
    except sso.exceptions.UnauthorizedException as error:
        report['badToken'] = {
            'class': type(error).__name__,
            'status': error.response['ResponseMetadata']['HTTPStatusCode'],
        }

    sts = session.create_client(
        'sts',
        region_name='us-east-1',
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret_access_key,
    )
    assumed = sts.assume_role(
        RoleArn=role_arn,
        RoleSessionName='botocore-check',
        SerialNumber=mfa_serial,
        TokenCode=mfa_code,
        DurationSeconds=900,
    )
    report['assumed'] = {
        'credentials': sorted(assumed['Credentials']),
        'expirationParsed': type(assumed['Credentials']['Expiration']).__name__,
        'arn': assumed['AssumedRoleUser']['Arn'],
    }
    try:
        sts.assume_role(
            RoleArn=role_arn,
            RoleSessionName='botocore-check',
            SerialNumber=mfa_serial,
            TokenCode='000000' if mfa_code != '000000' else '111111',
        )
        report['wrongCode'] = 'no error'
    except ClientError as error:
        report['wrongCode'] = {
            'code': error.response['Error']['Code'],
            'message': error.response['Error']['Message'],
            'status': error.response['ResponseMetadata']['HTTPStatusCode'],
        }
    forged = session.create_client(
        'sts',
        region_name='us-east-1',
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret_access_key + 'x',
    )
    try:
        forged.assume_role(RoleArn=role_arn, RoleSessionName='forged')
        report['badSignature'] = 'no error'
    except ClientError as error:
        report['badSignature'] = error.response['Error']['Code']
    return report


def main(argv):
    command, *args = argv
    none_if_dash = lambda value: None if value == '-' else value
    if command == 'load-token':
        result = load_token(args[0], none_if_dash(args[1]))
    elif command == 'registration-key':
        result = registration_key(args[0], args[1], json.loads(args[2]), none_if_dash(args[3]))
    elif command == 'credentials':
        result = credentials(args[0], args[1])
    elif command == 'stand-ins':
        result = stand_ins(*args)
    else:
        raise SystemExit(f'unknown command {command}')
    print(json.dumps(result, default=str))


if __name__ == '__main__':
    main(sys.argv[1:])
