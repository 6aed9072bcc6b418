/**
 * Profile names made from what an import knows (user name, else the AK), with an optional prefix,
 * made unique against the names already taken (case-insensitively, like the store's own rule).
 */
const MAX = 64;

/** Letters, digits, "-", "_", "." only; runs of anything else become one "-". */
export function sanitizeNamePart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop accents: "José" → "Jose"
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export function baseName(opts: { prefix?: string; userName?: string; userId?: string; accessKeyId: string }): string {
  const fromUser = sanitizeNamePart(opts.userName ?? '') || sanitizeNamePart(opts.userId ?? '');
  const core = fromUser || sanitizeNamePart(opts.accessKeyId) || 'key';
  if (!opts.prefix) return core.slice(0, MAX);
  const joiner = /[-_.]$/.test(opts.prefix) ? '' : '-';
  return `${opts.prefix}${joiner}${core}`.slice(0, MAX);
}

/** `base`, else `base-2`, `base-3`, … whichever is free. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX - suffix.length)}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
