import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AkvaultError } from '../../core/errors';
import { DEFAULT_IAM_ENDPOINT } from '../../core/iam/client';
import { describeEndpoint, resolveEndpoints } from '../../core/profiles/endpoints';
import type { ImportReport } from '../../core/profiles/import';
import type { CliContext } from '../context';
import { readAll } from '../io';
import { printAdvisories, printJson, printTable } from '../output';
import { registerProfileAdd } from './profile-add';
import { registerProfileUpdate } from './profile-update';
import { chainText, detailsOf, expiresOf, namesOf, profileJson, showLines } from './profile-view';

/**
 * `akvault profile …`: thin over the service. Parse options, read secrets from stdin (never argv),
 * call one service operation, print the result.
 */
export function registerProfileCommands(program: Command, ctx: CliContext): void {
  const profile = program.command('profile').description('manage profiles (access keys, temporary keys, tokens, accounts and agencies)');

  profile
    .command('list')
    .description('list profiles (never shows secrets)')
    .option('--json', 'print a JSON array with every stored field')
    .action(async (opts: { json?: boolean }) => {
      const service = ctx.getService();
      const [profiles, defaultName] = await Promise.all([service.listProfiles(), service.getDefaultProfile()]);
      const sorted = [...profiles].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
      const nameOf = namesOf(profiles);
      if (opts.json) return printJson(ctx.io.stdout, sorted.map((p) => profileJson(p, defaultName, nameOf)));
      if (sorted.length === 0) {
        ctx.io.stdout.write('No profiles yet. Add one with `akvault profile add` or `akvault profile import credentials.csv`.\n');
        return;
      }
      printTable(
        ctx.io.stdout,
        ['', 'NAME', 'KIND', 'DETAILS', 'REGION', 'EXPIRES'],
        sorted.map((p) => [p.name === defaultName ? '*' : '', p.name, p.kind, detailsOf(p, nameOf), p.region ?? '-', expiresOf(p)]),
      );
    });

  profile
    .command('show')
    .description('show one profile, the IAM/STS endpoints it uses and why, and for an agency its chain of sources (never shows secrets)')
    .argument('<name>', 'profile name')
    .option('--json', 'print a JSON object')
    .action(async (name: string, opts: { json?: boolean }) => {
      const service = ctx.getService();
      const [p, profiles, defaultName] = await Promise.all([service.getProfile(name), service.listProfiles(), service.getDefaultProfile()]);
      const fields = profileJson(p, defaultName, namesOf(profiles));
      // Which endpoints the profile's calls really go to, and why (an agency inherits its source's).
      const endpoints = await resolveEndpoints(p, (id) => profiles.find((x) => x.id === id));
      const used = {
        iamEndpointUsed: describeEndpoint(endpoints.iam, DEFAULT_IAM_ENDPOINT),
        ...(p.kind === 'agency' ? { stsEndpointUsed: describeEndpoint(endpoints.sts, undefined) } : {}),
      };
      if (p.kind === 'agency') {
        const walk = await service.getChain(p.name);
        if (opts.json) return printJson(ctx.io.stdout, { ...fields, endpoints, chain: walk.links.map((l) => l.name), chainEnd: walk.end });
        ctx.io.stdout.write(showLines({ ...fields, ...used, chain: chainText(walk) }));
        return;
      }
      if (opts.json) return printJson(ctx.io.stdout, { ...fields, endpoints });
      ctx.io.stdout.write(showLines({ ...fields, ...used }));
    });

  registerProfileAdd(profile, ctx);
  registerProfileUpdate(profile, ctx);

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
