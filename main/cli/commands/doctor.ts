/**
 * `akvault doctor [--json]`: why something does not work. Checks the secret store, the data directory's
 * permissions, the profiles file and its backup, helper.json and the helper, the clock against IAM,
 * proxy settings, tool files, the tray host and versions. Exits 1 when a check failed, each failure
 * with its fix; nothing secret is printed (the report has no values, and proxy passwords are hidden).
 */
import type { Command } from 'commander';
import packageJson from '../../../package.json';
import type { Check, DoctorReport } from '../../core/doctor';
import type { CliContext } from '../context';
import { printJson } from '../output';

const MARK: Record<Check['status'], string> = { ok: 'ok  ', info: 'info', warn: 'WARN', fail: 'FAIL' };
const TITLE: Record<Check['id'], string> = {
  secrets: 'Secret store',
  'data-dir': 'Data directory',
  profiles: 'Profiles file',
  helper: 'Local helper',
  clock: 'Clock vs IAM',
  proxy: 'Network / proxy',
  'tool-files': 'Tool files',
  tray: 'Tray host',
  versions: 'Versions',
};

export function formatReport(report: DoctorReport): string {
  const lines = report.checks.map((c) => {
    const head = `${MARK[c.status]}  ${TITLE[c.id].padEnd(16)} ${c.summary}`;
    return c.fix && c.status !== 'ok' ? `${head}\n      ${' '.repeat(16)} fix: ${c.fix}` : head;
  });
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  lines.push('', failed ? `${failed} problem(s) found: see "fix" above.` : 'No problems found.');
  return `${lines.join('\n')}\n`;
}

export function registerDoctorCommand(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check the secret store, data directory, profiles file, helper, clock, proxy, tool files and tray; exit 1 if something is broken')
    .option('--json', 'print the report as JSON (for bug reports; holds no secrets)')
    .action(async (opts: { json?: boolean }) => {
      const { hostDoctor } = await import('../../core/doctor/for-host');
      const { clockFromEnv } = await import('../test-clock');
      const clock = clockFromEnv(ctx.io.env);
      const doctor = hostDoctor({ host: 'cli', dataDir: ctx.dataDir, service: ctx.getService(), akvaultVersion: packageJson.version, env: ctx.io.env, ...(clock ? { clock } : {}) });
      const report = await doctor();
      if (opts.json) printJson(ctx.io.stdout, report);
      else ctx.io.stdout.write(formatReport(report));
      if (!report.ok) ctx.exitCode = 1;
    });
}
