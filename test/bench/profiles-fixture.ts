/** N realistic profiles across many accounts (a quarter of them agencies), for the scale benchmarks. */
import { randomUUID } from 'node:crypto';
import type { Profile } from '../../main/core/profiles/schema';

export function manyProfiles(n: number, now = '2026-11-22T09:00:00.000Z'): Profile[] {
  const out: Profile[] = [];
  const accounts = Math.max(1, Math.round(n / 25));
  for (let i = 0; i < n; i++) {
    const account = `acct-${String(i % accounts).padStart(4, '0')}`;
    const base = { id: randomUUID(), createdAt: now, updatedAt: now, domainName: account, region: i % 3 === 0 ? 'cn-north-4' : 'ap-southeast-1' };
    const key = out.find((p) => p.kind === 'access-key' && p.domainName === account);
    if (i % 4 === 3 && key) {
      out.push({ ...base, name: `agency-${i}`, kind: 'agency', sourceId: key.id, agencyDomainName: `target-${i % 50}`, agencyName: 'admin', durationSeconds: 3600 });
    } else {
      out.push({ ...base, name: `key-${i}`, kind: 'access-key', accessKeyId: `AK${String(i).padStart(18, '0')}` });
    }
  }
  return out;
}
