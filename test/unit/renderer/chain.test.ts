import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../preload/contract';
import { agencyCount, chainLabel, sourceOptions, walkChain } from '../../../renderer/src/lib/chain';

const T = '2026-01-01T00:00:00.000Z';
const base: ProfileView = { id: 'b', name: 'base', kind: 'access-key', createdAt: T, updatedAt: T };
const agency = (id: string, source: string): ProfileView => ({ id, name: id, kind: 'agency', sourceId: source, createdAt: T, updatedAt: T });

describe('agency chains', () => {
  const profiles = [base, agency('a1', 'b'), agency('a2', 'a1'), agency('a3', 'a2'), agency('a4', 'a3'), agency('a5', 'a4'), agency('x', 'gone')];
  const byId = new Map(profiles.map((p) => [p.id, p]));

  it('walks top first down to the base, and names a broken link', () => {
    const c = walkChain(byId.get('a3')!, byId);
    expect(chainLabel(c)).toBe('a3 ← a2 ← a1 ← base');
    expect(c.end).toBe('base');
    expect(agencyCount(c)).toBe(3);
    expect(walkChain(byId.get('x')!, byId).end).toBe('missing');
  });

  it('detects a loop', () => {
    const loop = [agency('l1', 'l2'), agency('l2', 'l1')];
    const m = new Map(loop.map((p) => [p.id, p]));
    expect(walkChain(loop[0]!, m).end).toBe('loop');
  });

  it('offers every source with the chain it makes, refusing loops, broken chains and more than five agencies', () => {
    const options = sourceOptions(profiles, byId, 'new', undefined);
    const of = (name: string) => options.find((o) => o.profile.name === name)!;
    expect(of('base').chain).toBe('new ← base');
    expect(of('a4').chain).toBe('new ← a4 ← a3 ← a2 ← a1 ← base');
    expect(of('a4').refusal).toBeUndefined();
    expect(of('a5').refusal).toBe('too-long');
    expect(of('x').refusal).toBe('broken');
    // Editing a1: a sources built on it would loop; a1 itself is not offered.
    const editing = sourceOptions(profiles, byId, 'a1', 'a1');
    expect(editing.find((o) => o.profile.id === 'a1')).toBeUndefined();
    expect(editing.find((o) => o.profile.id === 'a2')!.refusal).toBe('loop');
    expect(editing.find((o) => o.profile.id === 'b')!.refusal).toBeUndefined();
  });
});
