/**
 * Quoting one value as one word for each shell akvault writes snippets for. Every function either
 * returns a word that the shell reads back as exactly `value`, or throws a validation error naming
 * the variable (never the value) — there is no "close enough".
 *
 * - POSIX sh / bash / zsh: single quotes, each `'` written as `\'` between quoted runs. Nothing is
 *   special inside single quotes, so every character (newlines included) survives. Empty runs are
 *   not emitted, so the output never holds `''` (which zsh's RC_QUOTES option would read as a quote).
 * - fish: single quotes; inside them fish knows exactly two escapes, `\\` and `\'`.
 * - PowerShell: single quotes, each quote doubled. PowerShell also treats the typographic quotes
 *   U+2018–U+201B as single quotes, so those are doubled too.
 * - cmd.exe: see quoteCmd.
 * - dotenv: see quoteDotenv.
 */
import { AkvaultError } from '../errors';

/** Thrown for a value a format cannot carry; `what` names the variable or argument, never the value. */
function unrepresentable(what: string, format: string, reason: string, hint: string): AkvaultError {
  return new AkvaultError('validation', `${what} cannot be written for ${format}: ${reason}.`, {
    params: { name: what, format },
    hint,
  });
}

function refuseNul(what: string, format: string, value: string): void {
  if (value.includes('\0')) {
    throw unrepresentable(what, format, 'it contains a NUL character', 'Check the profile for a damaged value.');
  }
}

export function quotePosix(value: string, what = 'A value'): string {
  refuseNul(what, 'sh', value);
  if (value === '') return "''";
  return value
    .split("'")
    .map((run) => (run === '' ? '' : `'${run}'`))
    .join("\\'");
}

export function quoteFish(value: string, what = 'A value'): string {
  refuseNul(what, 'fish', value);
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

// ' plus ‘ ’ ‚ ‛, all of which PowerShell's tokenizer accepts as a single quote.
const POWERSHELL_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function quotePowerShell(value: string, what = 'A value'): string {
  refuseNul(what, 'PowerShell', value);
  return `'${value.replace(POWERSHELL_QUOTES, (q) => q + q)}'`;
}

/**
 * cmd.exe has no quoting that protects every character: `%` expands inside double quotes (and is
 * escaped differently in a batch file than at the prompt), `!` expands when delayed expansion is on,
 * a `"` ends the quoted run and re-activates `& | < >`, and a line break ends the command. Instead of
 * an escape that is right in one context and wrong in another, values holding any of `" % !` or a
 * line break are refused; everything else is literal inside `"…"` (including `^ & | < > ( )`, which
 * cmd does not interpret inside quotes). Access keys, secret keys and security tokens never contain
 * the refused characters. Non-ASCII text depends on the console code page (`chcp 65001` for UTF-8).
 */
const CMD_REFUSED = /["%!\r\n]/;

export function checkCmdValue(value: string, what = 'A value'): void {
  refuseNul(what, 'cmd.exe', value);
  if (CMD_REFUSED.test(value)) {
    throw unrepresentable(
      what,
      'cmd.exe',
      'it contains a double quote, a percent sign, an exclamation mark or a line break, which cmd.exe cannot take literally',
      'Use the PowerShell format, or let akvault start the program with `akvault exec`.',
    );
  }
}

/**
 * One command-line argument for a program started from cmd.exe: wrapped in double quotes under the
 * cmd.exe rules above and the Windows argument-splitting rules (backslashes are literal except before
 * a `"`, so trailing backslashes are doubled to keep the closing quote a quote).
 */
export function quoteCmdArgument(value: string, what = 'A value'): string {
  checkCmdValue(value, what);
  const trailing = /\\*$/.exec(value)?.[0].length ?? 0;
  return `"${value}${'\\'.repeat(trailing)}"`;
}

/**
 * dotenv files are read by several parsers that disagree on escapes: Node's `dotenv` keeps single-
 * quoted text literally and has no escape for a quote, python-dotenv turns `\\` and `\'` into `\` and
 * `'` inside single quotes, and `dotenv-expand` substitutes `$NAME` even inside single quotes (Docker
 * Compose does not). The one form all of them read back unchanged is a single-quoted value with no
 * `'`, no `\`, no `$` and no line break, so that is what akvault writes; other values are refused.
 * `#`, spaces, double quotes, backticks and non-ASCII text are fine inside the quotes.
 */
const DOTENV_REFUSED = /['\\$\r\n]/;

export function quoteDotenv(value: string, what = 'A value'): string {
  refuseNul(what, 'a dotenv file', value);
  if (DOTENV_REFUSED.test(value)) {
    throw unrepresentable(
      what,
      'a dotenv file',
      'it contains a single quote, a backslash, a dollar sign or a line break, which dotenv parsers do not read back the same way',
      'Use a shell format, or let akvault start the program with `akvault exec`.',
    );
  }
  return `'${value}'`;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names are written unquoted, so only portable identifiers are accepted. */
export function checkVariableName(name: string): void {
  if (!VARIABLE_NAME.test(name)) {
    throw new AkvaultError('validation', `"${name.slice(0, 64)}" is not a valid environment variable name.`, {
      params: { name: name.slice(0, 64) },
      hint: 'Use letters, digits and underscores only, not starting with a digit.',
    });
  }
}
