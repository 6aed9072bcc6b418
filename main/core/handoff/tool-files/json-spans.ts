/**
 * A JSON parser that reports where each value sits in the text, so akvault can replace or remove one
 * element of a document and leave every other byte (formatting, key order, number spellings, escapes)
 * exactly as it was. Re-serialising with JSON.stringify would change all of those.
 */

export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'scalar'; start: number; end: number };

export interface JsonMember {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

const WS = new Set([' ', '\t', '\n', '\r']);
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Parses a complete JSON text (one value, surrounded by whitespace only). Throws JsonSyntaxError. */
export function parseJsonSpans(text: string): JsonNode {
  let pos = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${pos}`);
  };
  const skipWs = () => {
    while (pos < text.length && WS.has(text[pos]!)) pos += 1;
  };
  const expect = (c: string) => {
    if (text[pos] !== c) fail(`expected "${c}"`);
    pos += 1;
  };
  const str = (): { start: number; end: number; value: string } => {
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) return fail('bad string');
    const start = pos;
    pos += m[0].length;
    return { start, end: pos, value: JSON.parse(m[0]) as string };
  };
  const value = (depth: number): JsonNode => {
    if (depth > 512) fail('nesting too deep');
    skipWs();
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      pos += 1;
      const members: JsonMember[] = [];
      skipWs();
      if (text[pos] === '}') {
        pos += 1;
        return { kind: 'object', start, end: pos, members };
      }
      for (;;) {
        skipWs();
        const k = str();
        skipWs();
        expect(':');
        members.push({ key: k.value, keyStart: k.start, value: value(depth + 1) });
        skipWs();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        expect('}');
        return { kind: 'object', start, end: pos, members };
      }
    }
    if (c === '[') {
      pos += 1;
      const items: JsonNode[] = [];
      skipWs();
      if (text[pos] === ']') {
        pos += 1;
        return { kind: 'array', start, end: pos, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        skipWs();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        expect(']');
        return { kind: 'array', start, end: pos, items };
      }
    }
    if (c === '"') return { kind: 'string', ...str() };
    SCALAR.lastIndex = pos;
    const m = SCALAR.exec(text);
    if (!m) return fail('unexpected character');
    pos += m[0].length;
    return { kind: 'scalar', start, end: pos };
  };

  const root = value(0);
  skipWs();
  if (pos !== text.length) fail('unexpected text after the document');
  return root;
}

/** The whitespace at the start of the line that holds `offset` (the indentation of what starts there). */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** True when `offset` is the first non-blank character on its line. */
export function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}
