import { describe, expect, it } from 'vitest';
import { parseCredentialsCsv } from '../../../../main/core/profiles/csv-import';

const AK1 = 'QTWAOYTTINDUT2QVKYUC';
const SK1 = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const AK2 = 'HCY8BGCN1YM5ZWYOK1MH';
const SK2 = 'riEoWsy3qO0BvgwfkoLVgCUvzgpjBBcvdqM0hbk0';

function caught(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('parseCredentialsCsv', () => {
  it('reads the console download (User Name, Access Key Id, Secret Access Key)', () => {
    const r = parseCredentialsCsv(`User Name,Access Key Id,Secret Access Key\nalice,${AK1},${SK1}\n`);
    expect(r.header).toBe(true);
    expect(r.rows).toEqual([{ line: 2, userName: 'alice', accessKeyId: AK1, secretAccessKey: SK1, warnings: [] }]);
    expect(r.problems).toEqual([]);
  });

  it('reads the Terraform export: BOM, CRLF, User ID and upper-case ID', () => {
    const r = parseCredentialsCsv(`\uFEFFUser ID,Access Key ID,Secret Access Key\r\n0a1b2c3d4e,${AK1},${SK1}\r\n`);
    expect(r.rows).toEqual([{ line: 2, userId: '0a1b2c3d4e', accessKeyId: AK1, secretAccessKey: SK1, warnings: [] }]);
  });

  it('accepts semicolons, quotes, header case and spacing, extra columns and blank lines', () => {
    const text = `"user_name" ; "ACCESS KEY ID";secret-access-key;created\n\n"bob; the builder";"${AK1}";"${SK1}";2026-01-01\n;;;\ncarol;${AK2};${SK2};x\n`;
    const r = parseCredentialsCsv(text);
    expect(r.delimiter).toBe(';');
    expect(r.rows.map((x) => [x.line, x.userName, x.accessKeyId])).toEqual([
      [3, 'bob; the builder', AK1],
      [5, 'carol', AK2],
    ]);
  });

  it('finds columns by header name wherever they are', () => {
    const r = parseCredentialsCsv(`Secret Access Key,Note,Access Key Id\n${SK1},hello,${AK1}\n`);
    expect(r.rows[0]).toMatchObject({ accessKeyId: AK1, secretAccessKey: SK1 });
    expect(r.rows[0]!.userName).toBeUndefined();
  });

  it('without a header reads 2 columns as AK,SK and 3 as user,AK,SK', () => {
    const r = parseCredentialsCsv(`${AK1},${SK1}\ndave,${AK2},${SK2}\n${AK2},${SK2},\n`);
    expect(r.header).toBe(false);
    expect(r.rows.map((x) => [x.line, x.userName ?? null, x.accessKeyId])).toEqual([
      [1, null, AK1],
      [2, 'dave', AK2],
      [3, null, AK2],
    ]);
  });

  it('reports unusable rows by line without their content', () => {
    const r = parseCredentialsCsv(`User Name,Access Key Id,Secret Access Key\nalice,${AK1},\nbob,,${SK2}\nok,${AK2},${SK2}\n`);
    expect(r.rows.map((x) => x.line)).toEqual([4]);
    expect(r.problems).toEqual([
      { line: 2, problem: 'the secret access key is empty' },
      { line: 3, problem: 'the access key ID is empty' },
    ]);
    const noHeader = parseCredentialsCsv(`a,b,c,${SK1}\n`);
    expect(noHeader.problems[0]!.problem).toMatch(/has 4 columns/);
    expect(JSON.stringify(noHeader)).not.toContain(SK1);
  });

  it('cleans pasted values and warns about unusual shapes', () => {
    const r = parseCredentialsCsv(`\u200B${AK1} , ${SK1}\u200B\npartner-key,short\n`);
    expect(r.rows[0]).toMatchObject({ accessKeyId: AK1, secretAccessKey: SK1, warnings: [] });
    expect(r.rows[1]!.warnings.map((w) => w.code)).toEqual(['ak-shape', 'sk-shape']);
  });

  it('gives line numbers of multi-line quoted records from where they start', () => {
    const r = parseCredentialsCsv(`User Name,Access Key Id,Secret Access Key\n"two\nlines",${AK1},${SK1}\nnext,${AK2},${SK2}\n`);
    expect(r.rows.map((x) => x.line)).toEqual([2, 4]);
  });

  it('never puts file content in a parse error', () => {
    const e = caught(() => parseCredentialsCsv(`User Name,Access Key Id,Secret Access Key\nalice,${AK1},"${SK1}\n`, 'keys.csv'));
    expect(e.code).toBe('import.unreadable');
    expect(e.message).toContain('keys.csv');
    expect(e.message).not.toContain(SK1);
    expect(e.message).not.toContain(AK1);
    const misplaced = caught(() => parseCredentialsCsv(`${AK1},x"${SK1}"y\n`, 'keys.csv'));
    expect(misplaced.code).toBe('import.unreadable');
    expect(misplaced.message).not.toContain(SK1);
  });

  it('refuses a header without a key column, and empty files', () => {
    expect(caught(() => parseCredentialsCsv(`User Name,Access Key Id\nalice,${AK1}\n`))).toMatchObject({
      code: 'import.unreadable',
      message: expect.stringContaining('"Secret Access Key"'),
    });
    expect(caught(() => parseCredentialsCsv(''))).toMatchObject({ code: 'import.no-keys' });
    expect(caught(() => parseCredentialsCsv('\uFEFF\r\n\r\n'))).toMatchObject({ code: 'import.no-keys' });
    expect(caught(() => parseCredentialsCsv('User Name,Access Key Id,Secret Access Key\n'))).toMatchObject({ code: 'import.no-keys' });
  });
});
