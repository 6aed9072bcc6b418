/**
 * The browser-facing checks of the UI, as pure functions over headers (tested without sockets). With the
 * SameSite=Strict session cookie they make the API CSRF-proof: a page on another site (or another port
 * of this machine) gets no cookie, cannot forge an Origin or Sec-Fetch-Site, and cannot send a JSON
 * body without a preflight the UI never answers with CORS headers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HelperAddress } from '../core/helper/types';
import { type UiRefusal, uiRefusal } from './ui-refusals';

/**
 * The UI has exactly one name, 127.0.0.1:<port>. `localhost:<port>` would be another origin (with no
 * cookie), and any other name is DNS rebinding.
 */
export function checkUiHost(host: string | undefined, address: HelperAddress): UiRefusal | null {
  return host !== undefined && host.toLowerCase() === address.host ? null : uiRefusal('ui.foreign-host');
}

/**
 * Sec-Fetch-Site, which every current browser sends and no page can forge: `same-origin` for the
 * page's own requests; `none` for a navigation the user started (typing the address, a link opened
 * from the terminal), allowed only where `navigation` is. Without the header (command-line clients,
 * old browsers) the cookie and Origin checks still stand.
 */
export function checkFetchSite(headers: IncomingHttpHeaders, opts: { navigation: boolean }): UiRefusal | null {
  const site = headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin') return null;
  if (site === 'none' && opts.navigation) return null;
  return uiRefusal('ui.cross-site');
}

/** Origin, when sent, must be the UI's own; a request that changes something must send it. */
export function checkOrigin(headers: IncomingHttpHeaders, address: HelperAddress, opts: { required: boolean }): UiRefusal | null {
  const origin = headers.origin;
  if (origin === undefined) return opts.required ? uiRefusal('ui.wrong-origin') : null;
  return origin === address.origin ? null : uiRefusal('ui.wrong-origin');
}

/** `application/json`, which an HTML form cannot send: one more thing a cross-site form post lacks. */
export function checkJson(headers: IncomingHttpHeaders): UiRefusal | null {
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' ? null : uiRefusal('ui.not-json');
}
