import { describe, expect, it, vi } from 'vitest';
import { allowedExternalUrl, createExternalOpener, ExternalUrlRefused } from '../../../main/shared/external-url';
import { consoleHome } from '../../../main/shared/console-link';

describe('external URL allowlist', () => {
  it.each([
    'https://console.huaweicloud.com/console/?region=cn-north-4',
    'https://auth.huaweicloud.com/authui/federation/login?service=x&logintoken=y',
    'https://CONSOLE-INTL.huaweicloud.com/',
    'https://support.huaweicloud.com/iam/index.html',
  ])('opens %s', (url) => {
    expect(allowedExternalUrl(url)).not.toBeNull();
  });

  it.each([
    ['plain http', 'http://console.huaweicloud.com/'],
    ['a look-alike host', 'https://console.huaweicloud.com.evil.example/'],
    ['a sub-domain of an allowed host', 'https://x.console.huaweicloud.com/'],
    ['the host only in the path', 'https://evil.example/console.huaweicloud.com'],
    ['the host only in the query', 'https://evil.example/?u=https://console.huaweicloud.com'],
    ['credentials in the URL', 'https://user:pw@console.huaweicloud.com/'],
    ['a user name in the URL', 'https://console.huaweicloud.com@evil.example/'],
    ['another port', 'https://console.huaweicloud.com:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>1</script>'],
    ['a custom scheme', 'app://akvault/index.html'],
    ['not a URL', 'console.huaweicloud.com'],
    ['an empty string', ''],
    ['a backslash trick', 'https://evil.example\\@console.huaweicloud.com/'],
  ])('refuses %s', (_label, url) => {
    expect(allowedExternalUrl(url)).toBeNull();
  });

  it('the opener passes only allowed URLs on, and never repeats a refused one', async () => {
    const open = vi.fn(async () => undefined);
    const opener = createExternalOpener(open);
    await opener(consoleHome('cn-north-4'));
    expect(open).toHaveBeenCalledWith('https://console.huaweicloud.com/console/?region=cn-north-4');
    const secretish = 'https://evil.example/?logintoken=SECRET-LOGIN-TOKEN';
    const err = await opener(secretish).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalUrlRefused);
    expect(String((err as Error).message)).not.toContain('SECRET-LOGIN-TOKEN');
    expect(open).toHaveBeenCalledTimes(1);
  });
});
