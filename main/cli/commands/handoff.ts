/**
 * The commands that hand credentials to tools: `env`, `exec`, `login`, `serve`. They need only the io
 * and the data directory (HandoffContext), so the fast entry point (handoff-program.ts) can run them
 * without loading the profile commands.
 */
import type { Command } from 'commander';
import { echoLevel, type HandoffContext } from '../handoff-context';
import { registerEnvCommand } from './env';
import { registerExecCommand } from './exec';
import { registerLoginCommand } from './login';
import { registerServeCommand, type ServeHooks } from './serve';

export const HANDOFF_COMMANDS = ['env', 'exec', 'login', 'serve'] as const;

export function registerHandoffCommands(program: Command, ctx: HandoffContext, hooks: { serve?: ServeHooks } = {}): void {
  registerEnvCommand(program, ctx);
  registerExecCommand(program, ctx);
  registerLoginCommand(program, ctx);
  registerServeCommand(program, ctx, hooks.serve);
  // --verbose / --debug of the command being run decide whether log lines are echoed to stderr.
  program.hook('preAction', (_program, action) => void (ctx.logEcho = echoLevel(action.opts())));
}
