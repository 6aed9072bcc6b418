import type { z } from 'zod';

/**
 * Says what is wrong with a profiles file in words that lead a person to the spot: the file, the
 * profile (by name when it has one), the field and the reason. Values are never quoted: a hand-edited
 * file might hold a pasted secret.
 */

/** "line 3, column 14" for a JSON.parse failure, without V8's message (which quotes the input). */
export function describeJsonError(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : '';
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const offset = Number(pos[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `is not valid JSON (error at line ${line}, column ${column})`;
  }
  if (/end of (json )?input/i.test(message)) return 'is not valid JSON (it ends early; was it cut off?)';
  return 'is not valid JSON';
}

type Issue = z.core.$ZodIssue;

/** One sentence per issue (at most `limit`), e.g. `profile "prod" (profiles[2]): field "region": expected a region…`. */
export function describeIssues(issues: readonly Issue[], raw: unknown, limit = 3): string {
  const parts = issues.slice(0, limit).map((issue) => describeIssue(issue, raw));
  const more = issues.length > limit ? ` (and ${issues.length - limit} more problem${issues.length - limit === 1 ? '' : 's'})` : '';
  return parts.join('; ') + more;
}

function describeIssue(issue: Issue, raw: unknown): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  let where = '';
  let rest = path;
  if (path[0] === 'profiles' && typeof path[1] === 'number') {
    where = `${profileLabel(raw, path[1])}: `;
    rest = path.slice(2);
  }
  const field = rest.length > 0 ? rest.map(String).join('.') : undefined;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const at = field ? ` in "${field}"` : '';
    return `${where}unknown field${issue.keys.length === 1 ? '' : 's'} ${keys}${at} (remove ${issue.keys.length === 1 ? 'it' : 'them'} or check the spelling)`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return `${where}field "${field ?? 'kind'}": unknown kind (expected ${options.map(String).join(' or ')})`;
  }
  // Zod does not keep the input on issues (good: it might be a secret); its message says what it received.
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `${where}${field ? `field "${field}" is missing` : 'a value is missing'}`;
  }
  return `${where}${field ? `field "${field}": ` : ''}${issue.message}`;
}

function profileLabel(raw: unknown, index: number): string {
  const profiles = (raw as { profiles?: unknown } | null)?.profiles;
  const entry = Array.isArray(profiles) ? (profiles[index] as { name?: unknown } | undefined) : undefined;
  const name = typeof entry?.name === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(entry.name) ? entry.name : undefined;
  return name ? `profile "${name}" (profiles[${index}])` : `profiles[${index}]`;
}
