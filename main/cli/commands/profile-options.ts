import { promises as fsp } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { AkvaultError, isAkvaultError } from '../../core/errors';
import { describeJsonError } from '../../core/profiles/file-errors';
import type { ProfileInput } from '../../core/profiles/profile-input';
import type { ProfilePatch } from '../../core/profiles/profile-patch';
import type { ProfileKind, ToolFiles } from '../../core/profiles/schema';
import { checkDuration, checkRefreshMargin } from '../../core/profiles/validation';
import type { AkvaultService } from '../../core/service';

/**
 * The non-secret profile options shared by `profile add` and `profile update`, and their translation
 * into the core's ProfileInput / ProfilePatch. Which option belongs to which kind is checked here, so a
 * misplaced option is a usage error (exit 2) that says what to do, before anything is read or stored.
 */
export interface ProfileOptions {
  accessKeyId?: string;
  expiresAt?: string;
  region?: string;
  projectId?: string;
  domainName?: string;
  domainId?: string;
  userName?: string;
  userId?: string;
  iamEndpoint?: string;
  description?: string;
  color?: string;
  refreshMargin?: number | null;
  writeSdkCredentials?: boolean;
  writeKoocli?: boolean;
  writeObsutil?: boolean;
  duration?: number | null;
  mfaUserId?: string;
  metadataUrl?: string;
  source?: string;
  agencyDomainName?: string;
  agencyDomainId?: string;
  agencyName?: string;
  sessionUser?: string;
  policyFile?: string;
  api?: 'v3' | 'v5';
  stsEndpoint?: string;
  json?: boolean;
  // Refused: secrets never come from argv.
  secretAccessKey?: string;
  sk?: string;
  securityToken?: string;
  password?: string;
  authToken?: string;
  token?: string;
}

const AGENCY: readonly ProfileKind[] = ['agency'];
/** Options that only some kinds take, with the flag to name in messages. */
const KIND_ONLY: ReadonlyArray<{ key: keyof ProfileOptions; flag: string; kinds: readonly ProfileKind[] }> = [
  { key: 'accessKeyId', flag: '--access-key-id', kinds: ['access-key', 'temporary-key'] },
  { key: 'expiresAt', flag: '--expires-at', kinds: ['temporary-key', 'token'] },
  { key: 'duration', flag: '--duration', kinds: ['token', 'account', 'agency'] },
  { key: 'mfaUserId', flag: '--mfa-user-id', kinds: ['account'] },
  { key: 'metadataUrl', flag: '--metadata-url', kinds: ['ecs-agency'] },
  { key: 'source', flag: '--source', kinds: AGENCY },
  { key: 'agencyDomainName', flag: '--agency-domain-name', kinds: AGENCY },
  { key: 'agencyDomainId', flag: '--agency-domain-id', kinds: AGENCY },
  { key: 'agencyName', flag: '--agency-name', kinds: AGENCY },
  { key: 'sessionUser', flag: '--session-user', kinds: AGENCY },
  { key: 'policyFile', flag: '--policy-file', kinds: AGENCY },
  { key: 'api', flag: '--api', kinds: AGENCY },
  { key: 'stsEndpoint', flag: '--sts-endpoint', kinds: AGENCY },
];

/** Option key → the profile field it sets (when the names differ, e.g. --session-user). */
const FIELD_OF: ReadonlyArray<[keyof ProfileOptions, keyof ProfileInput]> = [
  ['accessKeyId', 'accessKeyId'],
  ['expiresAt', 'expiresAt'],
  ['region', 'region'],
  ['projectId', 'projectId'],
  ['domainName', 'domainName'],
  ['domainId', 'domainId'],
  ['userName', 'userName'],
  ['userId', 'userId'],
  ['iamEndpoint', 'iamEndpoint'],
  ['description', 'description'],
  ['color', 'color'],
  ['refreshMargin', 'refreshMarginSeconds'],
  ['duration', 'durationSeconds'],
  ['mfaUserId', 'mfaUserId'],
  ['metadataUrl', 'metadataUrl'],
  ['agencyDomainName', 'agencyDomainName'],
  ['agencyDomainId', 'agencyDomainId'],
  ['agencyName', 'agencyName'],
  ['sessionUser', 'sessionUserName'],
  ['api', 'api'],
  ['stsEndpoint', 'stsEndpoint'],
];

const TOOL_FLAGS: ReadonlyArray<[keyof ProfileOptions, keyof ToolFiles]> = [
  ['writeSdkCredentials', 'sdkCredentials'],
  ['writeKoocli', 'koocli'],
  ['writeObsutil', 'obsutil'],
];

// Policies are small JSON documents; a large file is almost certainly the wrong file.
const MAX_POLICY_BYTES = 64 * 1024;

/** Adds the shared options. `update` says in the help that "" removes an optional value. */
export function addProfileOptions(cmd: Command, mode: 'add' | 'update'): Command {
  const clear = mode === 'update' ? ' ("" removes it)' : '';
  return cmd
    .option('--access-key-id <ak>', 'access key ID (access-key, temporary-key)')
    .option('--expires-at <iso8601>', 'expiry of a temporary key or IAM token: the expires_at IAM returned, ISO 8601 with a zone (temporary-key, token)')
    .option('--region <region>', `default region, e.g. cn-north-4${clear}`)
    .option('--project-id <id>', `project ID${clear}`)
    .option('--domain-name <name>', `account (domain) name (required for account)${clear}`)
    .option('--domain-id <id>', `account (domain) ID${clear}`)
    .option('--user-name <name>', `IAM user name (required for account)${clear}`)
    .option('--user-id <id>', `IAM user ID${clear}`)
    .option('--iam-endpoint <url>', `IAM endpoint (https://; http:// only to localhost)${clear}`)
    .option('--description <text>', `free text${clear}`)
    .option('--color <#rrggbb>', `colour shown in the tray${clear}`)
    .addOption(new Option('--refresh-margin <seconds>', `renew this profile's sessions this long before they expire (120–86400)${clear}`).argParser(secondsParser(checkRefreshMargin)))
    .option('--write-sdk-credentials', "keep the SDK credentials file up to date with this profile's sessions")
    .option('--no-write-sdk-credentials', 'stop writing the SDK credentials file')
    .option('--write-koocli', "keep a KooCLI profile up to date with this profile's sessions")
    .option('--no-write-koocli', 'stop writing the KooCLI profile')
    .option('--write-obsutil', "keep obsutil's config up to date with this profile's sessions")
    .option('--no-write-obsutil', "stop writing obsutil's config")
    .addOption(new Option('--duration <seconds>', `lifetime of minted temporary keys, 900–86400 (token, account, agency; agency default 3600)${clear}`).argParser(secondsParser(checkDuration)))
    .option('--mfa-user-id <id>', `IAM user ID for MFA (TOTP) sign-in; MFA is on when set (account)${clear}`)
    .option('--metadata-url <url>', `metadata service URL, default http://169.254.169.254 (ecs-agency)${clear}`)
    .option('--source <profile>', 'name of the profile whose credentials assume the agency (agency)')
    .option('--agency-domain-name <name>', "delegating account's name (agency; or --agency-domain-id)")
    .option('--agency-domain-id <id>', "delegating account's ID (agency; or --agency-domain-name; required for --api v5)")
    .option('--agency-name <name>', 'agency name in the delegating account (agency)')
    .option('--session-user <name>', `session user name, 5–32 letters, digits, "_", "-" (agency)${clear}`)
    .option('--policy-file <file.json>', `session policy {"Version": "1.1", "Statement": [...]} (agency)${clear}`)
    .addOption(new Option('--api <version>', 'v3 (IAM, default) or v5 (STS; needs --agency-domain-id and --sts-endpoint) (agency)').choices(['v3', 'v5']))
    .option('--sts-endpoint <url>', `STS endpoint, e.g. https://sts.cn-north-4.myhuaweicloud.com (agency)${clear}`)
    .option('--json', 'print the result as JSON')
    // Accepted only to refuse them clearly: a secret on the command line ends up in shell history and `ps`.
    .addOption(new Option('--secret-access-key <value>').hideHelp())
    .addOption(new Option('--sk <value>').hideHelp())
    .addOption(new Option('--security-token <value>').hideHelp())
    .addOption(new Option('--password <value>').hideHelp())
    .addOption(new Option('--auth-token <value>').hideHelp())
    .addOption(new Option('--token <value>').hideHelp());
}

/** Whole seconds, range-checked by `check`; "" means "remove" (null) for update. */
function secondsParser(check: (v: unknown) => string | undefined): (value: string) => number | null {
  return (value) => {
    if (value.trim() === '') return null;
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Give a whole number of seconds, e.g. 3600.');
    const n = Number(value.trim());
    const problem = check(n);
    if (problem) throw new InvalidArgumentError(`${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
    return n;
  };
}

/** "an agency", "a token": for messages about a profile of a kind. */
export function withArticle(kind: ProfileKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

function usage(message: string, hint?: string): AkvaultError {
  return new AkvaultError('usage', message, hint ? { hint } : {});
}

export function refuseSecretsOnArgv(opts: ProfileOptions): void {
  const given = [opts.secretAccessKey, opts.sk, opts.securityToken, opts.password, opts.authToken, opts.token].some((v) => v !== undefined);
  if (!given) return;
  throw usage('Secrets are never taken from the command line (they would be kept in shell history and visible to other processes).', 'Pipe them on stdin (see `akvault profile add --help` for the lines each kind reads) or run the command in a terminal to be prompted.');
}

/** Usage errors for options that do not fit `kind`, and (on add) for what the kind requires. */
export function checkOptionsForKind(kind: ProfileKind, opts: ProfileOptions, mode: 'add' | 'update'): void {
  const misplaced = KIND_ONLY.filter((o) => opts[o.key] !== undefined && !o.kinds.includes(kind));
  if (misplaced.length > 0) {
    const o = misplaced[0]!;
    const what = mode === 'add' ? `--kind ${kind}` : `${withArticle(kind)} profile`;
    throw usage(`${o.flag} does not apply to ${what}; it is only for ${o.kinds.join(', ')} profiles.`, 'Leave the option out, or choose the kind it belongs to. Nothing was changed.');
  }
  if (kind === 'agency' && opts.agencyDomainName !== undefined && opts.agencyDomainId !== undefined) {
    throw usage('Give the delegating account either by name (--agency-domain-name) or by ID (--agency-domain-id), not both.');
  }
  if (mode === 'update') return;
  const need = (present: unknown, message: string) => {
    if (present === undefined || present === '') throw usage(message);
  };
  if (kind === 'access-key' || kind === 'temporary-key') need(opts.accessKeyId, `--kind ${kind} needs --access-key-id.`);
  if (kind === 'temporary-key' || kind === 'token') need(opts.expiresAt, `--kind ${kind} needs --expires-at: the expires_at IAM returned with it, ISO 8601 with a zone (YYYY-MM-DDThh:mm:ssZ).`);
  if (kind === 'account') {
    need(opts.domainName, '--kind account needs --domain-name (the account the IAM user belongs to).');
    need(opts.userName, '--kind account needs --user-name (the IAM user to sign in as).');
  }
  if (kind === 'agency') {
    need(opts.source, '--kind agency needs --source (the profile whose credentials assume the agency).');
    need(opts.agencyName, '--kind agency needs --agency-name (the agency as created in the delegating account).');
    if (opts.agencyDomainName === undefined && opts.agencyDomainId === undefined) {
      throw usage('--kind agency needs the delegating account: --agency-domain-name NAME or --agency-domain-id ID (one of them).');
    }
    if (opts.api === 'v5' && (opts.agencyDomainId === undefined || opts.stsEndpoint === undefined)) {
      throw usage('--api v5 needs --agency-domain-id (STS names the agency by account ID) and --sts-endpoint.');
    }
  }
}

/** A new profile from the options (values as typed; the core cleans and checks them). */
export async function inputFromOptions(service: AkvaultService, name: string, kind: ProfileKind, opts: ProfileOptions): Promise<ProfileInput> {
  const input: Record<string, unknown> = { name, kind };
  for (const [key, field] of FIELD_OF) {
    const value = opts[key];
    if (value !== undefined && value !== null && value !== '') input[field] = value;
  }
  const toolFiles: ToolFiles = {};
  for (const [key, tool] of TOOL_FLAGS) if (opts[key] === true) toolFiles[tool] = true;
  if (Object.keys(toolFiles).length > 0) input.toolFiles = toolFiles;
  if (opts.source !== undefined) input.sourceId = await sourceIdOf(service, opts.source);
  if (opts.policyFile) input.policy = await readPolicyFile(opts.policyFile);
  return input as unknown as ProfileInput;
}

/** An edit from the options: only what was given; "" removes an optional value. */
export async function patchFromOptions(service: AkvaultService, opts: ProfileOptions, rename: string | undefined): Promise<ProfilePatch> {
  const patch: Record<string, unknown> = {};
  if (rename !== undefined) patch.name = rename;
  for (const [key, field] of FIELD_OF) {
    const value = opts[key];
    if (value === undefined) continue;
    patch[field] = value === '' ? null : value;
  }
  // Naming the delegating account one way replaces the other way.
  if (typeof opts.agencyDomainName === 'string' && opts.agencyDomainName !== '') patch.agencyDomainId = null;
  if (typeof opts.agencyDomainId === 'string' && opts.agencyDomainId !== '') patch.agencyDomainName = null;
  const toolFiles: ToolFiles = {};
  for (const [key, tool] of TOOL_FLAGS) if (typeof opts[key] === 'boolean') toolFiles[tool] = opts[key] as boolean;
  if (Object.keys(toolFiles).length > 0) patch.toolFiles = toolFiles;
  if (opts.source !== undefined) patch.sourceId = await sourceIdOf(service, opts.source);
  if (opts.policyFile !== undefined) patch.policy = opts.policyFile === '' ? null : await readPolicyFile(opts.policyFile);
  return patch as ProfilePatch;
}

async function sourceIdOf(service: AkvaultService, name: string): Promise<string> {
  try {
    return (await service.getProfile(name)).id;
  } catch (e) {
    if (isAkvaultError(e) && e.code === 'profile.not-found') {
      throw new AkvaultError('profile.not-found', `The source profile "${name}" does not exist.`, { params: { name }, ...(e.hint ? { hint: e.hint } : {}) });
    }
    throw e;
  }
}

async function readPolicyFile(file: string): Promise<unknown> {
  let text: string;
  try {
    const stat = await fsp.stat(file);
    if (stat.size > MAX_POLICY_BYTES) throw usage(`The policy file ${file} is larger than ${MAX_POLICY_BYTES / 1024} KB; a session policy is a small JSON document.`);
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    if (isAkvaultError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    throw usage(`Cannot read the policy file ${file} (${code}).`, 'Check the path given to --policy-file.');
  }
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw usage(`The policy file ${file} ${describeJsonError(body, e)}.`, 'Fix the JSON: a policy looks like {"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["obs:object:*"]}]}.');
  }
}
