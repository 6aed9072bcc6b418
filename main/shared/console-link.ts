/**
 * "Open console" for a profile: with temporary keys, a federation sign-in link (IAM login token) that
 * lands in the console already signed in as the session; with permanent keys, which cannot mint a
 * login token, the console's sign-in page for the profile's region.
 */
import { IamClient } from '../core/iam/client';
import type { SessionCredentials } from '../core/sessions/types';
import type { ConsoleLoginClient } from './ports';

export const CONSOLE_HOME = 'https://console.huaweicloud.com/console/';

export function consoleHome(region: string | undefined): string {
  const url = new URL(CONSOLE_HOME);
  if (region) url.searchParams.set('region', region);
  return url.href;
}

export const defaultConsoleLogin: ConsoleLoginClient = (iamEndpoint) => new IamClient(iamEndpoint ? { iamEndpoint } : {});

/** The URL to open. It may carry a login token: hand it to the opener, never to a log or a page. */
export async function consoleUrlFor(creds: SessionCredentials, region: string | undefined, login: ConsoleLoginClient = defaultConsoleLogin): Promise<string> {
  const service = consoleHome(region);
  if (!creds.securityToken || !creds.expiresAt) return service;
  const keys = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, securityToken: creds.securityToken, expiresAt: creds.expiresAt };
  return (await login(creds.iamEndpoint).consoleLoginUrl(keys, { service })).url;
}
