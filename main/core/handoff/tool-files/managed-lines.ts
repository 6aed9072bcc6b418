/**
 * Line-level editing of `key = value` files so that akvault's entries can be put in and taken out
 * again without changing anything else:
 *
 *   applyManaged(userText)        → the file with akvault's keys, plus a record of what changed
 *   unapplyManaged(file, record)  → userText again, byte for byte
 *
 * A refresh is "unapply, then apply the new keys", so the record always describes one edit of the
 * user's own text. The record holds key names and positions; a displaced user line is kept in it only
 * when it is not a secret. Secret lines (ak, sk, tokens) are read back from the backup copy of the
 * file, which the caller keeps in step (see displacedSecretsMatch).
 *
 * How an edit looks:
 * - an existing section: a marker comment right after its header; a user line for a managed key is
 *   replaced in place (or dropped when akvault has no value for that key, so a stale token or project
 *   id never pairs with akvault's keys); missing keys go after the section's last entry;
 * - a missing section: appended at the end of the file, after a blank line if the file does not end
 *   with one;
 * - a file without a final newline gets one (and loses it again on unapply).
 */
import { classify, sectionSpans, type Dialect } from './kv-syntax';
import { dominantEol, joinLines, splitLines, type Line } from './lines';
import { refused } from './text-file';

/** Start of the comment akvault puts in sections it manages; any line starting so is akvault's. */
export const MARKER_PREFIX = '# managed by akvault';

export interface ManagedKey {
  /** Lower case; matched case-insensitively against the file's keys. */
  key: string;
  /** undefined: akvault has no value, so any user line for the key is taken out while akvault holds the file. */
  value: string | undefined;
  secret: boolean;
}

export interface ManagedSection {
  /** null: the lines outside any section (the whole file for obsutil). */
  section: string | null;
  keys: readonly ManagedKey[];
}

export interface DisplacedLine {
  key: string;
  /** Position in the section's body (lines after the header) of the user's text. */
  index: number;
  secret: boolean;
  /** The user's line, for non-secret keys only. */
  text?: string;
  eol?: string;
}

export interface AppliedSection {
  section: string | null;
  created: boolean;
  /** A blank line was added before the created section's header. */
  separator: boolean;
  written: string[];
  displaced: DisplacedLine[];
}

export interface AppliedEdit {
  eolFixed: boolean;
  sections: AppliedSection[];
}

export interface EditOptions {
  dialect: Dialect;
  /** The file, for messages. */
  file: string;
  /** The marker comment to put in managed sections (INI only; obsutil's file takes no comments safely). */
  marker?: string;
}

function where(section: string | null): string {
  return section === null ? 'file' : `[${section}] section`;
}

/** True when the text holds a marker line: akvault's keys from an edit whose record is gone. */
export function hasMarker(text: string, dialect: Dialect): boolean {
  return splitLines(text).some((l) => classify(l.text, dialect).kind === 'comment' && l.text.trim().startsWith(MARKER_PREFIX));
}

export function applyManaged(userText: string, specs: readonly ManagedSection[], opts: EditOptions): { text: string; edit: AppliedEdit } {
  const { dialect, file, marker } = opts;
  const lines = splitLines(userText);
  const eol = dominantEol(lines);
  let eolFixed = false;
  const last = lines.at(-1);
  if (last && last.eol === '') {
    last.eol = eol;
    eolFixed = true;
  }
  const line = (text: string, lineEol = eol): Line => ({ text, eol: lineEol });
  const sections: AppliedSection[] = [];

  for (const spec of specs) {
    const matching = sectionSpans(lines, dialect).filter((s) => s.name === spec.section);
    if (matching.length > 1) {
      throw refused(file, `it has more than one [${spec.section}] section`, 'Merge them into one section and try again.');
    }
    const span = matching[0];
    const withValue = spec.keys.filter((k): k is ManagedKey & { value: string } => k.value !== undefined);

    if (!span) {
      if (withValue.length === 0) continue;
      const lastLine = lines.at(-1);
      const separator = lastLine !== undefined && classify(lastLine.text, dialect).kind !== 'blank';
      if (separator) lines.push(line(''));
      lines.push(line(`[${spec.section}]`));
      if (marker) lines.push(line(marker));
      for (const k of withValue) lines.push(line(dialect.entry(k.key, k.value)));
      sections.push({ section: spec.section, created: true, separator, written: withValue.map((k) => k.key), displaced: [] });
      continue;
    }

    const body = lines.slice(span.start, span.end);
    const keyAt = new Map<number, ManagedKey>();
    for (const k of spec.keys) {
      const found = body.flatMap((l, i) => {
        const info = classify(l.text, dialect);
        return info.kind === 'entry' && info.key === k.key ? [i] : [];
      });
      if (found.length > 1) {
        throw refused(file, `its ${where(spec.section)} sets "${k.key}" more than once`, 'Remove the extra line and try again.');
      }
      if (found.length === 1) keyAt.set(found[0]!, k);
    }

    const displaced: DisplacedLine[] = [];
    const written: string[] = [];
    const newBody: Line[] = [];
    body.forEach((l, i) => {
      const k = keyAt.get(i);
      if (!k) {
        newBody.push(l);
        return;
      }
      displaced.push(k.secret ? { key: k.key, index: i, secret: true } : { key: k.key, index: i, secret: false, text: l.text, eol: l.eol });
      if (k.value !== undefined) {
        newBody.push(line(dialect.entry(k.key, k.value), l.eol));
        written.push(k.key);
      }
    });

    const replaced = new Set(keyAt.values());
    const appended = withValue.filter((k) => !replaced.has(k));
    let insertAt = 0;
    newBody.forEach((l, i) => {
      const kind = classify(l.text, dialect).kind;
      if (kind === 'entry' || kind === 'other') insertAt = i + 1;
    });
    newBody.splice(insertAt, 0, ...appended.map((k) => line(dialect.entry(k.key, k.value))));
    written.push(...appended.map((k) => k.key));
    if (marker && spec.section !== null) newBody.unshift(line(marker));

    lines.splice(span.start, span.end - span.start, ...newBody);
    sections.push({ section: spec.section, created: false, separator: false, written, displaced });
  }
  return { text: joinLines(lines), edit: { eolFixed, sections } };
}

/** The user's secret line that `d` displaced, read from the backup copy. */
function lineFromBackup(backup: readonly Line[] | null, section: string | null, d: DisplacedLine, dialect: Dialect): Line | null {
  if (!backup) return null;
  const span = sectionSpans(backup, dialect).find((s) => s.name === section);
  if (!span) return null;
  const candidates = backup
    .slice(span.start, span.end)
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => {
      const info = classify(l.text, dialect);
      return info.kind === 'entry' && info.key === d.key;
    });
  const pick = candidates.find((c) => c.i === d.index) ?? candidates[0];
  return pick ? { ...pick.l } : null;
}

/**
 * True when every secret line the edit displaced can be read back from `backupText` exactly as it is
 * in `userText`. When this is false the caller refreshes the backup from `userText` before writing.
 */
export function displacedSecretsMatch(userText: string, edit: AppliedEdit, backupText: string | null, dialect: Dialect): boolean {
  const user = splitLines(userText);
  const backup = backupText === null ? null : splitLines(backupText);
  return edit.sections.every((a) =>
    a.displaced
      .filter((d) => d.secret)
      .every((d) => {
        const span = sectionSpans(user, dialect).find((s) => s.name === a.section);
        const own = span ? user[span.start + d.index] : undefined;
        return own !== undefined && lineFromBackup(backup, a.section, d, dialect)?.text === own.text;
      }),
  );
}

export function unapplyManaged(
  currentText: string,
  edit: AppliedEdit,
  backupText: string | null,
  opts: EditOptions,
): { text: string; unrestored: string[] } {
  const { dialect } = opts;
  const lines = splitLines(currentText);
  const eol = dominantEol(lines);
  const backup = backupText === null ? null : splitLines(backupText);
  const unrestored: string[] = [];
  const label = (a: AppliedSection, d: DisplacedLine) => (a.section === null ? d.key : `${a.section}.${d.key}`);
  const restore = (a: AppliedSection, d: DisplacedLine): Line | null => {
    const l = d.secret ? lineFromBackup(backup, a.section, d, dialect) : { text: d.text ?? '', eol: d.eol ?? '' };
    // A line that ended the file without a newline gets one here; the final newline is settled below.
    return l && { text: l.text, eol: l.eol || eol };
  };
  const isEntryFor = (l: Line, key: string) => {
    const info = classify(l.text, dialect);
    return info.kind === 'entry' && info.key === key;
  };

  // Newest section first: a created section's separator sits at the end of the section before it.
  for (const a of [...edit.sections].reverse()) {
    const span = sectionSpans(lines, dialect).find((s) => s.name === a.section);
    if (!span) continue; // the user removed the section meanwhile; nothing of ours is left in it
    const written = new Set(a.written);
    const seen = new Set<string>();
    const handled = new Set<DisplacedLine>();
    const out: Line[] = [];

    for (const l of lines.slice(span.start, span.end)) {
      const info = classify(l.text, dialect);
      if (info.kind === 'comment' && l.text.trim().startsWith(MARKER_PREFIX)) continue;
      if (info.kind === 'entry' && written.has(info.key) && !seen.has(info.key)) {
        // The first line for a key akvault wrote is akvault's: swap the user's line back in, or drop it.
        seen.add(info.key);
        const d = a.displaced.find((x) => x.key === info.key);
        if (!d) continue;
        handled.add(d);
        const r = restore(a, d);
        if (r) out.push({ text: r.text, eol: l.eol || r.eol });
        else unrestored.push(label(a, d));
        continue;
      }
      out.push(l);
    }

    // Lines that were taken out go back where they were, in order of their original position.
    const pending = a.displaced.filter((d) => !handled.has(d)).sort((x, y) => x.index - y.index);
    for (const d of pending) {
      if (out.some((l) => isEntryFor(l, d.key))) continue; // the user wrote the key again meanwhile: theirs wins
      const r = restore(a, d);
      if (!r) {
        unrestored.push(label(a, d));
        continue;
      }
      out.splice(Math.min(d.index, out.length), 0, r);
    }

    if (a.created && out.every((l) => classify(l.text, dialect).kind === 'blank')) {
      let from = span.header;
      const before = lines[from - 1];
      if (a.separator && before && classify(before.text, dialect).kind === 'blank') from -= 1;
      lines.splice(from, span.end - from);
    } else {
      lines.splice(span.start, span.end - span.start, ...out);
    }
  }

  const last = lines.at(-1);
  if (edit.eolFixed && last) last.eol = '';
  return { text: joinLines(lines), unrestored };
}
