import fc from 'fast-check';

// Headers are never indented here: readers disagree on indented lines (configparser reads them as
// continuations), so such files are out of scope for the parser cross-check.

/** Keys akvault manages in [basic]/[global], in several spellings users write them. */
const MANAGED_KEYS = ['ak', 'sk', 'security_token', 'project_id', 'domain_id', 'iam_endpoint', 'idp_id', 'id_token_file', 'AK', 'Security_Token'];
const FOREIGN_KEYS = ['region', 'application', 'timeout', 'ak_backup', 'endpoint'];
const SECTIONS = ['basic', 'global', 'other', 'basic-prod', 'Basic'];

const value = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
const sep = fc.constantFrom(' = ', '=', ' =', '= ', ': ', '\t=\t');
const indent = fc.constantFrom('', '', '', ' ', '\t');

const entry = (keys: string[]) => fc.tuple(indent, fc.constantFrom(...keys), sep, value).map(([i, k, s, v]) => ({ key: k.toLowerCase(), text: `${i}${k}${s}${v}` }));
const filler = fc.oneof(
  fc.constantFrom('', '   ', '# a comment', '; another comment', '#managed by someone else', 'not a key value line'),
  value.map((v) => `# ${v}`),
);

/** One line of a section body: an entry or filler (comment, blank, junk). */
const bodyLine = fc.oneof(
  { weight: 3, arbitrary: entry([...MANAGED_KEYS, ...FOREIGN_KEYS]) },
  { weight: 2, arbitrary: filler.map((text) => ({ key: null as string | null, text })) },
);

/** Renders body lines, dropping repeated keys (a file that repeats a key is refused, tested separately). */
function dedupe(lines: Array<{ key: string | null; text: string }>): string[] {
  const seen = new Set<string>();
  return lines.filter((l) => l.key === null || (!seen.has(l.key) && seen.add(l.key))).map((l) => l.text);
}

/**
 * INI-like files as users keep them: a preamble, unique sections (some of them managed), comments,
 * odd spacing, LF/CRLF endings, sometimes no final newline, sometimes a byte order mark.
 */
export const iniDocument = fc
  .record({
    bom: fc.boolean(),
    preamble: fc.array(filler, { maxLength: 3 }),
    sections: fc.uniqueArray(
      fc.record({ name: fc.constantFrom(...SECTIONS), body: fc.array(bodyLine, { maxLength: 8 }) }),
      { selector: (s) => s.name, maxLength: 4 },
    ),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, preamble, sections, crlf, finalNewline }) => {
    const lines = [...preamble, ...sections.flatMap((s) => [`[${s.name}]`, ...dedupe(s.body)])];
    const eol = crlf ? '\r\n' : '\n';
    let text = lines.join(eol);
    if (finalNewline && lines.length) text += eol;
    return (bom ? '\uFEFF' : '') + text;
  });
