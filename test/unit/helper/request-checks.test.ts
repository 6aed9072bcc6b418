import { describe, expect, it } from 'vitest';
import {
  allowedHosts,
  checkBrowser,
  checkHost,
  checkPeer,
  isLoopbackAddress,
  type RequestCheckConfig,
} from '../../../main/core/helper/request-checks';

const plain: RequestCheckConfig = { port: 4321, metadataEmulation: false };
const emulating: RequestCheckConfig = { port: 4321, metadataEmulation: true };

describe('peer check', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('accepts loopback %s', (a) => {
    expect(isLoopbackAddress(a)).toBe(true);
    expect(checkPeer(a, plain)).toBeNull();
  });

  it.each([undefined, '', '10.0.0.7', '192.168.1.20', '::ffff:10.0.0.7', 'fe80::1', '128.0.0.1', '127.0.0.1.example', '1127.0.0.1'])(
    'refuses %s with 403 request.not-loopback',
    (a) => {
      expect(isLoopbackAddress(a)).toBe(false);
      expect(checkPeer(a, plain)).toMatchObject({ status: 403, code: 'request.not-loopback' });
    },
  );

  it('accepts the metadata alias as a source only in emulation mode', () => {
    expect(checkPeer('169.254.169.254', plain)).not.toBeNull();
    expect(checkPeer('169.254.169.254', emulating)).toBeNull();
    expect(checkPeer('::ffff:169.254.169.254', emulating)).toBeNull();
    expect(checkPeer('169.254.169.253', emulating)).not.toBeNull();
  });
});

describe('Host check', () => {
  it('accepts exactly 127.0.0.1:<port> and localhost:<port>', () => {
    const hosts = allowedHosts(plain);
    for (const h of ['127.0.0.1:4321', 'localhost:4321', 'LocalHost:4321']) expect(checkHost(h, hosts)).toBeNull();
  });

  it.each([
    undefined,
    '',
    '127.0.0.1',
    'localhost',
    '127.0.0.1:4322',
    '127.0.0.1:43210',
    'evil.example:4321',
    'localhost.evil.example:4321',
    '[::1]:4321',
    '169.254.169.254',
    '169.254.169.254:80',
  ])('refuses %j without emulation (403 request.foreign-host)', (h) => {
    expect(checkHost(h, allowedHosts(plain))).toMatchObject({ status: 403, code: 'request.foreign-host' });
  });

  it('also accepts 169.254.169.254 and 169.254.169.254:80 in emulation mode, nothing else', () => {
    const hosts = allowedHosts(emulating);
    expect(checkHost('169.254.169.254', hosts)).toBeNull();
    expect(checkHost('169.254.169.254:80', hosts)).toBeNull();
    expect(checkHost('127.0.0.1:4321', hosts)).toBeNull();
    expect(checkHost('169.254.169.254:8080', hosts)).not.toBeNull();
    expect(checkHost('metadata.evil.example', hosts)).not.toBeNull();
  });
});

describe('browser check', () => {
  const withUi: RequestCheckConfig = { ...plain, uiOrigin: 'http://127.0.0.1:5173' };

  it('accepts requests with no browser headers (SDKs, curl)', () => {
    expect(checkBrowser({}, plain)).toBeNull();
    expect(checkBrowser({ 'sec-fetch-site': 'none' }, plain)).toBeNull();
  });

  it.each(['https://evil.example', 'null', 'http://127.0.0.1:4321'])('refuses Origin %s', (origin) => {
    expect(checkBrowser({ origin }, plain)).toMatchObject({ status: 403, code: 'request.browser-origin' });
  });

  it.each(['cross-site', 'same-site'])('refuses Sec-Fetch-Site %s', (site) => {
    expect(checkBrowser({ 'sec-fetch-site': site }, plain)).not.toBeNull();
  });

  it('accepts the UI origin only on an exact match', () => {
    expect(checkBrowser({ origin: 'http://127.0.0.1:5173' }, withUi)).toBeNull();
    expect(checkBrowser({ origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'cross-site' }, withUi)).toBeNull();
    for (const origin of ['http://127.0.0.1:5173/', 'HTTP://127.0.0.1:5173', 'http://localhost:5173', 'http://127.0.0.1:51730']) {
      expect(checkBrowser({ origin }, withUi)).not.toBeNull();
    }
  });
});
