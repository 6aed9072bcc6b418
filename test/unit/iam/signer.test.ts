import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY_SHA256,
  canonicalHeaders,
  canonicalQueryString,
  canonicalUri,
  encodeQuery,
  formatSdkDate,
  parseSdkDate,
  percentEncode,
  queryPairs,
  sha256Hex,
  signRequest,
} from '../../../main/core/iam/signer';

// The documented test vector of the signing guide (reference §2.2).
const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const NOW = Date.UTC(2019, 10, 15, 3, 36, 55);

describe('signer: documented vector', () => {
  const signed = signRequest(
    {
      method: 'GET',
      url: new URL('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0'),
      headers: { 'Content-Type': 'application/json' },
    },
    { accessKeyId: AK, secretAccessKey: SK },
    { now: NOW },
  );

  it('builds the canonical request byte for byte', () => {
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
        'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        'content-type:application/json',
        'host:service.region.example.com',
        'x-sdk-date:20191115T033655Z',
        '',
        'content-type;host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });

  it('hashes, signs and writes the header as documented', () => {
    expect(sha256Hex(signed.canonicalRequest)).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(signed.stringToSign).toBe('SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(signed.signature).toBe('7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
    expect(signed.headers.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
    expect(signed.headers['X-Sdk-Date']).toBe('20191115T033655Z');
  });
});

describe('signer: canonical pieces', () => {
  it('encodes everything but the unreserved set, space as %20, UTF-8 upper-case hex', () => {
    expect(percentEncode('aZ09-_.~')).toBe('aZ09-_.~');
    expect(percentEncode('a b+c/d')).toBe('a%20b%2Bc%2Fd');
    expect(percentEncode('é中😀')).toBe('%C3%A9%E4%B8%AD%F0%9F%98%80');
  });

  it('adds the trailing slash to the canonical path only, and encodes each segment', () => {
    expect(canonicalUri('/v3.0/OS-CREDENTIAL/securitytokens')).toBe('/v3.0/OS-CREDENTIAL/securitytokens/');
    expect(canonicalUri('/a b/é/')).toBe('/a%20b/%C3%A9/');
    expect(canonicalUri('/')).toBe('/');
    const signed = signRequest({ method: 'post', url: new URL('https://iam.example.com/v3/auth/tokens') }, { accessKeyId: 'A', secretAccessKey: 'S' }, { now: NOW });
    expect(signed.canonicalRequest.split('\n').slice(0, 2)).toEqual(['POST', '/v3/auth/tokens/']);
  });

  it('sorts query names, one pair per repeated value (values sorted), keeps empty values', () => {
    expect(
      canonicalQueryString([
        ['marker', 'x y'],
        ['b', '2'],
        ['b', '1'],
        ['empty', ''],
        ['a', 'é'],
      ]),
    ).toBe('a=%C3%A9&b=1&b=2&empty=&marker=x%20y');
    expect(canonicalQueryString([])).toBe('');
  });

  it('reads the query back from a URL it encoded, `+` literally and a bare name as empty', () => {
    const url = new URL(`https://h/p?${encodeQuery([['a b', 'c+d'], ['e', '']])}&flag`);
    expect(url.search).toBe('?a%20b=c%2Bd&e=&flag');
    expect(queryPairs(url)).toEqual([
      ['a b', 'c+d'],
      ['e', ''],
      ['flag', ''],
    ]);
  });

  it('lower-cases, trims and sorts headers; the port appears only when not the default', () => {
    expect(canonicalHeaders({ 'X-B': ' two ', 'Content-Type': 'application/json', a: '1' })).toEqual({
      canonical: 'a:1\ncontent-type:application/json\nx-b:two\n',
      signedHeaders: 'a;content-type;x-b',
    });
    const at = (url: string) => signRequest({ method: 'GET', url: new URL(url) }, { accessKeyId: 'A', secretAccessKey: 'S' }, { now: NOW }).canonicalRequest;
    expect(at('https://iam.example.com:443/x')).toContain('\nhost:iam.example.com\n');
    expect(at('http://iam.example.com:80/x')).toContain('\nhost:iam.example.com\n');
    expect(at('https://iam.example.com:8443/x')).toContain('\nhost:iam.example.com:8443\n');
  });

  it('hashes the exact body bytes, or the empty-body hash', () => {
    const body = '{"a": 1}';
    const signed = signRequest({ method: 'POST', url: new URL('https://h/'), body }, { accessKeyId: 'A', secretAccessKey: 'S' }, { now: NOW });
    expect(signed.canonicalRequest.endsWith(`\n${sha256Hex(Buffer.from(body, 'utf8'))}`)).toBe(true);
    const empty = signRequest({ method: 'POST', url: new URL('https://h/'), body: '' }, { accessKeyId: 'A', secretAccessKey: 'S' }, { now: NOW });
    expect(empty.canonicalRequest.endsWith(`\n${EMPTY_BODY_SHA256}`)).toBe(true);
  });

  it('signs the security token and X-Domain-Id / X-Project-Id when given', () => {
    const signed = signRequest(
      { method: 'GET', url: new URL('https://h/'), headers: { 'X-Security-Token': 'caller copy is replaced' } },
      { accessKeyId: 'A', secretAccessKey: 'S', securityToken: 'tok' },
      { now: NOW, domainId: 'd1', projectId: 'p1' },
    );
    expect(signed.signedHeaders).toBe('host;x-domain-id;x-project-id;x-sdk-date;x-security-token');
    expect(signed.headers).toMatchObject({ 'X-Security-Token': 'tok', 'X-Domain-Id': 'd1', 'X-Project-Id': 'p1' });
    expect(signed.canonicalRequest).toContain('\nx-security-token:tok\n');
  });

  it('uses a declared X-Sdk-Content-Sha256 literally', () => {
    const signed = signRequest(
      { method: 'PUT', url: new URL('https://h/o'), headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: 'bytes' },
      { accessKeyId: 'A', secretAccessKey: 'S' },
      { now: NOW },
    );
    expect(signed.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('rejects header values that would split the request', () => {
    expect(() => signRequest({ method: 'GET', url: new URL('https://h/'), headers: { 'X-A': 'a\r\nb' } }, { accessKeyId: 'A', secretAccessKey: 'S' }, { now: NOW })).toThrow(
      /line break/,
    );
  });

  it('formats and parses X-Sdk-Date', () => {
    expect(formatSdkDate(NOW)).toBe('20191115T033655Z');
    expect(parseSdkDate('20191115T033655Z')).toBe(NOW);
    expect(parseSdkDate('20191315T033655Z')).toBeUndefined();
    expect(parseSdkDate('2019-11-15T03:36:55Z')).toBeUndefined();
  });
});
