/**
 * The contract keeps its own copy of the settings shape (the preload may not import main/). This test
 * keeps the copy honest: same fields, and the same values accepted and refused as the core's schema.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SettingsPatchSchema as ContractPatch, SettingsViewSchema } from '../../../preload/contract';
import { DEFAULT_SETTINGS, SettingsPatchSchema as CorePatch } from '../../../main/core/settings';

describe('settings in the contract mirror the core', () => {
  it('has the same fields', () => {
    expect(Object.keys(ContractPatch.shape).sort()).toEqual(Object.keys(CorePatch.shape).sort());
    expect(Object.keys(SettingsViewSchema.shape).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(SettingsViewSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });

  it('accepts and refuses the same patches', () => {
    const value = fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.boolean(), fc.constantFrom('system', 'light', 'dark', 'en', 'zh-CN', 'fr', ''));
    const patch = fc.dictionary(fc.constantFrom(...Object.keys(CorePatch.shape), 'unknownField'), value, { maxKeys: 4 });
    fc.assert(
      fc.property(patch, (p) => {
        expect(ContractPatch.safeParse(p).success).toBe(CorePatch.safeParse(p).success);
      }),
      { numRuns: 500 },
    );
  });
});
