/**
 * The Huawei Cloud SDKs' profile file (`~/.huaweicloud/credentials`, or `HUAWEICLOUD_SDK_CREDENTIALS_FILE`).
 * Its sections are named by credential type, not by profile — `[basic]` for regional services and
 * `[global]` for global ones — so it holds one identity at a time. Only this file is touched:
 * `application_id` and `regions.yaml` next to it are the SDKs' own.
 */
import path from 'node:path';
import type { SessionCredentials } from '../../sessions/types';
import { INI_DIALECT } from './kv-syntax';
import { LineFileWriter } from './line-file-writer';
import { MARKER_PREFIX, type ManagedKey, type ManagedSection } from './managed-lines';
import type { ToolFileContext } from './types';
import { plainValue } from './value-check';

const LABEL = 'the SDK credentials file';

export function sdkCredentialsPath(ctx: ToolFileContext): string {
  const override = ctx.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE?.trim();
  if (override) return path.resolve(ctx.cwd ?? process.cwd(), override);
  return path.join(ctx.homeDir, '.huaweicloud', 'credentials');
}

function sections(creds: SessionCredentials): ManagedSection[] {
  const v = (field: string, value: string | undefined) => plainValue(field, LABEL, value);
  const keys: ManagedKey[] = [
    { key: 'ak', value: v('access key id', creds.accessKeyId), secret: true },
    { key: 'sk', value: v('secret access key', creds.secretAccessKey), secret: true },
    // Taken out for permanent keys: a leftover token would be sent with keys it does not belong to.
    { key: 'security_token', value: v('security token', creds.securityToken), secret: true },
  ];
  const endpoint: ManagedKey = { key: 'iam_endpoint', value: v('IAM endpoint', creds.iamEndpoint), secret: false };
  // OIDC settings win over ak/sk in every SDK, so they step aside while akvault holds the file.
  const oidc: ManagedKey[] = [
    { key: 'idp_id', value: undefined, secret: false },
    { key: 'id_token_file', value: undefined, secret: false },
  ];
  return [
    { section: 'basic', keys: [...keys, { key: 'project_id', value: v('project id', creds.projectId), secret: false }, endpoint, ...oidc] },
    { section: 'global', keys: [...keys, { key: 'domain_id', value: v('account id', creds.domainId), secret: false }, endpoint, ...oidc] },
  ];
}

export function sdkCredentialsFileWriter(ctx: ToolFileContext): LineFileWriter {
  return new LineFileWriter(ctx, {
    id: 'sdk-credentials',
    dialect: INI_DIALECT,
    targetPath: sdkCredentialsPath,
    sections,
    marker: (profile) => `${MARKER_PREFIX}: ${profile}`,
  });
}
