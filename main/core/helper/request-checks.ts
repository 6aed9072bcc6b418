/**
 * The checks every request passes before any route runs: who is calling (peer address), which name
 * they used to reach us (Host) and whether a browser page is behind the request (Origin,
 * Sec-Fetch-Site). Pure functions over strings, so they are tested without sockets.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type Refusal, refusal } from './refusals';

/** The link-local address SDKs hard-code for the ECS metadata service. */
export const METADATA_ADDRESS = '169.254.169.254';

export interface RequestCheckConfig {
  /** The port the helper listens on. */
  port: number;
  /** When true, requests addressed to 169.254.169.254 (aliased onto loopback) are ours too. */
  metadataEmulation: boolean;
  /** The one browser origin allowed to call (the browser UI); undefined = none. */
  uiOrigin?: string;
}

/** 127.0.0.0/8 and ::1, including IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/**
 * The peer must be this machine. With the metadata alias on the loopback interface, a local process
 * that connects to 169.254.169.254 gets that address as its source (the kernel picks the address of the
 * interface the route uses), so emulation mode accepts it too. A remote host cannot complete a TCP
 * handshake from an address this machine owns.
 */
export function checkPeer(address: string | undefined, cfg: RequestCheckConfig): Refusal | null {
  if (isLoopbackAddress(address)) return null;
  if (cfg.metadataEmulation && address !== undefined) {
    const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
    if (v4 === METADATA_ADDRESS) return null;
  }
  return refusal('request.not-loopback');
}

/**
 * DNS rebinding defence: a page on evil.example whose name is re-pointed at 127.0.0.1 still sends
 * `Host: evil.example:<port>`. Only the exact names we serve are accepted.
 */
export function allowedHosts(cfg: RequestCheckConfig): Set<string> {
  const hosts = new Set([`127.0.0.1:${cfg.port}`, `localhost:${cfg.port}`]);
  if (cfg.metadataEmulation) {
    hosts.add(METADATA_ADDRESS);
    hosts.add(`${METADATA_ADDRESS}:80`);
  }
  return hosts;
}

export function checkHost(host: string | undefined, allowed: Set<string>): Refusal | null {
  if (host !== undefined && allowed.has(host.toLowerCase())) return null;
  return refusal('request.foreign-host');
}

/**
 * Browsers add `Origin` to cross-origin requests (and to every non-GET one) and `Sec-Fetch-Site` to all
 * of them; SDKs and command-line tools send neither. Anything that looks like a page is refused, except
 * the one configured UI origin, matched exactly.
 */
export function checkBrowser(headers: IncomingHttpHeaders, cfg: RequestCheckConfig): Refusal | null {
  const origin = headers.origin;
  if (origin !== undefined) {
    return cfg.uiOrigin !== undefined && origin === cfg.uiOrigin ? null : refusal('request.browser-origin');
  }
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return refusal('request.browser-origin');
  return null;
}
