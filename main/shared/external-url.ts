/**
 * The only way akvault opens a web page: https, a host on the allowlist (the console, its federation
 * sign-in, the documentation), no user name or password in the URL. Parsed with `new URL` and compared
 * host by host, because prefix checks on strings are easy to fool ("https://console.huaweicloud.com.evil.example").
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'console.huaweicloud.com',
  'console-intl.huaweicloud.com',
  'auth.huaweicloud.com',
  'auth-intl.huaweicloud.com',
  'support.huaweicloud.com',
  'support-intl.huaweicloud.com',
]);

/** The parsed URL when akvault may open it, else null. */
export function allowedExternalUrl(raw: string, hosts: ReadonlySet<string> = EXTERNAL_HOSTS): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (url.port !== '') return null;
  return hosts.has(url.hostname.toLowerCase()) ? url : null;
}

/**
 * Wraps the platform's "open in browser" so nothing else reaches it. A refused URL is reported by host
 * only: a federation link carries a login token and must not appear in an error.
 */
export function createExternalOpener(open: (url: string) => Promise<void>, hosts: ReadonlySet<string> = EXTERNAL_HOSTS) {
  return async (raw: string): Promise<void> => {
    const url = allowedExternalUrl(raw, hosts);
    if (!url) throw new ExternalUrlRefused();
    await open(url.href);
  };
}

export class ExternalUrlRefused extends Error {
  override readonly name = 'ExternalUrlRefused';
  constructor() {
    super('akvault opens only https pages of the Huawei Cloud console and documentation.');
  }
}
