/**
 * A text file as lines that remember their own line ending, so joining them gives back the exact
 * bytes (LF, CRLF, mixed, with or without a final newline).
 */
export interface Line {
  text: string;
  /** '\n', '\r\n', or '' for a last line without a newline. */
  eol: string;
}

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r?\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), eol: '' });
  return out;
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((l) => l.text + l.eol).join('');
}

/** The ending new lines should use: the file's first one, LF for a file without any. */
export function dominantEol(lines: readonly Line[]): string {
  return lines.find((l) => l.eol !== '')?.eol ?? '\n';
}
