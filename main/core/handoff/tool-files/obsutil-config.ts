/**
 * obsutil's `~/.obsutilconfig`: plain `key=value` lines. akvault manages `ak`, `sk`, `token` and, when
 * it knows the region, `endpoint`; every other line (tuning keys, the `…Crr` set) is left as it is.
 * obsutil's own reader takes no comments reliably, so ownership lives only in akvault's record.
 */
import path from 'node:path';
import type { SessionCredentials } from '../../sessions/types';
import { OBSUTIL_DIALECT } from './kv-syntax';
import { LineFileWriter } from './line-file-writer';
import type { ManagedKey, ManagedSection } from './managed-lines';
import type { ToolFileContext } from './types';
import { plainValue } from './value-check';

const LABEL = "obsutil's config file";

export function obsutilConfigPath(ctx: ToolFileContext): string {
  return path.join(ctx.homeDir, '.obsutilconfig');
}

/**
 * The OBS endpoint for the credentials' region, on the same cloud as their IAM endpoint
 * (`iam.<region>.<cloud>` or `iam.<cloud>`). Without an IAM endpoint: the EU cloud for `eu-west-1*`
 * regions (as Terraform does), the main cloud otherwise. Undefined without a region.
 */
export function obsEndpointFor(creds: Pick<SessionCredentials, 'region' | 'iamEndpoint'>): string | undefined {
  const region = creds.region;
  if (!region) return undefined;
  let cloud = region.startsWith('eu-west-1') ? 'myhuaweicloud.eu' : 'myhuaweicloud.com';
  if (creds.iamEndpoint) {
    try {
      const host = new URL(/^[a-z]+:\/\//i.test(creds.iamEndpoint) ? creds.iamEndpoint : `https://${creds.iamEndpoint}`).hostname;
      if (host.startsWith('iam.')) {
        const rest = host.slice(4);
        cloud = rest.startsWith(`${region}.`) ? rest.slice(region.length + 1) : rest;
      }
    } catch {
      /* not a URL: keep the default cloud */
    }
  }
  return `https://obs.${region}.${cloud}`;
}

function sections(creds: SessionCredentials): ManagedSection[] {
  const v = (field: string, value: string | undefined) => plainValue(field, LABEL, value);
  const keys: ManagedKey[] = [
    { key: 'ak', value: v('access key id', creds.accessKeyId), secret: true },
    { key: 'sk', value: v('secret access key', creds.secretAccessKey), secret: true },
    // Taken out for permanent keys: obsutil would send a stale token along.
    { key: 'token', value: v('security token', creds.securityToken), secret: true },
  ];
  // Without a region the user's endpoint stays: obsutil cannot work without one.
  const endpoint = v('OBS endpoint', obsEndpointFor(creds));
  if (endpoint) keys.push({ key: 'endpoint', value: endpoint, secret: false });
  return [{ section: null, keys }];
}

export function obsutilConfigWriter(ctx: ToolFileContext): LineFileWriter {
  return new LineFileWriter(ctx, {
    id: 'obsutil',
    dialect: OBSUTIL_DIALECT,
    targetPath: obsutilConfigPath,
    sections,
  });
}
