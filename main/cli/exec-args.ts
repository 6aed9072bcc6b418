/**
 * `akvault exec [PROFILE] [options] -- CMD ARGS…`: splitting what commander parsed into the profile and
 * the command. `--` is required: it is the only way to tell `exec -- make deploy` (default profile,
 * command "make") from `exec make deploy`, and it keeps the command's own options away from ours.
 */
import path from 'node:path';
import { AkvaultError } from '../core/errors';

export interface ExecTarget {
  profile: string | null;
  command: string[];
}

const SYNOPSIS = 'akvault exec [PROFILE] [--server] [--force] -- CMD [ARGS…]';

/**
 * `operands`: what commander collected (operands before `--` followed by everything after it);
 * `rawArgs`: the arguments as typed, used only to find where `--` was.
 */
export function splitExecOperands(operands: readonly string[], rawArgs: readonly string[]): ExecTarget {
  const dashDash = rawArgs.indexOf('--');
  if (dashDash === -1) {
    throw new AkvaultError('usage', 'Put `--` before the command to run.', { hint: `Usage: ${SYNOPSIS}, e.g. akvault exec prod -- terraform plan` });
  }
  const afterCount = rawArgs.length - dashDash - 1;
  const before = operands.slice(0, operands.length - afterCount);
  const command = operands.slice(operands.length - afterCount);
  if (command.length === 0 || command[0] === '') {
    throw new AkvaultError('usage', 'No command after `--`.', { hint: `Usage: ${SYNOPSIS}` });
  }
  if (before.length > 1) {
    throw new AkvaultError('usage', `Only one profile goes before \`--\`; got ${before.length} words.`, { hint: `Usage: ${SYNOPSIS}` });
  }
  return { profile: before[0] ?? null, command };
}

/** The audit log names the program, never its arguments (they may hold anything, secrets included). */
export function execCommandLabel(command: readonly string[]): string {
  const base = path.basename(command[0] ?? '').replace(/\p{Cc}/gu, '?');
  return `exec ${base.slice(0, 80) || '?'}`;
}
