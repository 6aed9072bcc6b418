import { beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../preload/contract';
import { appStore } from '../../../renderer/src/store';

const initial = appStore.getState();
const snap = (version: number, patch: Partial<Snapshot> = {}): Snapshot => ({
  version,
  profiles: [{ id: 'p1', name: 'prod', kind: 'access-key', createdAt: 'x', updatedAt: 'x' }],
  defaultProfile: null,
  keychain: { state: 'available', backend: 'test' },
  sessions: [],
  alarms: [],
  settings: {
    refreshMarginSeconds: 600,
    clipboardClearSeconds: 45,
    defaultDurationSeconds: 3600,
    helperEnabled: false,
    helperPort: 0,
    launchAtLogin: false,
    theme: 'system',
    language: 'system',
    notifyBeforeExpiryMinutes: 5,
  },
  helper: { state: 'off' },
  locale: 'en',
  toolFileProblems: [],
  ...patch,
});

describe('the store', () => {
  beforeEach(() => appStore.setState(initial, true));

  it('applies newer snapshots, ignores older ones, and indexes each once', () => {
    const s = appStore.getState();
    s.applySnapshot(snap(3));
    const index = appStore.getState().index;
    expect(index.byName.get('prod')?.id).toBe('p1');
    s.applySnapshot(snap(2, { defaultProfile: 'prod' }));
    expect(appStore.getState().snapshot?.defaultProfile).toBeNull();
    s.applySnapshot(snap(4, { defaultProfile: 'prod' }));
    expect(appStore.getState().snapshot?.defaultProfile).toBe('prod');
  });

  it('shows a picked language at once and hands over to main once its snapshot carries it', () => {
    const s = appStore.getState();
    s.applySnapshot(snap(1));
    s.pickLanguage('zh-CN', 'zh-CN');
    expect(appStore.getState().languageOverride).toBe('zh-CN');
    s.applySnapshot(snap(2)); // not yet
    expect(appStore.getState().languageOverride).toBe('zh-CN');
    s.applySnapshot(snap(3, { locale: 'zh-CN', settings: { ...snap(3).settings, language: 'zh-CN' } }));
    expect(appStore.getState().languageOverride).toBeNull();
    expect(appStore.getState().pendingLanguage).toBeNull();
  });

  it('keeps toasts as keys and params (never text), at most four', () => {
    const s = appStore.getState();
    for (let i = 0; i < 6; i++) s.pushToast({ tone: 'info', message: { key: 'toast.refreshed', params: { profile: `p${i}` } } });
    const toasts = appStore.getState().toasts;
    expect(toasts).toHaveLength(4);
    expect(toasts[0]!.message).toEqual({ key: 'toast.refreshed', params: { profile: 'p2' } });
    s.dismissToast(toasts[0]!.id);
    expect(appStore.getState().toasts).toHaveLength(3);
  });
});
