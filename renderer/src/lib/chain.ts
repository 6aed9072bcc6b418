/**
 * Agency chains as the page shows them (`top ← middle ← base`), mirroring the core's chain rules:
 * each agency gets its keys from its source; at most MAX_CHAIN_AGENCIES agencies may be stacked.
 */
import type { ProfileView } from '../../../preload/contract';

export const MAX_CHAIN_AGENCIES = 5;

export interface Chain {
  /** Top first. */
  links: ProfileView[];
  end: 'base' | 'missing' | 'loop';
}

export function walkChain(top: ProfileView, byId: ReadonlyMap<string, ProfileView>): Chain {
  const links = [top];
  const seen = new Set([top.id]);
  let current = top;
  while (current.kind === 'agency') {
    const next = current.sourceId ? byId.get(current.sourceId) : undefined;
    if (!next) return { links, end: 'missing' };
    links.push(next);
    if (seen.has(next.id)) return { links, end: 'loop' };
    seen.add(next.id);
    current = next;
  }
  return { links, end: 'base' };
}

export function agencyCount(chain: Chain): number {
  return new Set(chain.links.filter((p) => p.kind === 'agency').map((p) => p.id)).size;
}

export function chainLabel(chain: Chain): string {
  return chain.links.map((p) => p.name).join(' ← ');
}

export interface SourceOption {
  profile: ProfileView;
  /** The chain the new or edited agency would have with this source, top (the agency) first. */
  chain: string;
  /** Why this source cannot be chosen: it leads back to the agency, or the chain would be too long. */
  refusal?: 'loop' | 'too-long' | 'broken';
  /** Agencies in the resulting chain, the agency itself included. */
  agencies: number;
}

/**
 * Every profile an agency named `selfName` (id `selfId` when editing) could use as its source, with
 * the chain it would get. Sources that would loop back or stack too many agencies are marked, so the
 * picker can show them disabled with the reason instead of letting the save fail.
 */
export function sourceOptions(profiles: readonly ProfileView[], byId: ReadonlyMap<string, ProfileView>, selfName: string, selfId?: string): SourceOption[] {
  const out: SourceOption[] = [];
  const top = selfName.trim() || '…';
  for (const p of profiles) {
    if (p.id === selfId) continue;
    const chain = walkChain(p, byId);
    const loops = selfId !== undefined && chain.links.some((l) => l.id === selfId);
    const agencies = agencyCount(chain) + 1;
    const refusal = loops ? 'loop' : chain.end !== 'base' ? 'broken' : agencies > MAX_CHAIN_AGENCIES ? 'too-long' : undefined;
    out.push({ profile: p, chain: [top, ...chain.links.map((l) => l.name)].join(' ← '), agencies, ...(refusal ? { refusal } : {}) });
  }
  return out.sort((a, b) => a.profile.name.localeCompare(b.profile.name));
}
