import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { AkvaultError } from '../../core/errors';
import type { ImportReport } from '../../core/profiles/import';
import type { ProfileInput } from '../../core/profiles/profile-input';
import { accessKeyIdOf, PROFILE_KINDS, type Profile, type ProfileKind } from '../../core/profiles/schema';
import type { CliContext } from '../context';
import { readAll, readSecretLines } from '../io';
import { printAdvisories, printJson, printTable } from '../output';

/**
 * `akvault profile …`: thin over the service. Parse options, read secrets from stdin (never argv),
 * call one service operation, print the result.
 */
export function registerProfileCommands(program: Command, ctx: CliContext): void {
  const profile = program.command('profile').description('manage profiles (access keys and temporary keys)');

  profile
    .command('list')
    .description('list profiles (never shows secrets)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const service = ctx.getService();
      const [profiles, defaultName] = await Promise.all([service.listProfiles(), service.getDefaultProfile()]);
      const sorted = [...profiles].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
      if (opts.json) return printJson(ctx.io.stdout, sorted.map((p) => profileJson(p, defaultName)));
      if (sorted.length === 0) {
        ctx.io.stdout.write('No profiles yet. Add one with `akvault profile add` or `akvault profile import credentials.csv`.\n');
        return;
      }
      printTable(
        ctx.io.stdout,
        ['', 'NAME', 'KIND', 'ACCESS KEY ID', 'REGION', 'EXPIRES'],
        sorted.map((p) => [
          p.name === defaultName ? '*' : '',
          p.name,
          p.kind,
          accessKeyIdOf(p) ?? '-',
          p.region ?? '-',
          p.kind === 'temporary-key' ? p.expiresAt : '-',
        ]),
      );
    });

  profile
    .command('show')
    .description('show one profile (never shows secrets)')
    .argument('<name>', 'profile name')
    .option('--json', 'print a JSON object')
    .action(async (name: string, opts: { json?: boolean }) => {
      const service = ctx.getService();
      const [p, defaultName] = await Promise.all([service.getProfile(name), service.getDefaultProfile()]);
      if (opts.json) return printJson(ctx.io.stdout, profileJson(p, defaultName));
      const rows = Object.entries(profileJson(p, defaultName)).filter(([, v]) => v !== null && v !== undefined);
      const width = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) ctx.io.stdout.write(`${k.padEnd(width)}  ${String(v)}\n`);
    });

  profile
    .command('add')
    .description(
      'add a profile; the secret key is read from stdin (line 1), and for a temporary key the security token too (line 2). ' +
        'In a terminal you are prompted without echo.',
    )
    .requiredOption('--name <name>', 'profile name: 1–64 letters, digits, "-", "_", "."')
    .addOption(new Option('--kind <kind>', 'profile kind').choices(PROFILE_KINDS).default('access-key'))
    .requiredOption('--access-key-id <ak>', 'access key ID (AK)')
    .option('--expires-at <iso8601>', 'expiry of a temporary key, e.g. 2026-05-01T12:00:00Z')
    .option('--region <region>', 'default region, e.g. cn-north-4')
    .option('--project-id <id>', 'project ID')
    .option('--domain-name <name>', 'account (domain) name')
    .option('--domain-id <id>', 'account (domain) ID')
    .option('--user-name <name>', 'IAM user name')
    .option('--user-id <id>', 'IAM user ID')
    .option('--iam-endpoint <url>', 'IAM endpoint (https://; http:// only to localhost)')
    .option('--description <text>', 'free text')
    .option('--color <#rrggbb>', 'colour shown in the tray')
    .option('--json', 'print the added profile and warnings as JSON')
    // Accepted only to refuse them clearly: a secret on the command line ends up in shell history and `ps`.
    .addOption(new Option('--secret-access-key <value>').hideHelp())
    .addOption(new Option('--sk <value>').hideHelp())
    .addOption(new Option('--security-token <value>').hideHelp())
    .action(async (opts: AddOptions) => {
      if (opts.secretAccessKey !== undefined || opts.sk !== undefined || opts.securityToken !== undefined) {
        throw new AkvaultError('usage', 'Secrets are never taken from the command line (they would be kept in shell history and visible to other processes).', {
          hint: 'Pipe them on stdin (line 1: secret key, line 2: security token) or run the command in a terminal to be prompted.',
        });
      }
      const kind = opts.kind as ProfileKind;
      if (kind === 'temporary-key' && !opts.expiresAt) {
        throw new AkvaultError('usage', 'A temporary key needs --expires-at (e.g. 2026-05-01T12:00:00Z).');
      }
      if (kind !== 'temporary-key' && opts.expiresAt) {
        throw new AkvaultError('usage', '--expires-at is only for --kind temporary-key.');
      }
      const labels = kind === 'temporary-key' ? ['Secret access key', 'Security token'] : ['Secret access key'];
      const [secretAccessKey, securityToken] = await readSecretLines(ctx.io, labels);
      const input: ProfileInput = {
        name: opts.name,
        kind,
        accessKeyId: opts.accessKeyId,
        ...pick(opts, ['expiresAt', 'region', 'projectId', 'domainName', 'domainId', 'userName', 'userId', 'iamEndpoint', 'description', 'color']),
      };
      const { profile: added, warnings } = await ctx
        .getService()
        .addProfile(input, { secretAccessKey: secretAccessKey!, ...(securityToken !== undefined ? { securityToken } : {}) });
      printAdvisories(ctx.io.stderr, warnings);
      if (opts.json) return printJson(ctx.io.stdout, { profile: profileJson(added, null), warnings });
      ctx.io.stdout.write(`Added profile "${added.name}" (${added.kind}, access key ${accessKeyIdOf(added)}).\n`);
    });

  profile
    .command('remove')
    .description('remove a profile and delete its secrets from the keychain')
    .argument('<name>', 'profile name')
    .action(async (name: string) => {
      const { profile: removed, removedSecrets } = await ctx.getService().removeProfile(name);
      ctx.io.stdout.write(`Removed profile "${removed.name}" and ${removedSecrets} keychain item${removedSecrets === 1 ? '' : 's'}.\n`);
    });

  profile
    .command('import')
    .description('import access keys from a credentials.csv downloaded from the console ("-" reads stdin)')
    .argument('<file>', 'the CSV file')
    .option('--name-prefix <prefix>', 'prefix for the generated profile names')
    .option('--region <region>', 'default region for the imported profiles')
    .option('--json', 'print the per-row report as JSON')
    .action(async (file: string, opts: { namePrefix?: string; region?: string; json?: boolean }) => {
      const text = file === '-' ? await readAll(ctx.io.stdin) : await readCsvFile(file);
      const report = await ctx.getService().importCsv(text, {
        source: file === '-' ? 'stdin' : path.basename(file),
        ...(opts.namePrefix !== undefined ? { namePrefix: opts.namePrefix } : {}),
        ...(opts.region !== undefined ? { region: opts.region } : {}),
      });
      if (report.counts.conflict + report.counts.invalid + report.counts.failed > 0) ctx.exitCode = 1;
      if (opts.json) return printJson(ctx.io.stdout, report);
      printImportReport(ctx, report);
    });

  profile
    .command('restore-backup')
    .description('replace profiles.json with its backup (profiles.json.bak); the replaced file is kept')
    .action(async () => {
      const r = await ctx.getService().restoreBackup();
      ctx.io.stdout.write(`Restored ${r.profileCount} profile${r.profileCount === 1 ? '' : 's'} from ${r.restoredFrom}.\n`);
      if (r.keptAs) ctx.io.stdout.write(`The replaced file was kept as ${r.keptAs}.\n`);
    });
}

interface AddOptions {
  name: string;
  kind: string;
  accessKeyId: string;
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
  json?: boolean;
  secretAccessKey?: string;
  sk?: string;
  securityToken?: string;
}

/** A profile as the CLI prints it: every stored (non-secret) field, plus whether it is the default. */
function profileJson(p: Profile, defaultName: string | null): Record<string, unknown> {
  return { ...p, accessKeyId: accessKeyIdOf(p), default: p.name === defaultName };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

async function readCsvFile(file: string): Promise<string> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    throw new AkvaultError('import.unreadable', `Cannot read ${file} (${code}).`, {
      params: { file, errno: code },
      hint: 'Check the path and that the file is readable.',
    });
  }
}

function printImportReport(ctx: CliContext, report: ImportReport): void {
  const { stdout, stderr } = ctx.io;
  for (const row of report.rows) {
    const ak = row.accessKeyId ? ` (access key ${row.accessKeyId})` : '';
    stdout.write(`line ${row.line}: ${row.message}${row.status === 'added' ? ak : ''}\n`);
    printAdvisories(stderr, row.advisories, `line ${row.line}: `);
  }
  const c = report.counts;
  stdout.write(`${c.added} added, ${c.unchanged} unchanged, ${c.conflict} conflicts, ${c.invalid} invalid, ${c.failed} failed.\n`);
}
