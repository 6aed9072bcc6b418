/**
 * The Electron composition root, executed: main/index.ts runs start() against a recording stand-in
 * for the `electron` module (support/fake-electron.ts) and keytar (an in-memory keychain) — the two
 * native boundaries — over a real data directory and the real IAM emulator. It proves the wiring:
 * the tray exists with the model's menu, every contract operation has an IPC handler, the helper
 * starts (helper.json appears and answers), IAM calls go through Electron's net.fetch, and quitting
 * stops the sessions and clears a secret this app put on the clipboard. The real Electron binary is
 * exercised by test/e2e/app.spec.ts where it can be downloaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operations, type OperationName } from '../../../preload/contract';
import { openProfileService } from '../../../main/core/profile-service';
import { OPS, sessionSeed } from '../../support/broker-fixture';
import { createIamEmulator, type IamEmulator } from '../../support/iam-emulator';
import { makeTempDirs } from '../../support/temp-dir';
import { recorded, app, type FakeTray } from './support/fake-electron';

vi.mock('electron', () => import('./support/fake-electron'));
// The OS keychain is the other native boundary: an in-memory one with keytar's four calls.
vi.mock('keytar', () => {
  const items = new Map<string, string>();
  const key = (s: string, a: string) => `${s}\u0000${a}`;
  const api = {
    getPassword: async (s: string, a: string) => items.get(key(s, a)) ?? null,
    setPassword: async (s: string, a: string, p: string) => void items.set(key(s, a), p),
    deletePassword: async (s: string, a: string) => items.delete(key(s, a)),
    findCredentials: async (s: string) => [...items].filter(([k]) => k.startsWith(`${s}\u0000`)).map(([k, password]) => ({ account: k.split('\u0000')[1]!, password })),
  };
  return { ...api, default: api };
});

const temp = makeTempDirs('akvault-root-');
let dataDir: string;
let emulator: IamEmulator;
const saved = { ...process.env };

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
function invoke(name: OperationName, ...args: unknown[]): Promise<Answer> {
  const win = recorded.windows[0]!;
  const event = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://akvault/index.html', parent: null } };
  return recorded.ipcHandlers.get(operations[name].channel)!(event, ...args) as Promise<Answer>;
}
type MenuItem = { label?: string; id?: string; submenu?: MenuItem[] };
const labels = (items: MenuItem[]): string[] => items.flatMap((i) => [i.label ?? '', ...(i.submenu ? labels(i.submenu) : [])]).filter(Boolean);

beforeAll(async () => {
  dataDir = path.join(temp.make(), 'data');
  process.env.AKVAULT_HOME = dataDir;
  process.env.AKVAULT_KEYCHAIN_SERVICE = 'akvault-root-test';
  delete process.env.AKVAULT_TEST_HOOKS;
  emulator = await createIamEmulator({ seed: sessionSeed({ tokenExpiresAt: '2099-12-31T00:00:00Z' }) });
  // Two profiles, as a person would have them before starting the app: keys and an agency via IAM.
  const service = openProfileService({ dataDir });
  const ops = await service.addProfile({ name: 'ops', kind: 'access-key', accessKeyId: OPS.ak, domainId: OPS.domainId, iamEndpoint: emulator.url }, { secretAccessKey: OPS.sk });
  await service.addProfile({ name: 'prod', kind: 'agency', sourceId: ops.profile.id, agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 900, iamEndpoint: emulator.url }, {});
  const root = await import('../../../main/index');
  await root.started;
}, 60_000);

afterAll(async () => {
  if (recorded.quitCalls === 0) app.quit();
  await emulator?.close();
  process.env = saved;
  temp.cleanup();
});

describe('the composition root, executed', () => {
  it('started without an error exit and registered the app:// scheme and its handler', () => {
    expect(recorded.exitCodes).toEqual([]);
    expect(recorded.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
  });

  it('has an IPC handler for every contract operation, and no other', () => {
    const missing = (Object.keys(operations) as OperationName[]).filter((n) => !recorded.ipcHandlers.has(operations[n].channel));
    expect(missing).toEqual([]);
    expect(recorded.ipcHandlers.size).toBe(Object.keys(operations).length);
  });

  it('creates one tray whose menu is the model built from the profiles', async () => {
    await vi.waitFor(() => expect(labels(((recorded.trays[0] as FakeTray | undefined)?.menu?.template ?? []) as MenuItem[]).join('|')).toContain('prod'));
    expect(recorded.trays).toHaveLength(1);
    const menu = recorded.trays[0]!.menu!.template as MenuItem[];
    expect(labels(menu)).toEqual(expect.arrayContaining(['Quit akvault']));
    expect(recorded.trays[0]!.tooltip).toMatch(/akvault/);
  });

  it('opens the window on start and answers its calls through the IPC doorway', async () => {
    expect(recorded.windows[0]?.url).toBe('app://akvault/index.html');
    const snap = await invoke('getSnapshot');
    expect(snap.ok).toBe(true);
    expect(JSON.stringify(snap.value)).toContain('"prod"');
  });

  it('starts the local helper: helper.json names a live helper', async () => {
    const file = path.join(dataDir, 'helper.json');
    await vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 10_000 });
    const info = JSON.parse(readFileSync(file, 'utf8')) as { url: string; token: string };
    const res = await fetch(`${info.url}/v1/status`, { headers: { Authorization: `Bearer ${info.token}` } });
    expect(res.status).toBeLessThan(500);
    await res.text();
  });

  it("sends IAM calls through Electron's net.fetch", async () => {
    const started = await invoke('startSession', 'prod');
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    expect(recorded.netFetches.some((f) => f.url.startsWith(emulator.url) && f.method === 'POST' && f.url.includes('securitytokens'))).toBe(true);
  });

  it('quitting stops the sessions, clears the secret it copied, and removes helper.json', async () => {
    const copied = await invoke('copyToClipboard', 'prod', 'sk');
    expect(copied.ok, JSON.stringify(copied.error)).toBe(true);
    expect(recorded.clipboardText.length).toBeGreaterThan(8);
    const quitsBefore = recorded.quitCalls;
    app.quit();
    await vi.waitFor(() => expect(recorded.quitCalls).toBeGreaterThan(quitsBefore + 1), { timeout: 10_000 }); // cleanup done, quit again
    expect(recorded.clipboardText).toBe('');
    expect(existsSync(path.join(dataDir, 'helper.json'))).toBe(false);
    const audit = readFileSync(path.join(dataDir, 'audit.log'), 'utf8');
    expect(audit).toMatch(/"event":"session-stopped","profile":"prod"/);
    const log = readFileSync(path.join(dataDir, 'akvault.log'), 'utf8');
    expect(log).toContain('"event":"app.quit"');
    expect(log).not.toContain(OPS.sk);
  });
});
