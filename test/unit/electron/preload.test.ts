import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannels, mfaOperationNames, operationChannels } from '../../../preload/channels';

const exposed = new Map<string, Record<string, unknown>>();
const listeners = new Map<string, Array<(...a: unknown[]) => void>>();
const ipcRenderer = {
  invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
  on: vi.fn((channel: string, fn: (...a: unknown[]) => void) => void listeners.set(channel, [...(listeners.get(channel) ?? []), fn])),
  removeListener: vi.fn((channel: string, fn: (...a: unknown[]) => void) => void listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== fn))),
  send: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.set(key, api) },
  ipcRenderer,
}));

describe('preloads', () => {
  beforeEach(() => {
    exposed.clear();
    listeners.clear();
    vi.resetModules();
  });

  it('the window preload exposes window.akvault over invoke, and never ipcRenderer', async () => {
    await import('../../../preload/index');
    const api = exposed.get('akvault')!;
    expect([...exposed.keys()]).toEqual(['akvault']);
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.keys(api)).not.toContain('invoke');
    await expect((api.startSession as (n: string) => Promise<unknown>)('prod')).resolves.toBe(operationChannels.startSession);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(operationChannels.startSession, 'prod');
  });

  it('event listeners get the payload only (no IPC event, no sender), and can unsubscribe', async () => {
    await import('../../../preload/index');
    const api = exposed.get('akvault')!;
    const got: unknown[][] = [];
    const off = (api.onSnapshot as (l: (...a: unknown[]) => void) => () => void)((...args) => got.push(args));
    const fakeEvent = { sender: { send: vi.fn() }, ports: [] };
    listeners.get(eventChannels.snapshot)![0]!(fakeEvent, { version: 3 });
    expect(got).toEqual([[{ version: 3 }]]);
    off();
    expect(listeners.get(eventChannels.snapshot)).toEqual([]);
  });

  it('the MFA preload exposes window.akvaultMfa with its operations only', async () => {
    await import('../../../preload/mfa');
    expect([...exposed.keys()]).toEqual(['akvaultMfa']);
    expect(Object.keys(exposed.get('akvaultMfa')!).sort()).toEqual([...mfaOperationNames, 'onMfaRequest'].sort());
  });
});
