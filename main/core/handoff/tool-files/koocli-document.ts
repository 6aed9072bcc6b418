/**
 * Text-level edits of KooCLI's `config.json`: find, replace, add and remove one profile entry while
 * every other byte stays as it was. New entries copy the indentation of their neighbours.
 */
import { indentAt, parseJsonSpans, startsLine, type JsonNode } from './json-spans';
import { refused } from './text-file';

type ObjectNode = Extract<JsonNode, { kind: 'object' }>;
type ArrayNode = Extract<JsonNode, { kind: 'array' }>;

export interface KoocliDocument {
  text: string;
  root: ObjectNode;
  /** The `profiles` list, or null when the document has none yet. */
  profiles: ArrayNode | null;
}

const PLAIN_KEY = /^[A-Za-z0-9]*$/;
const CREDENTIAL_FIELDS = ['accessKeyId', 'secretAccessKey'] as const;

function isTruthyFlag(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && /^(true|on|yes|1)$/i.test(v));
}

/**
 * KooCLI encrypts stored keys by default; its scheme is not documented, so akvault only edits files
 * whose keys are plainly readable. Signs of encryption: a truthy setting whose name mentions
 * "encrypt", or an access key / secret key that is not plain letters and digits (real ones are).
 */
function looksEncrypted(doc: Record<string, unknown>): boolean {
  const flagged = (o: unknown) =>
    typeof o === 'object' && o !== null && Object.entries(o).some(([k, v]) => /encrypt/i.test(k) && isTruthyFlag(v));
  if (flagged(doc)) return true;
  const profiles = Array.isArray(doc.profiles) ? (doc.profiles as unknown[]) : [];
  return profiles.some((p) => {
    if (typeof p !== 'object' || p === null) return false;
    if (flagged(p)) return true;
    const sts = (p as { ssoAuth?: { stsToken?: unknown } }).ssoAuth?.stsToken;
    return [p, sts].some(
      (holder) =>
        typeof holder === 'object' &&
        holder !== null &&
        CREDENTIAL_FIELDS.some((f) => {
          const v = (holder as Record<string, unknown>)[f];
          return typeof v === 'string' && !PLAIN_KEY.test(v);
        }),
    );
  });
}

const KEEP_OUT_HINT =
  'akvault only adds its profile to an unencrypted KooCLI configuration. Store KooCLI profiles unencrypted (`hcloud configure set --cli-auth-encrypt=false`) or turn off the KooCLI handoff for this profile.';

/** Parses the file and checks it is a KooCLI configuration akvault may edit; refuses otherwise. */
export function parseKoocliDocument(file: string, text: string): KoocliDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refused(file, 'it is not valid JSON (KooCLI may have stored it encrypted)', KEEP_OUT_HINT);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw refused(file, 'it is not a KooCLI configuration (expected a JSON object)', KEEP_OUT_HINT);
  }
  if (looksEncrypted(parsed as Record<string, unknown>)) throw refused(file, 'its keys look encrypted', KEEP_OUT_HINT);
  let root: JsonNode;
  try {
    root = parseJsonSpans(text);
  } catch {
    // JSON.parse accepted it, so this would be a gap in the span parser: still, touch nothing.
    throw refused(file, 'akvault could not locate its entries in it', KEEP_OUT_HINT);
  }
  if (root.kind !== 'object') throw refused(file, 'it is not a KooCLI configuration (expected a JSON object)', KEEP_OUT_HINT);
  const members = root.members.filter((m) => m.key === 'profiles');
  if (members.length > 1) throw refused(file, 'it has more than one "profiles" list', 'Merge them into one and try again.');
  const list = members[0]?.value ?? null;
  if (list && list.kind !== 'array') throw refused(file, 'its "profiles" entry is not a list', KEEP_OUT_HINT);
  return { text, root, profiles: list as ArrayNode | null };
}

/** Indexes of the entries named `name` in the profiles list. */
export function findEntries(doc: KoocliDocument, name: string): number[] {
  return (doc.profiles?.items ?? []).flatMap((item, i) =>
    item.kind === 'object' && item.members.some((m) => m.key === 'name' && m.value.kind === 'string' && m.value.value === name) ? [i] : [],
  );
}

interface Layout {
  eol: string;
  /** Indentation of each member line; null writes the entry on one line. */
  keyIndent: string | null;
  /** Indentation of the closing brace. */
  closeIndent: string;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function serialize(entry: Record<string, string>, layout: Layout): string {
  if (layout.keyIndent === null) return JSON.stringify(entry);
  const lines = Object.entries(entry).map(([k, v]) => `${layout.keyIndent}${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{${layout.eol}${lines.join(`,${layout.eol}`)}${layout.eol}${layout.closeIndent}}`;
}

/** The layout of an existing element, so a new or replaced entry looks like its neighbours. */
function layoutLike(text: string, ref: JsonNode): Layout {
  const first = ref.kind === 'object' ? ref.members[0] : undefined;
  const multiLine = first !== undefined && startsLine(text, first.keyStart);
  return {
    eol: eolOf(text),
    keyIndent: multiLine ? indentAt(text, first.keyStart) : null,
    closeIndent: startsLine(text, ref.end - 1) ? indentAt(text, ref.end - 1) : '',
  };
}

/** The document's indentation step, from its first member; two spaces when it has none. */
function indentUnit(text: string, root: ObjectNode): string {
  const first = root.members[0];
  if (first && startsLine(text, first.keyStart)) {
    const unit = indentAt(text, first.keyStart).slice(indentAt(text, root.start).length);
    if (unit) return unit;
  }
  return '  ';
}

export function replaceEntry(doc: KoocliDocument, index: number, entry: Record<string, string>): string {
  const item = doc.profiles!.items[index]!;
  return doc.text.slice(0, item.start) + serialize(entry, layoutLike(doc.text, item)) + doc.text.slice(item.end);
}

/** Adds the entry at the end of the profiles list (creating the list if needed). */
export function insertEntry(
  doc: KoocliDocument,
  entry: Record<string, string>,
): { text: string; createdList: boolean; emptyListInner?: string; emptyRootInner?: string } {
  const { text, root, profiles } = doc;
  const eol = eolOf(text);
  const unit = indentUnit(text, root);

  if (profiles && profiles.items.length > 0) {
    const items = profiles.items;
    const last = items.at(-1)!;
    const sep = items.length >= 2 ? text.slice(items.at(-2)!.end, last.start) : `,${text.slice(profiles.start + 1, items[0]!.start)}`;
    return { text: text.slice(0, last.end) + sep + serialize(entry, layoutLike(text, last)) + text.slice(last.end), createdList: false };
  }

  if (profiles) {
    const outer = indentAt(text, profiles.start);
    const elemIndent = outer + unit;
    const inner = `${eol}${elemIndent}${serialize(entry, { eol, keyIndent: elemIndent + unit, closeIndent: elemIndent })}${eol}${outer}`;
    return {
      text: text.slice(0, profiles.start + 1) + inner + text.slice(profiles.end - 1),
      createdList: false,
      emptyListInner: text.slice(profiles.start + 1, profiles.end - 1),
    };
  }

  const last = root.members.at(-1);
  if (last && !startsLine(text, last.keyStart)) {
    // A one-line document stays on one line.
    const member = `, "profiles": [${JSON.stringify(entry)}]`;
    return { text: text.slice(0, last.value.end) + member + text.slice(last.value.end), createdList: true };
  }
  const outer = indentAt(text, root.start);
  const memberIndent = last ? indentAt(text, last.keyStart) : outer + unit;
  const elemIndent = memberIndent + unit;
  const list = `"profiles": [${eol}${elemIndent}${serialize(entry, { eol, keyIndent: elemIndent + unit, closeIndent: elemIndent })}${eol}${memberIndent}]`;
  if (last) {
    return { text: `${text.slice(0, last.value.end)},${eol}${memberIndent}${list}${text.slice(last.value.end)}`, createdList: true };
  }
  return {
    text: `${text.slice(0, root.start + 1)}${eol}${memberIndent}${list}${eol}${outer}${text.slice(root.end - 1)}`,
    createdList: true,
    emptyRootInner: text.slice(root.start + 1, root.end - 1),
  };
}

/** A whole new document holding only the entry (for a missing or blank file). */
export function newDocument(entry: Record<string, string>): string {
  return `{\n  "profiles": [\n    ${serialize(entry, { eol: '\n', keyIndent: '      ', closeIndent: '    ' })}\n  ]\n}\n`;
}

/** Removes element `index` with the separator akvault added in front of it (or after it, if first). */
export function removeEntry(doc: KoocliDocument, index: number, emptyListInner: string | null): string {
  const { text } = doc;
  const items = doc.profiles!.items;
  const list = doc.profiles!;
  if (items.length === 1) return text.slice(0, list.start + 1) + (emptyListInner ?? '') + text.slice(list.end - 1);
  if (index > 0) return text.slice(0, items[index - 1]!.end) + text.slice(items[index]!.end);
  return text.slice(0, items[0]!.start) + text.slice(items[1]!.start);
}

/** Removes the `profiles` member akvault added, when the list is empty again. */
export function removeProfilesList(doc: KoocliDocument, emptyRootInner: string | null): string {
  const { text, root } = doc;
  const members = root.members;
  const i = members.findIndex((m) => m.key === 'profiles');
  if (i < 0) return text;
  if (members.length === 1) return text.slice(0, root.start + 1) + (emptyRootInner ?? '') + text.slice(root.end - 1);
  if (i > 0) return text.slice(0, members[i - 1]!.value.end) + text.slice(members[i]!.value.end);
  return text.slice(0, members[0]!.keyStart) + text.slice(members[1]!.keyStart);
}
