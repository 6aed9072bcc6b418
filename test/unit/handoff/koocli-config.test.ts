import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KoocliConfigWriter, koocliEntry } from '../../../main/core/handoff/tool-files/koocli-config';
import { PERMANENT, REFRESHED, TEMPORARY } from './fixtures';
import { dataDirText, exists, modeOf, read, tempHome } from './temp-home';

// A KooCLI file with formatting JSON.stringify would not reproduce: four-space indent, number
// spellings, \u escapes, an inline object, unknown keys, a trailing newline missing.
const ORIGINAL = `{
    "current": "default",
    "language": "cn",
    "profiles": [
        {
            "name": "default",
            "mode": "AKSK",
            "accessKeyId": "USERKOOAK00000000001",
            "secretAccessKey": "UserKooSecret00000000000000000000000000",
            "region": "cn-north-4",
            "readTimeout": 10,
            "ratio": 1.50,
            "note": "caf\\u00e9 \\"quoted\\""
        }
    ],
    "localeCache": {"a": [1, 2e3, -0.0]}
}`;

async function seed(home: string, text: string, mode = 0o644) {
  const file = path.join(home, '.hcloud', 'config.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

const entryText = (profile: string, creds: typeof TEMPORARY, keyIndent: string, closeIndent: string) =>
  `{\n${Object.entries(koocliEntry(profile, creds))
    .map(([k, v]) => `${keyIndent}${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(',\n')}\n${closeIndent}}`;

describe('KooCLI config', () => {
  it('adds, refreshes and removes akvault profiles and keeps every other byte', async () => {
    const t = await tempHome();
    const file = await seed(t.home, ORIGINAL);
    const w = new KoocliConfigWriter(t.ctx());
    const at = ORIGINAL.indexOf('\n    ],');
    const withEntry = (...entries: string[]) => ORIGINAL.slice(0, at) + entries.map((e) => `,\n        ${e}`).join('') + ORIGINAL.slice(at);

    await w.write('prod', TEMPORARY);
    expect(await read(file)).toBe(withEntry(entryText('prod', TEMPORARY, '            ', '        ')));
    expect(await modeOf(file)).toBe(0o600);
    expect(await read(`${file}.akvault-backup`)).toBe(ORIGINAL);

    await w.write('dev', PERMANENT);
    await w.write('prod', REFRESHED);
    expect(await read(file)).toBe(withEntry(entryText('prod', REFRESHED, '            ', '        '), entryText('dev', PERMANENT, '            ', '        ')));
    const parsed = JSON.parse(await read(file)) as { current: string; profiles: unknown[] };
    expect(parsed.current).toBe('default');
    expect(parsed.profiles[1]).toEqual({
      name: 'akvault-prod',
      mode: 'AKSK',
      accessKeyId: REFRESHED.accessKeyId,
      secretAccessKey: REFRESHED.secretAccessKey,
      securityToken: REFRESHED.securityToken,
      region: 'cn-north-4',
      projectId: REFRESHED.projectId,
      domainId: REFRESHED.domainId,
    });
    expect(await w.holders()).toEqual(['prod', 'dev']);
    expect(await dataDirText(t.dataDir)).not.toContain(REFRESHED.secretAccessKey);

    await w.clean('prod');
    expect(await read(file)).toBe(withEntry(entryText('dev', PERMANENT, '            ', '        ')));
    expect(await modeOf(file)).toBe(0o600);
    await w.clean('dev');
    expect(await read(file)).toBe(ORIGINAL);
    expect(await modeOf(file)).toBe(0o644);
    expect(await w.holders()).toEqual([]);
  });

  it('creates the file when missing and deletes it (and its folder) again', async () => {
    const t = await tempHome();
    const w = new KoocliConfigWriter(t.ctx());
    const file = path.join(t.home, '.hcloud', 'config.json');
    await w.write('prod', PERMANENT);
    expect(await read(file)).toBe(`{\n  "profiles": [\n    ${entryText('prod', PERMANENT, '      ', '    ')}\n  ]\n}\n`);
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(path.dirname(file))).toBe(0o700);
    await w.clean('prod');
    expect(await exists(file)).toBe(false);
    expect(await exists(path.dirname(file))).toBe(false);
  });

  it('restores exactly: blank files, empty documents, empty lists, one-line files, CRLF files', async () => {
    const cases = [
      '  \n',
      '{}',
      '{ }\n',
      '{"current": "x", "profiles": []}',
      '{\r\n  "current": "x",\r\n  "profiles": [\r\n  ]\r\n}\r\n',
      '{"current":"x","profiles":[{"name":"default","mode":"AKSK"}]}',
      '{\n\t"current": "default"\n}\n',
      '{\n  "profiles": [\n    {\n      "name": "default"\n    },\n    {"name": "inline"}\n  ]\n}',
    ];
    for (const original of cases) {
      const t = await tempHome();
      const file = await seed(t.home, original);
      const w = new KoocliConfigWriter(t.ctx());
      await w.write('prod', TEMPORARY);
      await w.write('second', PERMANENT);
      const held = await read(file);
      const profiles = (JSON.parse(held) as { profiles: Array<{ name: string }> }).profiles.map((p) => p.name);
      expect(profiles.slice(-2)).toEqual(['akvault-prod', 'akvault-second']);
      if (original.includes('\r\n')) expect(held.replace(/\r\n/g, '')).not.toContain('\n');
      await w.clean('prod');
      await w.clean('second');
      expect(await read(file)).toBe(original);
    }
  });

  it('refuses encrypted or unparseable files and touches nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['U2FsdGVkX1+3b2t5ZW5jcnlwdGVkY29uZmlnZmlsZQ==', /not valid JSON/],
      ['\uFEFF{"profiles": []}', /not valid JSON/],
      ['{"profiles": [{"name": "default", "mode": "AKSK", "accessKeyId": "aGVsbG8=+/x", "secretAccessKey": "x"}]}', /look encrypted/],
      ['{"authEncrypt": true, "profiles": []}', /look encrypted/],
      ['{"profiles": [{"name": "s", "ssoAuth": {"stsToken": {"accessKeyId": "enc:1f2e"}}}]}', /look encrypted/],
      ['[1, 2]', /expected a JSON object/],
      ['{"profiles": {"name": "x"}}', /not a list/],
      ['{"profiles": [], "profiles": []}', /more than one "profiles"/],
      ['{"profiles": [{"name": "akvault-prod", "mode": "AKSK"}]}', /did not write/],
    ];
    for (const [original, message] of cases) {
      const t = await tempHome();
      const file = await seed(t.home, original);
      const w = new KoocliConfigWriter(t.ctx());
      await expect(w.write('prod', TEMPORARY)).rejects.toMatchObject({ code: 'handoff.file-refused', message: expect.stringMatching(message) });
      expect(await readFile(file, 'utf8')).toBe(original);
      expect(await modeOf(file)).toBe(0o644);
      expect(await exists(`${file}.akvault-backup`)).toBe(false);
      expect(await w.holders()).toEqual([]);
    }
  });

  it('refuses to clean a file that became encrypted meanwhile, and keeps its record', async () => {
    const t = await tempHome();
    const file = await seed(t.home, ORIGINAL);
    const w = new KoocliConfigWriter(t.ctx());
    await w.write('prod', TEMPORARY);
    await writeFile(file, 'ENCRYPTED-BLOB');
    await expect(w.clean('prod')).rejects.toMatchObject({ code: 'handoff.file-refused' });
    expect(await read(file)).toBe('ENCRYPTED-BLOB');
    expect(await w.holders()).toEqual(['prod']);
  });
});

const userProfile = fc.record({
  name: fc.string({ maxLength: 8 }).filter((n) => !n.startsWith('akvault-')),
  mode: fc.constantFrom('AKSK', 'SSO', 'ecsAgency'),
  accessKeyId: fc.stringMatching(/^[A-Z0-9]{0,20}$/),
  extra: fc.jsonValue({ maxDepth: 2 }),
});

/** Random KooCLI-like documents in the layouts JSON writers produce. */
const koocliDocument = fc
  .record({
    members: fc.dictionary(
      fc.string({ maxLength: 6 }).filter((k) => k !== 'profiles' && !/encrypt/i.test(k) && k !== '__proto__'),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 4 },
    ),
    profiles: fc.option(fc.array(userProfile, { maxLength: 3 }), { nil: undefined }),
    indent: fc.constantFrom(0, 2, 4, '\t'),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ members, profiles, indent, crlf, finalNewline }) => {
    const doc = profiles === undefined ? members : { ...members, profiles };
    let text = JSON.stringify(doc, null, indent);
    if (crlf) text = text.replace(/\n/g, '\r\n');
    if (finalNewline) text += crlf ? '\r\n' : '\n';
    return { text, parsed: JSON.parse(text) as Record<string, unknown> };
  });

describe('KooCLI config, any document', () => {
  it('holds two profiles, refreshes them, and hands back the exact original', async () => {
    const t = await tempHome();
    const file = path.join(t.home, '.hcloud', 'config.json');
    await mkdir(path.dirname(file), { recursive: true });
    await fc.assert(
      fc.asyncProperty(koocliDocument, async ({ text, parsed }) => {
        await writeFile(file, text);
        const w = new KoocliConfigWriter(t.ctx());
        await w.write('a', TEMPORARY);
        await w.write('b', PERMANENT);
        await w.write('a', REFRESHED);
        const held = JSON.parse(await read(file)) as Record<string, unknown> & { profiles: Array<{ name: string }> };
        // Everything that was there is still there, unchanged; akvault's entries come last.
        const { profiles: before = [], ...rest } = parsed as { profiles?: unknown[] };
        const { profiles: after, ...restAfter } = held;
        expect(restAfter).toEqual(rest);
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after.slice(before.length).map((p) => p.name)).toEqual(['akvault-a', 'akvault-b']);
        await w.clean('b');
        await w.clean('a');
        expect(await read(file)).toBe(text);
      }),
      { numRuns: 150 },
    );
    // 150 documents × 5 locked, fsynced writes each: seconds on a quiet machine, far more on a loaded one.
  }, 180_000);
});

/**
 * What the Terraform provider reads from the same file (terraform-provider-huaweicloud,
 * huaweicloud/config/auth.go: `SharedConfig{current, profiles}` and the JSON tags of `Profile`), so
 * `HW_PROFILE=akvault-<profile> terraform plan` finds the keys akvault wrote.
 */
const TERRAFORM_PROFILE_FIELDS = ['name', 'mode', 'accessKeyId', 'secretAccessKey', 'securityToken', 'region', 'projectId', 'domainId', 'agencyDomainId', 'agencyDomainName', 'agencyName'];

describe('KooCLI entry as the Terraform provider reads it', () => {
  it('uses only field names the provider knows, with the keys, token and location it needs', () => {
    const entry = koocliEntry('prod', TEMPORARY);
    expect(Object.keys(entry).filter((k) => !TERRAFORM_PROFILE_FIELDS.includes(k))).toEqual([]);
    expect(entry).toMatchObject({ name: 'akvault-prod', mode: 'AKSK', accessKeyId: TEMPORARY.accessKeyId, secretAccessKey: TEMPORARY.secretAccessKey, securityToken: TEMPORARY.securityToken });
    for (const field of ['region', 'projectId', 'domainId'] as const) {
      const source = { region: TEMPORARY.region, projectId: TEMPORARY.projectId, domainId: TEMPORARY.domainId }[field];
      if (source) expect(entry[field]).toBe(source);
    }
  });
});
