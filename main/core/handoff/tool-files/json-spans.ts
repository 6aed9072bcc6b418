/**
 * Where each value of a JSON document sits in the text, so akvault can replace or remove one element
 * and leave every other byte (formatting, key order, number spellings, escapes) exactly as it was —
 * re-serialising with JSON.stringify would change all of those. The offsets come from `jsonc-parser`
 * (the parser VS Code edits its own settings with), held to strict JSON: no comments, no trailing
 * commas, nothing after the document; koocli-document.ts makes the edits on these spans.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

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

function toSpan(node: Node): JsonNode {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        start,
        end,
        members: (node.children ?? []).map((prop) => {
          const [key, value] = prop.children ?? [];
          if (!key || !value) throw new JsonSyntaxError(`incomplete member at offset ${prop.offset}`);
          return { key: String(key.value), keyStart: key.offset, value: toSpan(value) };
        }),
      };
    case 'array':
      return { kind: 'array', start, end, items: (node.children ?? []).map(toSpan) };
    case 'string':
      return { kind: 'string', start, end, value: String(node.value) };
    default:
      return { kind: 'scalar', start, end };
  }
}

/** Parses a complete JSON text (one value, surrounded by whitespace only). Throws JsonSyntaxError. */
export function parseJsonSpans(text: string): JsonNode {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    throw new JsonSyntaxError(first ? `${printParseErrorCode(first.error)} at offset ${first.offset}` : 'no JSON value');
  }
  // jsonc-parser stops after the first value; strict JSON allows only whitespace after it.
  if (!/^[ \t\n\r]*$/.test(text.slice(root.offset + root.length))) throw new JsonSyntaxError('unexpected text after the document');
  return toSpan(root);
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
