/**
 * `akvault serve [--port N] [--metadata]`: the broker and the local helper without a GUI (WSL, SSH,
 * Linux desktops without a tray), until SIGINT/SIGTERM/SIGHUP. It publishes helper.json so every
 * `akvault env`/`exec`/`login` on this machine goes through it (one cache, one IAM call for many
 * processes, MFA prompts on this terminal), prints its URL (never its token) and one line per alarm.
 */
import { type Command, InvalidArgumentError } from 'commander';
import type { BrokerEvent } from '../../core/sessions/events';
import { dataFiles } from '../../core/paths';
import { findRunningHelper } from '../credential-source';
import type { HandoffContext } from '../handoff-context';
import { probeHelper } from '../../core/helper/helper-client';
import { claimHelperFile, releaseHelperFileSync, type HelperInfo } from '../../core/helper/helper-file';
import { terminalMfaPrompt } from '../mfa-prompt';
import { clockFromEnv } from '../test-clock';
import { AkvaultError } from '../../core/errors';
import { vaultControlOf } from '../serve-vault';

interface ServeOptions {
  port?: number;
  metadata?: boolean;
  /** --ui / --no-open: see serve-ui.ts. */
  ui?: boolean;
  open?: boolean;
}

export interface ServeHooks {
  /** Resolves with the reason to stop; default: the first SIGINT, SIGTERM or SIGHUP. */
  waitForStop?: () => Promise<string>;
  /** Called once the helper is listening and helper.json is published (tests). */
  onReady?: (info: HelperInfo) => void;
}

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The first stop signal resolves `stopped`; the handlers stay until `dispose()`, so a second Ctrl-C
 * during shutdown cannot kill the process before helper.json is removed.
 */
function stopSignals(): { stopped: Promise<string>; dispose(): void } {
  let resolve!: (reason: string) => void;
  const stopped = new Promise<string>((r) => (resolve = r));
  const handlers = STOP_SIGNALS.map((s) => [s, () => resolve(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  return { stopped, dispose: () => handlers.forEach(([s, h]) => process.off(s, h)) };
}

const SERVE_NO_TERMINAL_HINT = 'Run `akvault serve` in a terminal (not in the background) to be asked for MFA codes there, or use the akvault app.';

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('expected a port from 0 to 65535 (0 = any free port).');
  return n;
}

/** One line per alarm change; alarm messages are built by the core and never hold a secret. */
export function alarmLine(e: BrokerEvent): string | null {
  if (e.type === 'alarm-raised') return `akvault: alarm: ${e.alarm.profile}: ${e.alarm.message} [${e.alarm.code}]\n`;
  if (e.type === 'alarm-cleared') return `akvault: alarm cleared: ${e.alarm.profile} works again.\n`;
  return null;
}

export function registerServeCommand(program: Command, ctx: HandoffContext, hooks: ServeHooks = {}): void {
  program
    .command('serve')
    .description('run the credential broker and the local helper without the app, until Ctrl-C; other akvault commands then use it')
    .option('--port <port>', 'helper port on 127.0.0.1 (default: the setting, normally any free port)', parsePort)
    .option('--metadata', 'also answer the ECS metadata routes (for SDKs that read 169.254.169.254; see the docs for the address setup)')
    .option('--ui', 'also serve the profile manager in your browser (prints a one-time sign-in link)')
    .option('--no-open', 'with --ui: print the sign-in link without opening a browser')
    .option('--verbose', 'also print log lines (info and up) on stderr')
    .option('--debug', 'also print every log line, debug included, on stderr')
    .action(async (opts: ServeOptions) => {
      const file = dataFiles(ctx.dataDir).helper;
      const running = await findRunningHelper(ctx);
      if (running) {
        throw new AkvaultError('helper.unavailable', `Another akvault helper is already running (process ${running.pid}, ${running.url}).`, {
          params: { pid: running.pid, url: running.url },
          hint: 'Stop it first (the akvault app, or `akvault serve` in another terminal). While it runs, `akvault env` and `akvault exec` use it on their own.',
        });
      }
      const { createAppCore } = await import('../../core/app-core');
      const { createHelperServer } = await import('../../core/helper/helper-server');
      const { cliLogger } = await import('../cli-logger');
      const { helperLog } = await import('../../core/helper/helper-log');
      const clock = clockFromEnv(ctx.io.env);
      const core = await createAppCore({
        dataDir: ctx.dataDir,
        env: ctx.io.env,
        watchProfiles: true,
        prompt: terminalMfaPrompt(ctx.io, { noTerminalHint: SERVE_NO_TERMINAL_HINT }),
        logger: cliLogger(ctx, 'serve'),
        ...(ctx.io.secretStore ? { secretStore: ctx.io.secretStore } : {}),
        ...(clock ? { clock } : {}),
      });
      // The vault file (no keychain here): unlock it now when the terminal or the environment can, else
      // the browser page or the app window offers it. The key then stays in this process's memory only.
      await (await import('../serve-vault')).openVaultForServe(ctx, core, { ui: opts.ui === true });
      let info: HelperInfo | undefined;
      const release = () => info && releaseHelperFileSync(file, info);
      let helper: Awaited<ReturnType<typeof createHelperServer>> | undefined;
      const signals = hooks.waitForStop ? null : stopSignals();
      try {
        helper = await createHelperServer({
          provider: core.broker,
          port: opts.port ?? core.settings.get().helperPort,
          metadataEmulation: opts.metadata === true,
          log: helperLog(core.logger),
          ...(await vaultControlOf(core)),
          ...(clock ? { clock } : {}),
        });
        info = { url: helper.url, token: helper.token, pid: process.pid };
        await claimHelperFile(file, info, async (other) => (await probeHelper(other)).live);
        // Also on an unexpected exit, so the next command does not first have to find the file stale.
        process.on('exit', release);
        const unlisten = core.broker.on((e) => {
          const line = alarmLine(e);
          if (line) ctx.io.stderr.write(line);
        });
        ctx.io.stderr.write(`akvault: serving credentials at ${helper.url}${opts.metadata ? ' (ECS metadata routes on)' : ''}; other akvault commands use it. Stop with Ctrl-C.\n`);
        // `--ui` starts the browser UI here, on top of the same broker and helper; it closes with the helper.
        if (opts.ui) await (await import('./serve-ui')).startServeUi(ctx, { open: opts.open !== false }, core, helper);
        hooks.onReady?.(info);
        const reason = await (hooks.waitForStop ? hooks.waitForStop() : signals!.stopped);
        unlisten();
        ctx.io.stderr.write(`akvault: stopping (${reason}).\n`);
      } finally {
        release();
        process.off('exit', release);
        await helper?.close();
        core.dispose();
        await core.audit.flush(); // the process exits right after (index.ts)
        signals?.dispose();
      }
    });
}
