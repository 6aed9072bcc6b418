/**
 * The app's HTTP stack for IAM: Electron's `net.fetch` (Chromium's network service), so the tray app
 * follows the OS proxy settings (PAC, system proxy) and trusts the OS certificate store, as corporate
 * networks need. The IAM client keeps its own timeouts and retry policy around it (main/core/iam), the
 * same as around undici in the CLI. Redirects stay manual: a signed request is never replayed elsewhere.
 */
import type { Net } from 'electron';
import type { FetchLike } from '../core/iam/fetch';

export function electronFetch(net: Pick<Net, 'fetch'>): FetchLike {
  return (url, init) =>
    net.fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: init.signal,
      redirect: init.redirect,
      // Requests go to IAM as they are: no cookies of the app's session ride along.
      credentials: 'omit',
    });
}
