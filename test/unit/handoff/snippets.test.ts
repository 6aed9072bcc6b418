import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../main/core/errors';
import { envFor, HANDOFF_VARIABLE_NAMES, type EnvVar } from '../../../main/core/handoff/env-vars';
import { quoteFish, quotePosix, quotePowerShell } from '../../../main/core/handoff/shell-quote';
import { credentialsJson, snippet, SNIPPET_FORMATS, unsetSnippet } from '../../../main/core/handoff/snippets';
import { PERMANENT, TEMPORARY } from './fixtures';
import { NASTY_VALUES, nastyString } from './nasty';

const one = (value: string): EnvVar[] => [{ name: 'V', value }];

/** Reads back a POSIX word made only of '…' runs and \' (the only forms quotePosix emits). */
function readPosix(word: string): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    if (word.startsWith("\\'", i)) {
      out += "'";
      i += 2;
    } else if (word[i] === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated');
      // An empty run would read as a quote under zsh's RC_QUOTES when it follows another run.
      if (end === i + 1) throw new Error('empty quoted run');
      out += word.slice(i + 1, end);
      i = end + 1;
    } else throw new Error(`unquoted character at ${i}`);
  }
  return out;
}

/** fish's single-quote rules: \\ and \' are escapes, every other character is literal. */
function readFish(word: string): string {
  if (word[0] !== "'") throw new Error('not quoted');
  let out = '';
  for (let i = 1; i < word.length; i += 1) {
    const c = word[i]!;
    if (c === '\\' && (word[i + 1] === '\\' || word[i + 1] === "'")) {
      out += word[i + 1];
      i += 1;
    } else if (c === "'") {
      if (i !== word.length - 1) throw new Error('text after the closing quote');
      return out;
    } else out += c;
  }
  throw new Error('unterminated');
}

/** PowerShell's tokenizer: any of the five single quotes ends the string unless another one follows. */
const PS_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
function readPowerShell(word: string): string {
  if (!PS_QUOTES.has(word[0]!)) throw new Error('not quoted');
  let out = '';
  for (let i = 1; i < word.length; i += 1) {
    const c = word[i]!;
    if (PS_QUOTES.has(c)) {
      if (PS_QUOTES.has(word[i + 1] ?? '')) {
        out += word[i + 1];
        i += 1;
        continue;
      }
      if (i !== word.length - 1) throw new Error('text after the closing quote');
      return out;
    }
    out += c;
  }
  throw new Error('unterminated');
}

describe('quoting, checked against each shell’s own rules', () => {
  it('POSIX single quotes round-trip any value and never emit an empty quoted run', () => {
    fc.assert(
      fc.property(nastyString(), (v) => {
        fc.pre(v !== '');
        expect(readPosix(quotePosix(v))).toBe(v);
      }),
      { numRuns: 500 },
    );
    expect(quotePosix("a'b")).toBe("'a'\\''b'");
    expect(quotePosix("'")).toBe("\\'");
    expect(quotePosix('')).toBe("''");
  });

  it('fish single quotes round-trip any value', () => {
    fc.assert(
      fc.property(nastyString(), (v) => {
        expect(readFish(quoteFish(v))).toBe(v);
      }),
      { numRuns: 500 },
    );
    expect(quoteFish("a\\'b")).toBe("'a\\\\\\'b'");
  });

  it('PowerShell single quotes round-trip any value, typographic quotes included', () => {
    fc.assert(
      fc.property(nastyString(), (v) => {
        expect(readPowerShell(quotePowerShell(v))).toBe(v);
      }),
      { numRuns: 500 },
    );
    expect(quotePowerShell('it’s')).toBe("'it’’s'");
  });

  it('refuses NUL in every shell format, naming the variable only', () => {
    for (const f of ['bash', 'fish', 'powershell', 'cmd', 'dotenv'] as const) {
      expect(() => snippet(f, [{ name: 'SECRET_NAME', value: 'a\0SECRETVALUE' }])).toThrow(/SECRET_NAME/);
      try {
        snippet(f, [{ name: 'N', value: 'a\0SECRETVALUE' }]);
      } catch (e) {
        expect((e as AkvaultError).describe()).not.toContain('SECRETVALUE');
      }
    }
  });
});

describe('snippet', () => {
  const vars = envFor('prod', TEMPORARY);

  it('writes one export per variable for bash and zsh, after clearing the akvault variables it does not set', () => {
    const perm = envFor('perm', PERMANENT);
    const text = snippet('bash', perm);
    const lines = text.trimEnd().split('\n');
    const unset = HANDOFF_VARIABLE_NAMES.filter((n) => !perm.some((v) => v.name === n));
    expect(lines[0]).toBe(`unset ${unset.join(' ')}`);
    expect(lines.slice(1)).toEqual(perm.map((v) => `export ${v.name}='${v.value}'`));
    expect(snippet('zsh', perm)).toBe(text);
    expect(snippet('bash', perm, { clearAbsent: false })).toBe(`${perm.map((v) => `export ${v.name}='${v.value}'`).join('\n')}\n`);
    // Temporary keys set everything, so nothing is cleared.
    expect(snippet('bash', vars)).not.toContain('unset');
  });

  it('writes fish, PowerShell and cmd statements', () => {
    expect(snippet('fish', one("a'b"), { clearAbsent: false })).toBe("set -gx -- V 'a\\'b'\n");
    expect(snippet('powershell', one("a'b"), { clearAbsent: false })).toBe("$Env:V = 'a''b'\n");
    expect(snippet('cmd', one('a^b&c|d<e>(f) g'), { clearAbsent: false })).toBe('set "V=a^b&c|d<e>(f) g"\n');
    expect(snippet('fish', [])).toContain('set -e HUAWEICLOUD_SDK_AK; or true');
    expect(snippet('powershell', [])).toContain('Remove-Item -Path Env:AKVAULT_PROFILE -ErrorAction SilentlyContinue');
    expect(snippet('cmd', [])).toContain('set "HW_SECURITY_TOKEN="');
  });

  it('refuses for cmd the characters cmd.exe cannot take literally, and nothing else', () => {
    for (const bad of ['50%', 'bang!', 'say "x"', 'two\nlines', 'cr\r']) {
      expect(() => snippet('cmd', one(bad))).toThrow(expect.objectContaining({ code: 'validation' }));
    }
    fc.assert(
      fc.property(nastyString(), (v) => {
        fc.pre(v !== '');
        const refusedExpected = /["%!\r\n]/.test(v);
        let out: string | undefined;
        try {
          out = snippet('cmd', one(v), { clearAbsent: false });
        } catch (e) {
          expect((e as AkvaultError).code).toBe('validation');
        }
        expect(out === undefined).toBe(refusedExpected);
        if (out !== undefined) expect(out).toBe(`set "V=${v}"\n`);
      }),
      { numRuns: 500 },
    );
  });

  it('writes dotenv values in single quotes and refuses what dotenv parsers disagree on', () => {
    expect(snippet('dotenv', one('a "b" `c` #d é'))).toBe("V='a \"b\" `c` #d é'\n");
    for (const bad of ["it's", 'back\\slash', '$HOME', 'two\nlines']) {
      expect(() => snippet('dotenv', one(bad))).toThrow(expect.objectContaining({ code: 'validation' }));
    }
  });

  it('writes the JSON shape with absent values omitted', () => {
    expect(JSON.parse(snippet('json', vars))).toEqual({
      accessKeyId: TEMPORARY.accessKeyId,
      secretAccessKey: TEMPORARY.secretAccessKey,
      securityToken: TEMPORARY.securityToken,
      expiresAt: TEMPORARY.expiresAt,
      region: TEMPORARY.region,
      projectId: TEMPORARY.projectId,
      domainId: TEMPORARY.domainId,
    });
    expect(Object.keys(JSON.parse(snippet('json', vars)))).toEqual([
      'accessKeyId',
      'secretAccessKey',
      'securityToken',
      'expiresAt',
      'region',
      'projectId',
      'domainId',
    ]);
    expect(JSON.parse(snippet('json', envFor('perm', PERMANENT)))).toEqual({
      accessKeyId: PERMANENT.accessKeyId,
      secretAccessKey: PERMANENT.secretAccessKey,
    });
    expect(credentialsJson(TEMPORARY)).toEqual(JSON.parse(snippet('json', vars)));
  });

  it('validates names and refuses empty values in every format', () => {
    for (const f of SNIPPET_FORMATS) {
      expect(() => snippet(f, [{ name: '1BAD', value: 'x' }])).toThrow(/not a valid environment variable name/);
      expect(() => snippet(f, [{ name: 'A-B', value: 'x' }])).toThrow(AkvaultError);
      expect(() => snippet(f, [{ name: 'A', value: '' }])).toThrow(/empty value/);
    }
  });

  it('clears variables in shells and refuses to for dotenv and JSON', () => {
    expect(unsetSnippet('bash')).toBe(`unset ${HANDOFF_VARIABLE_NAMES.join(' ')}\n`);
    expect(unsetSnippet('fish', ['A', 'B'])).toBe('set -e A; or true\nset -e B; or true\n');
    expect(unsetSnippet('cmd', ['A'])).toBe('set "A="\n');
    expect(unsetSnippet('powershell', ['A'])).toBe('Remove-Item -Path Env:A -ErrorAction SilentlyContinue\n');
    expect(() => unsetSnippet('dotenv')).toThrow(/cannot clear/);
    expect(() => unsetSnippet('json')).toThrow(/cannot clear/);
    expect(() => unsetSnippet('bash', ['$(rm)'])).toThrow(/not a valid/);
  });
});

// The real Node dotenv parser, when it is present in node_modules (it arrives with the build tools).
const dotenv = (() => {
  try {
    return createRequire(import.meta.url)('dotenv') as { parse(src: string): Record<string, string> };
  } catch {
    return null;
  }
})();

describe.skipIf(!dotenv)('dotenv snippets read back by the dotenv package', () => {
  it('round-trips every value it accepts, including the fixed nasty ones it can carry', () => {
    const accepted = Object.entries(NASTY_VALUES).filter(([, v]) => !/['\\$\r\n]/.test(v));
    expect(accepted.length).toBeGreaterThan(3);
    const vars = accepted.map(([name, value]) => ({ name, value }));
    expect(dotenv!.parse(snippet('dotenv', vars))).toEqual(Object.fromEntries(accepted));
    fc.assert(
      fc.property(nastyString(), (v) => {
        fc.pre(v !== '' && !/['\\$\r\n]/.test(v));
        expect(dotenv!.parse(snippet('dotenv', one(v)))).toEqual({ V: v });
      }),
      { numRuns: 500 },
    );
  });
});
