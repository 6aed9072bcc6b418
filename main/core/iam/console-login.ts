import { AkvaultError } from '../errors';

export const DEFAULT_LOGIN_HOST = 'https://auth.huaweicloud.com';

export interface LoginUrlOptions {
  service: string;
  idpLoginUrl?: string;
  loginHost?: string;
}

/** Checks the URLs that go into a login URL (all https); returns the login host. */
export function checkLoginUrlOptions(opts: LoginUrlOptions): URL {
  const host = httpsUrl(opts.loginHost ?? DEFAULT_LOGIN_HOST, 'loginHost');
  httpsUrl(opts.service, 'service');
  if (opts.idpLoginUrl !== undefined) httpsUrl(opts.idpLoginUrl, 'idpLoginUrl');
  return host;
}

/**
 * The federation login URL that opens the console with a login token. The result is a bearer
 * credential for about ten minutes: hand it to the browser, never to a log.
 */
export function federationLoginUrl(opts: LoginUrlOptions & { loginToken: string }): string {
  const host = checkLoginUrlOptions(opts);
  const base = `${host.origin}${host.pathname.replace(/\/+$/, '')}/authui/federation/login`;
  const params = [
    ...(opts.idpLoginUrl !== undefined ? [['idp_login_url', opts.idpLoginUrl]] : []),
    ['service', opts.service],
    ['logintoken', opts.loginToken],
  ];
  return `${base}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`).join('&')}`;
}

function httpsUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AkvaultError('validation', `The ${field} must be a URL.`, { params: { field } });
  }
  if (url.protocol !== 'https:') throw new AkvaultError('validation', `The ${field} must be an https:// URL.`, { params: { field } });
  return url;
}
