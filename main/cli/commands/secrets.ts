/**
 * Where secrets live: `akvault secrets backend`, `akvault secrets migrate --to file|keychain`,
 * `akvault passphrase change`, and `akvault unlock` (creates the vault file, or checks its passphrase).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { AkvaultError } from '../../core/errors';
import type { CliContext } from '../context';
import { promptHidden, readSecretLines } from '../io';
import { printJson } from '../output';
import { cliPassphraseSource } from '../vault-passphrase';
import { findRunningHelper } from '../credential-source';
import { helperVault } from '../../core/helper/helper-client';

function parseBackend(value: string): 'file' | 'keychain' {
  if (value === 'file' || value === 'keychain') return value;
  throw new InvalidArgumentError('expected "file" or "keychain".');
}

async function refuseWhileHelperRuns(ctx: CliContext, what: string): Promise<void> {
  const running = await findRunningHelper(ctx);
  if (running) {
    throw new AkvaultError('helper.unavailable', `The akvault app or \`akvault serve\` is running (process ${running.pid}); ${what} needs it stopped.`, {
      params: { pid: running.pid },
      hint: 'Quit the app or stop `akvault serve`, then run the command again.',
    });
  }
}

export function registerSecretsCommands(program: Command, ctx: CliContext): void {
  const secrets = program.command('secrets').description('where secrets are kept: the OS keychain or the encrypted vault file');

  secrets
    .command('backend')
    .description('show which store holds the secrets (keychain or file) and, for the vault file, whether it exists')
    .option('--json', 'print {"backend","reason","vault"}')
    .action(async (opts: { json?: boolean }) => {
      const { DefaultSecretStore } = await import('../../core/secrets/default-store');
      const store = new DefaultSecretStore(ctx.dataDir, ctx.io.env);
      const b = await store.backend();
      const vault = b.vault ? await b.vault.state() : null;
      if (opts.json) return printJson(ctx.io.stdout, { backend: b.backend, reason: b.reason, vault });
      const where = b.backend === 'file' ? `the encrypted vault file (${b.vault!.dir}, ${vault === 'absent' ? 'not created yet' : 'exists'})` : 'the OS keychain';
      ctx.io.stdout.write(`Secrets are kept in ${where}; chosen ${b.reason === 'env' ? 'by AKVAULT_SECRET_BACKEND' : b.reason === 'recorded' ? 'earlier (recorded in the data dir)' : 'now (the keychain answers or not)'}.\n`);
    });

  secrets
    .command('migrate')
    .description('move every secret to the other store, verify the copies, then delete the old ones (a rerun resumes; migrating back undoes an unfinished run)')
    .addOption(new Option('--to <backend>', 'file or keychain').argParser(parseBackend).makeOptionMandatory())
    .action(async (opts: { to: 'file' | 'keychain' }) => {
      await refuseWhileHelperRuns(ctx, 'moving the secrets');
      const { keychainStore, vaultStore, DefaultSecretStore } = await import('../../core/secrets/default-store');
      const { migrateSecrets } = await import('../../core/secrets/migrate-secrets');
      const { readRecordedBackend } = await import('../../core/secrets/backend-choice');
      const probe = new DefaultSecretStore(ctx.dataDir, { ...ctx.io.env, AKVAULT_SECRET_BACKEND: '' });
      const current = (await readRecordedBackend(ctx.dataDir)) ?? (await probe.backend()).backend;
      const passphrase = cliPassphraseSource(ctx.io);
      const stores = { keychain: keychainStore(ctx.dataDir, probe.namespace), file: vaultStore(ctx.dataDir, ctx.io.env, { passphrase }) };
      const r = await migrateSecrets({ dataDir: ctx.dataDir, current, to: opts.to, store: (b) => stores[b] });
      const name = opts.to === 'file' ? 'the encrypted vault file' : 'the OS keychain';
      if (r.outcome === 'already') ctx.io.stdout.write(`Secrets are already kept in ${name}; nothing to move.\n`);
      else if (r.outcome === 'rolled-back') ctx.io.stdout.write(`Undid the unfinished migration: its copies are deleted, secrets stay in ${name}.\n`);
      else ctx.io.stdout.write(`Moved ${r.moved} secret${r.moved === 1 ? '' : 's'} to ${name}${r.resumed ? ' (resumed an interrupted run)' : ''}; the old copies are deleted.\n`);
    });

  program
    .command('unlock')
    .description('unlock the vault file in the running app or `akvault serve` (so other commands need no passphrase), create it if there is none, or just check the passphrase when nothing runs')
    .action(async () => {
      const { DefaultSecretStore } = await import('../../core/secrets/default-store');
      const b = await new DefaultSecretStore(ctx.dataDir, ctx.io.env).backend();
      if (!b.vault) throw new AkvaultError('secrets.backend', 'Secrets are kept in the OS keychain here; there is no vault file to unlock.');
      const ask = cliPassphraseSource(ctx.io);
      const running = await findRunningHelper(ctx);
      if (running && (await helperVault(running, { action: 'status' })) === 'unlocked') {
        ctx.io.stdout.write(`The vault is already unlocked in the running akvault (process ${running.pid}).\n`);
        return;
      }
      let passphrase: string;
      if ((await b.vault.state()) === 'absent') {
        passphrase = await ask('create');
        await b.vault.create(passphrase);
        ctx.io.stdout.write(`Created the encrypted vault file in ${b.vault.dir}.\n`);
      } else {
        passphrase = await ask('unlock');
        // Checked here first, so a wrong passphrase is reported the same way with or without a running helper.
        if (!running) await b.vault.unlock(passphrase);
      }
      if (running) {
        await helperVault(running, { action: 'unlock', passphrase });
        ctx.io.stdout.write(`The vault is unlocked in the running akvault (process ${running.pid}) until it locks again (\`akvault lock\`, or idle time).\n`);
      } else {
        ctx.io.stdout.write('The passphrase opens the vault. (Nothing keeps it unlocked: start `akvault serve` or the app to type it once per session.)\n');
      }
    });

  program
    .command('lock')
    .description('lock the vault file in the running app or `akvault serve`: the key leaves its memory')
    .action(async () => {
      const running = await findRunningHelper(ctx);
      if (!running) {
        ctx.io.stdout.write('Nothing to lock: no akvault app or `akvault serve` is running, and commands never keep the key after they finish.\n');
        return;
      }
      const state = await helperVault(running, { action: 'lock' });
      ctx.io.stdout.write(state === 'absent' ? 'There is no vault yet.\n' : `The vault is locked in the running akvault (process ${running.pid}).\n`);
    });

  program
    .command('passphrase')
    .description('the vault file\'s passphrase')
    .command('change')
    .description('re-encrypt the vault\'s key under a new passphrase (on a terminal asks for the current one and the new one twice; otherwise reads them from stdin, one per line)')
    .action(async () => {
      const { DefaultSecretStore } = await import('../../core/secrets/default-store');
      const b = await new DefaultSecretStore(ctx.dataDir, ctx.io.env).backend();
      if (!b.vault || (await b.vault.state()) === 'absent') {
        throw new AkvaultError('vault.missing', 'There is no vault file here to change the passphrase of.', { hint: 'Create one with `akvault unlock`.' });
      }
      let current: string;
      let next: string;
      if (ctx.io.isTTY) {
        current = await promptHidden(ctx.io, 'Current vault passphrase (input hidden): ');
        next = await promptHidden(ctx.io, 'New vault passphrase (input hidden): ');
        if ((await promptHidden(ctx.io, 'Repeat the new passphrase: ')) !== next) {
          throw new AkvaultError('usage', 'The two new passphrases differ; nothing was changed.', { hint: 'Run the command again.' });
        }
      } else {
        [current, next] = (await readSecretLines(ctx.io, ['Current vault passphrase', 'New vault passphrase'])) as [string, string];
      }
      await b.vault.changePassphrase(current, next);
      ctx.io.stdout.write('The vault passphrase is changed. A running app or `akvault serve` keeps working; unlock with the new one from now on.\n');
    });
}
