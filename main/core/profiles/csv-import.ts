import { parse } from 'csv-parse/sync';
import { AkvaultError } from '../errors';
import { accessKeyAdvisory, cleanInput, cleanOptional, secretKeyAdvisory, type Advisory } from './validation';

/**
 * Parses the console's `credentials.csv` (and hand-made variants) into key rows.
 *
 * Seen in the wild: `User Name,Access Key Id,Secret Access Key` (console) and
 * `User ID,Access Key ID,Secret Access Key` with a BOM (Terraform's export). We accept a BOM, quotes,
 * CRLF, `,` or `;`, extra columns, and headers in any case or spacing. Without a header, 2 columns are
 * AK,SK and 3 are user,AK,SK.
 *
 * Nothing from the file is ever put in an error: a CSV of keys is all secrets. Problems name the line
 * and the column only.
 */
export interface CsvKeyRow {
  /** 1-based line where the row starts. */
  line: number;
  userName?: string;
  userId?: string;
  accessKeyId: string;
  secretAccessKey: string;
  warnings: Advisory[];
}

export interface CsvRowProblem {
  line: number;
  problem: string;
}

export interface CsvParseResult {
  rows: CsvKeyRow[];
  problems: CsvRowProblem[];
  header: boolean;
  delimiter: ',' | ';';
}

type Column = 'userName' | 'userId' | 'accessKeyId' | 'secretAccessKey';

// Header cells, lower-cased with spaces, dashes and underscores removed.
const HEADER_NAMES: Record<string, Column> = {
  username: 'userName',
  user: 'userName',
  userid: 'userId',
  accesskeyid: 'accessKeyId',
  accesskey: 'accessKeyId',
  ak: 'accessKeyId',
  secretaccesskey: 'secretAccessKey',
  secretkey: 'secretAccessKey',
  sk: 'secretAccessKey',
};

function headerKey(cell: string): string {
  return cleanInput(cell).toLowerCase().replace(/[\s_-]+/g, '');
}

/** `,` unless the first line has more `;` than `,` outside quotes. */
function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCredentialsCsv(input: string, source = 'the CSV file'): CsvParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      trim: true, // whitespace around delimiters, also before a quoted field
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    // csv-parse's messages quote the offending field: report only where and what kind of problem.
    const err = e as { code?: string; lines?: number };
    const where = typeof err.lines === 'number' ? ` near line ${err.lines}` : '';
    throw new AkvaultError('import.unreadable', `${source} is not a readable CSV file${where} (${describeCsvCode(err.code)}).`, {
      params: { source, line: err.lines ?? null, reason: err.code ?? 'unknown' },
      hint: 'Download credentials.csv from the console again, or fix the quoting on that line.',
    });
  }
  if (records.length === 0) {
    throw new AkvaultError('import.no-keys', `${source} holds no rows.`, {
      params: { source },
      hint: 'Use the credentials.csv downloaded when the access key was created.',
    });
  }

  const withLines = records.map(({ record, info }) => ({
    // info.lines is the line where the record ends; a quoted field may span lines.
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));

  const first = withLines[0]!;
  const headerColumns = first.cells.map((c) => HEADER_NAMES[headerKey(c)]);
  // A header names at least one key column (a user name "user" in a headerless row must not count).
  const header = headerColumns.includes('accessKeyId') || headerColumns.includes('secretAccessKey');
  let layout: (cells: string[]) => Partial<Record<Column, number>> | string;
  if (header) {
    const index: Partial<Record<Column, number>> = {};
    headerColumns.forEach((col, i) => {
      if (col && index[col] === undefined) index[col] = i;
    });
    if (index.accessKeyId === undefined || index.secretAccessKey === undefined) {
      const missing = index.accessKeyId === undefined ? 'Access Key Id' : 'Secret Access Key';
      throw new AkvaultError('import.unreadable', `${source} has a header row without a "${missing}" column.`, {
        params: { source, missing },
        hint: 'The header must name the "Access Key Id" and "Secret Access Key" columns (and optionally "User Name" or "User ID").',
      });
    }
    layout = () => index;
  } else {
    layout = (cells) => {
      let filled = cells.length;
      while (filled > 0 && cleanInput(cells[filled - 1] ?? '') === '') filled--; // "AK,SK," is still two columns
      if (filled === 2) return { accessKeyId: 0, secretAccessKey: 1 };
      if (filled === 3) return { userName: 0, accessKeyId: 1, secretAccessKey: 2 };
      return `has ${filled} columns; without a header row, rows must be "AK,SK" or "user,AK,SK"`;
    };
  }

  const rows: CsvKeyRow[] = [];
  const problems: CsvRowProblem[] = [];
  for (const { line, cells } of header ? withLines.slice(1) : withLines) {
    const index = layout(cells);
    if (typeof index === 'string') {
      problems.push({ line, problem: index });
      continue;
    }
    const cell = (col: Column) => (index[col] === undefined ? undefined : cleanOptional(cells[index[col]!]));
    const accessKeyId = cell('accessKeyId');
    const secretAccessKey = cell('secretAccessKey');
    if (!accessKeyId || !secretAccessKey) {
      problems.push({ line, problem: `the ${!accessKeyId ? 'access key ID' : 'secret access key'} is empty` });
      continue;
    }
    if (/\s/.test(accessKeyId) || /\s/.test(secretAccessKey)) {
      problems.push({ line, problem: `the ${/\s/.test(accessKeyId) ? 'access key ID' : 'secret access key'} contains spaces or line breaks` });
      continue;
    }
    const warnings = [accessKeyAdvisory(accessKeyId), secretKeyAdvisory(secretAccessKey)].filter((w): w is Advisory => w !== undefined);
    const userName = cell('userName');
    const userId = cell('userId');
    rows.push({ line, accessKeyId, secretAccessKey, warnings, ...(userName ? { userName } : {}), ...(userId ? { userId } : {}) });
  }
  if (rows.length === 0 && problems.length === 0) {
    throw new AkvaultError('import.no-keys', `${source} has a header but no keys.`, { params: { source } });
  }
  return { rows, problems, header, delimiter };
}

function describeCsvCode(code: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote is misplaced';
    default:
      return code ? `parser error ${code}` : 'parser error';
  }
}
