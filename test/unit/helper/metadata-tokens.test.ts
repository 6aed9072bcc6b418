import { describe, expect, it } from 'vitest';
import { MetadataTokenStore, parseTtlSeconds } from '../../../main/core/helper/metadata-tokens';
import { ManualClock } from '../../support/manual-clock';

describe('metadata session tokens', () => {
  it.each([
    ['21600', 21600],
    ['1', 1],
    [' 60 ', 60],
    [undefined, null],
    ['0', null],
    ['21601', null],
    ['-5', null],
    ['1e3', null],
    ['60s', null],
    ['', null],
  ])('TTL header %j → %j', (value, ttl) => {
    expect(parseTtlSeconds(value)).toBe(ttl);
  });

  it('accepts an issued token until its TTL runs out', async () => {
    const clock = new ManualClock();
    const store = new MetadataTokenStore(clock);
    const t = store.issue(60);
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.isValid(t)).toBe(true);
    expect(store.isValid(`${t}x`)).toBe(false);
    await clock.advance(59_999);
    expect(store.isValid(t)).toBe(true);
    await clock.advance(1);
    expect(store.isValid(t)).toBe(false);
  });

  it('keeps at most maxLive tokens, dropping the oldest', () => {
    const store = new MetadataTokenStore(new ManualClock(), 3);
    const [a, b, c, d] = [store.issue(60), store.issue(60), store.issue(60), store.issue(60)];
    expect(store.isValid(a)).toBe(false);
    expect([b, c, d].every((t) => store.isValid(t))).toBe(true);
  });

  it('forgets everything on clear', () => {
    const store = new MetadataTokenStore(new ManualClock());
    const t = store.issue(60);
    store.clear();
    expect(store.isValid(t)).toBe(false);
  });
});
