/**
 * The structure of `key = value` files, line by line: which lines are section headers, entries,
 * comments or blank, and where each section's body starts and ends. The editor uses this parse to
 * decide which lines are akvault's; it never rewrites a line it did not classify as one of its own.
 */
import type { Line } from './lines';

export interface Dialect {
  /** Whether `[name]` lines start sections (INI) or the whole file is one list (obsutil). */
  sections: boolean;
  /** Characters that end a key; the first one on the line wins. */
  delimiters: string;
  /** Characters that start a whole-line comment. */
  commentPrefixes: string;
  /** How akvault writes one of its entries. */
  entry(key: string, value: string): string;
}

/** The Huawei Cloud SDK credentials file: Go's ini.v1 and Python's configparser both take `=` and `:`. */
export const INI_DIALECT: Dialect = {
  sections: true,
  delimiters: '=:',
  commentPrefixes: '#;',
  entry: (key, value) => `${key} = ${value}`,
};

/** obsutil's `~/.obsutilconfig`: `key=value` lines, as obsutil itself writes them. */
export const OBSUTIL_DIALECT: Dialect = {
  sections: false,
  delimiters: '=',
  commentPrefixes: '#',
  entry: (key, value) => `${key}=${value}`,
};

export type LineInfo =
  | { kind: 'blank' }
  | { kind: 'comment' }
  | { kind: 'section'; name: string }
  /** `key` is lower-cased: configparser folds case, and a differently cased key still shadows ours. */
  | { kind: 'entry'; key: string }
  | { kind: 'other' };

export function classify(text: string, dialect: Dialect): LineInfo {
  // trim() also drops a UTF-8 byte order mark at the start of the file.
  const t = text.trim();
  if (t === '') return { kind: 'blank' };
  if (dialect.commentPrefixes.includes(t[0]!)) return { kind: 'comment' };
  if (dialect.sections && t.startsWith('[') && t.endsWith(']')) return { kind: 'section', name: t.slice(1, -1).trim() };
  let at = -1;
  for (const d of dialect.delimiters) {
    const i = t.indexOf(d);
    if (i > 0 && (at < 0 || i < at)) at = i;
  }
  if (at > 0) return { kind: 'entry', key: t.slice(0, at).trim().toLowerCase() };
  return { kind: 'other' };
}

export interface SectionSpan {
  /** null for the lines before the first header (the whole file when the dialect has no sections). */
  name: string | null;
  /** Index of the header line, -1 for the leading part. */
  header: number;
  /** Body lines are [start, end). */
  start: number;
  end: number;
}

export function sectionSpans(lines: readonly Line[], dialect: Dialect): SectionSpan[] {
  const spans: SectionSpan[] = [{ name: null, header: -1, start: 0, end: lines.length }];
  lines.forEach((line, i) => {
    const info = classify(line.text, dialect);
    if (info.kind !== 'section') return;
    spans[spans.length - 1]!.end = i;
    spans.push({ name: info.name, header: i, start: i + 1, end: lines.length });
  });
  return spans;
}
