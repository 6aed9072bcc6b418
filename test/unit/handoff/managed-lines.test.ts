import fc from 'fast-check';
import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../main/core/errors';
import { classify, INI_DIALECT, OBSUTIL_DIALECT } from '../../../main/core/handoff/tool-files/kv-syntax';
import { splitLines } from '../../../main/core/handoff/tool-files/lines';
import { applyManaged, unapplyManaged, type ManagedSection } from '../../../main/core/handoff/tool-files/managed-lines';
import { iniDocument } from './ini-docs';

const MARKER = '# managed by akvault: prod';
const opts = { dialect: INI_DIALECT, file: '/tmp/credentials', marker: MARKER };

const plain = fc.stringMatching(/^[A-Za-z0-9+/=_.:-]{1,24}$/);
const maybe = (a: fc.Arbitrary<string>) => fc.option(a, { nil: undefined });
const credsArb = fc.record({ ak: plain, sk: plain, token: maybe(plain), project: maybe(plain), domain: maybe(plain), iam: maybe(plain) });

type Creds = typeof credsArb extends fc.Arbitrary<infer T> ? T : never;

function specsFor(c: Creds) {
  const common = [
    { key: 'ak', value: c.ak, secret: true },
    { key: 'sk', value: c.sk, secret: true },
    { key: 'security_token', value: c.token, secret: true },
  ];
  const tail = [
    { key: 'iam_endpoint', value: c.iam, secret: false },
    { key: 'idp_id', value: undefined, secret: false },
    { key: 'id_token_file', value: undefined, secret: false },
  ];
  return [
    { section: 'basic', keys: [...common, { key: 'project_id', value: c.project, secret: false }, ...tail] },
    { section: 'global', keys: [...common, { key: 'domain_id', value: c.domain, secret: false }, ...tail] },
  ] satisfies ManagedSection[];
}

const MANAGED = new Set(['ak', 'sk', 'security_token', 'project_id', 'domain_id', 'iam_endpoint', 'idp_id', 'id_token_file']);

/** The lines akvault does not own: everything outside [basic]/[global], and foreign lines inside them. */
function foreignLines(text: string): string[] {
  let section: string | null = null;
  return splitLines(text)
    .filter((l) => {
      const info = classify(l.text, INI_DIALECT);
      if (info.kind === 'section') section = info.name;
      const managedSection = section === 'basic' || section === 'global';
      if (managedSection && info.kind === 'entry' && MANAGED.has(info.key)) return false;
      if (info.kind === 'comment' && l.text.trim().startsWith('# managed by akvault')) return false;
      return true;
    })
    .map((l) => l.text);
}

function isSubsequence(needle: string[], hay: string[]): boolean {
  let i = 0;
  for (const h of hay) if (i < needle.length && h === needle[i]) i += 1;
  return i === needle.length;
}

describe('managed INI lines', () => {
  it('apply then unapply gives back the exact bytes, for any file and any keys', () => {
    fc.assert(
      fc.property(iniDocument, credsArb, (doc, c) => {
        const { text, edit } = applyManaged(doc, specsFor(c), opts);
        expect(unapplyManaged(text, edit, doc, opts)).toEqual({ text: doc, unrestored: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps every foreign line, in order, and a real INI parser reads akvault’s values', () => {
    fc.assert(
      fc.property(iniDocument, credsArb, (doc, c) => {
        const { text } = applyManaged(doc, specsFor(c), opts);
        expect(isSubsequence(foreignLines(doc), foreignLines(text))).toBe(true);
        // The ini package does not skip a byte order mark (Go's reader does).
        const parsed = ini.parse(text.replace(/^\uFEFF/, '')) as Record<string, Record<string, unknown>>;
        for (const [section, extra] of [
          ['basic', { project_id: c.project }],
          ['global', { domain_id: c.domain }],
        ] as const) {
          const s = parsed[section]!;
          expect(s.ak).toBe(c.ak);
          expect(s.sk).toBe(c.sk);
          expect(s.security_token).toBe(c.token);
          expect(s.iam_endpoint).toBe(c.iam);
          for (const [k, v] of Object.entries(extra)) expect(s[k]).toBe(v);
          expect(s.idp_id).toBeUndefined();
          expect(s.id_token_file).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a refresh is unapply + apply, and still unapplies to the exact original', () => {
    fc.assert(
      fc.property(iniDocument, credsArb, credsArb, (doc, first, second) => {
        const a = applyManaged(doc, specsFor(first), opts);
        const user = unapplyManaged(a.text, a.edit, doc, opts).text;
        const b = applyManaged(user, specsFor(second), opts);
        expect(unapplyManaged(b.text, b.edit, doc, opts).text).toBe(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('edits in place, marks the section, and appends missing keys after the last entry', () => {
    const doc = '# top\n[basic]\nak = OLDAK\nregion = r1\n\n# about other\n[other]\nx = 1';
    const c = { ak: 'NEWAK', sk: 'NEWSK', token: 'TOK', project: undefined, domain: undefined, iam: undefined };
    const { text, edit } = applyManaged(doc, specsFor(c), opts);
    expect(text).toBe(
      [
        '# top',
        '[basic]',
        MARKER,
        'ak = NEWAK',
        'region = r1',
        'sk = NEWSK',
        'security_token = TOK',
        '',
        '# about other',
        '[other]',
        'x = 1',
        '',
        '[global]',
        MARKER,
        'ak = NEWAK',
        'sk = NEWSK',
        'security_token = TOK',
        '',
      ].join('\n'),
    );
    expect(edit.eolFixed).toBe(true);
    // The displaced secret is recorded by position only; its value stays in the backup.
    expect(JSON.stringify(edit)).not.toContain('OLDAK');
  });

  it('takes out user lines for keys akvault has no value for, and puts them back on unapply', () => {
    const doc = '[basic]\r\nak=U\r\nsecurity_token=STALE\r\nproject_id=P1\r\nidp_id=I\r\n';
    const c = { ak: 'A', sk: 'S', token: undefined, project: undefined, domain: undefined, iam: undefined };
    const { text, edit } = applyManaged(doc, specsFor(c), opts);
    expect(text.split('\r\n').slice(0, 4)).toEqual(['[basic]', MARKER, 'ak = A', 'sk = S']);
    expect(text).not.toContain('STALE');
    expect(text).not.toContain('P1');
    expect(text).not.toContain('idp_id');
    expect(unapplyManaged(text, edit, doc, opts).text).toBe(doc);
    // Without the backup the secret line cannot come back, and that is reported by name.
    const lost = unapplyManaged(text, edit, null, opts);
    expect(lost.unrestored.sort()).toEqual(['basic.ak', 'basic.security_token']);
    expect(lost.text).toBe('[basic]\r\nproject_id=P1\r\nidp_id=I\r\n');
  });

  it('refuses repeated sections or keys it would have to choose between', () => {
    const c = { ak: 'A', sk: 'S', token: undefined, project: undefined, domain: undefined, iam: undefined };
    expect(() => applyManaged('[basic]\nak=1\n[basic]\nsk=2\n', specsFor(c), opts)).toThrow(/more than one \[basic\] section/);
    expect(() => applyManaged('[global]\nak=1\nAK=2\n', specsFor(c), opts)).toThrow(AkvaultError);
    expect(() => applyManaged('[global]\nak=1\nAK=2\n', specsFor(c), opts)).toThrow(/sets "ak" more than once/);
  });

  it('keeps the user’s later edits when unapplying: new lines stay, re-added keys win', () => {
    const doc = '[basic]\nak = USERAK\nproject_id = P\n';
    const c = { ak: 'A', sk: 'S', token: undefined, project: undefined, domain: undefined, iam: undefined };
    const { text, edit } = applyManaged(doc, specsFor(c), opts);
    // The user sets project_id again in [basic] and adds a section of their own while akvault holds the file.
    const edited = `${text.replace('[basic]\n', '[basic]\nproject_id = NEWER\n')}[added]\nz = 9\n`;
    expect(unapplyManaged(edited, edit, doc, opts).text).toBe('[basic]\nproject_id = NEWER\nak = USERAK\n[added]\nz = 9\n');
  });

  it('edits obsutil-style files without sections or markers', () => {
    const doc = 'endpoint=https://obs.old\nak=OLD\nmaxRetryCount=3\nsocketTimeout=60';
    const specs: ManagedSection[] = [
      {
        section: null,
        keys: [
          { key: 'ak', value: 'NEW', secret: true },
          { key: 'sk', value: 'SK', secret: true },
          { key: 'token', value: 'T', secret: true },
          { key: 'endpoint', value: 'https://obs.new', secret: false },
        ],
      },
    ];
    const o = { dialect: OBSUTIL_DIALECT, file: '/tmp/.obsutilconfig' };
    const { text, edit } = applyManaged(doc, specs, o);
    expect(text).toBe('endpoint=https://obs.new\nak=NEW\nmaxRetryCount=3\nsocketTimeout=60\nsk=SK\ntoken=T\n');
    expect(unapplyManaged(text, edit, doc, o).text).toBe(doc);
  });
});
