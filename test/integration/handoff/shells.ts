import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { SnippetFormat } from '../../../main/core/handoff/snippets';

/** The first executable called `name` on PATH, or null. */
export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

export interface Shell {
  name: string;
  bin: string | null;
  /** Why it is skipped when bin is null. */
  skip: string;
  format: SnippetFormat;
  /**
   * argv that loads `file` the way users do and then runs `cmd…` (node printing what it sees).
   * `how` picks between sourcing the file and evaluating its text (`eval "$(akvault env)"`).
   */
  argv(file: string, cmd: string[], how: 'source' | 'eval'): string[];
}

const posix = (name: string, flags: string[]): Shell => ({
  name,
  bin: which(name),
  skip: `${name} is not installed`,
  format: name === 'zsh' ? 'zsh' : 'bash',
  argv: (file, cmd, how) => [
    ...flags,
    '-c',
    // Positional parameters carry the file and the command, so nothing here needs quoting.
    `${how === 'source' ? '. "$1"' : 'eval "$(cat "$1")"'} || exit 97; shift; exec "$@"`,
    name,
    file,
    ...cmd,
  ],
});

export const SHELLS: Shell[] = [
  posix('bash', ['--noprofile', '--norc']),
  posix('dash', []),
  posix('zsh', ['-f']),
  {
    name: 'fish',
    bin: which('fish'),
    skip: 'fish is not installed',
    format: 'fish',
    argv: (file, cmd, how) => [
      '--no-config',
      '-c',
      `${how === 'source' ? 'source $argv[1]' : 'cat $argv[1] | source'}; or exit 97; exec $argv[2..-1]`,
      file,
      ...cmd,
    ],
  },
  {
    name: 'pwsh',
    bin: which('pwsh'),
    skip: 'PowerShell (pwsh) is not installed',
    format: 'powershell',
    argv: (file, cmd, how) => [
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      `${how === 'source' ? `. '${file.replace(/'/g, "''")}'` : `Invoke-Expression (Get-Content -Raw -LiteralPath '${file.replace(/'/g, "''")}')`}; & ${cmd.map((a) => `'${a.replace(/'/g, "''")}'`).join(' ')}; exit $LASTEXITCODE`,
    ],
  },
];

export function run(bin: string, argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, argv, { env, maxBuffer: 16 * 1024 * 1024, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(bin)} failed (${err.code ?? err.message}): ${stderr.slice(0, 2000)}`));
      else resolve(stdout);
    });
  });
}

/** A node command that prints the named variables as JSON (null for unset ones). */
export function printVars(names: readonly string[]): string[] {
  return [
    process.execPath,
    '-e',
    'process.stdout.write(JSON.stringify(Object.fromEntries(process.argv.slice(1).map((n) => [n, process.env[n] ?? null]))))',
    ...names,
  ];
}
