/**
 * The browser UI as `akvault serve --ui` runs it, in-process: a real app core on a private data
 * directory and the real keychain (inside build/scripts/with-keyring.sh), the IAM emulator on loopback
 * as IAM and STS endpoint, the local helper with the web bridge attached, and a tiny renderer folder so
 * these tests do not depend on the UI build. `http()` sends raw requests (any Host, Origin or cookie).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../../../main/core/app-core';
import { createHelperServer } from '../../../../main/core/helper/helper-server';
import type { HelperServer } from '../../../../main/core/helper/types';
import { IamClient } from '../../../../main/core/iam/client';
import { AuthFailureGuard } from '../../../../main/core/iam/lockout';
import { attachWebUi, type WebBridge } from '../../../../main/web';
import { createIamEmulator, type IamEmulator } from '../../../support/iam-emulator/server';
import type { SeedInput } from '../../../support/iam-emulator/seed';
import { makeTempDirs } from '../../../support/temp-dir';
import { clearService } from '../../profiles/support/keychain';

export const DOMAIN = { id: 'd0000000000000000000000000000077', name: 'acme-web' };
export const USERS = {
  alice: { id: 'u00000000000000000000000000000a1', name: 'web-alice', ak: 'WEBALICEKEY000000001', sk: 'WebAliceSecret0000000000000000000000001x' },
  bob: { id: 'u00000000000000000000000000000b1', name: 'web-bob', ak: 'WEBBOBKEYACTIVE00001', sk: 'WebBobActiveSecret000000000000000000001x', inactive: 'WEBBOBKEYINACTIVE001' },
  carol: { id: 'u00000000000000000000000000000c1', name: 'web-carol', ak: 'WEBCAROLKEYONE000001', sk: 'WebCarolSecretOne00000000000000000000001', other: 'WEBCAROLKEYTWO000002' },
  mfa: { id: 'u00000000000000000000000000000d1', name: 'web-mfa', password: 'Mfa-Web-Passw0rd', totp: 'JBSWY3DPEHPK3PXP' },
};

export const seed: SeedInput = {
  domains: [
    {
      ...DOMAIN,
      users: [
        { id: USERS.alice.id, name: USERS.alice.name, password: 'Alice-Web-1', accessKeys: [{ accessKeyId: USERS.alice.ak, secretAccessKey: USERS.alice.sk }] },
        {
          id: USERS.bob.id,
          name: USERS.bob.name,
          password: 'Bob-Web-1',
          accessKeys: [
            { accessKeyId: USERS.bob.ak, secretAccessKey: USERS.bob.sk },
            { accessKeyId: USERS.bob.inactive, secretAccessKey: 'WebBobInactiveSecret00000000000000000001', status: 'inactive' },
          ],
        },
        {
          id: USERS.carol.id,
          name: USERS.carol.name,
          password: 'Carol-Web-1',
          accessKeys: [
            { accessKeyId: USERS.carol.ak, secretAccessKey: USERS.carol.sk },
            { accessKeyId: USERS.carol.other, secretAccessKey: 'WebCarolSecretTwo00000000000000000000002' },
          ],
        },
        { id: USERS.mfa.id, name: USERS.mfa.name, password: USERS.mfa.password, totpSecret: USERS.mfa.totp },
      ],
    },
  ],
};

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = unknown>(): T;
}

export interface WebFixtureOptions {
  ticketTtlMs?: number;
}

export async function createWebFixture(opts: WebFixtureOptions = {}) {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('run the integration tests inside build/scripts/with-keyring.sh');
  const temp = makeTempDirs('akvault-it-web-');
  const root = temp.make();
  const dataDir = path.join(root, 'data');
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>akvault</title><div id="root"></div><script type="module" src="./assets/app.js"></script>\n');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'document.title = "akvault";\n');
  const service = `akvault-test-${randomBytes(4).toString('hex')}`;
  const emulator: IamEmulator = await createIamEmulator({ seed });
  // One lock-out guard per fixture, so one test's refused signatures never leak into another's.
  const authGuard = new AuthFailureGuard();
  const core: AppCore = await createAppCore({
    dataDir,
    homeDir: root,
    env: { AKVAULT_KEYCHAIN_SERVICE: service },
    iamClient: (iamEndpoint, stsEndpoint) =>
      new IamClient({ iamEndpoint: iamEndpoint ?? emulator.url, stsEndpoint: stsEndpoint ?? emulator.url, authGuard, retry: { maxAttempts: 2, baseDelayMs: 10 } }),
    rotation: { verify: { attempts: 3, delaysMs: [20] } },
  });
  const helper: HelperServer = await createHelperServer({ provider: core.broker });
  const opened: string[] = [];
  const bridge: WebBridge = attachWebUi(core, helper, {
    rendererDir,
    openBrowser: async (url) => void opened.push(url),
    env: { LANG: 'en_US.UTF-8' },
    ...(opts.ticketTtlMs !== undefined ? { ticketTtlMs: opts.ticketTtlMs } : {}),
  });
  const origin = helper.url;
  const host = `127.0.0.1:${helper.port}`;

  const fx = {
    root,
    dataDir,
    service,
    emulator,
    core,
    helper,
    bridge,
    opened,
    origin,
    host,
    /** Any request, exactly as given (no default headers beyond Host). */
    http(method: string, target: string, o: { headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
      return new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: helper.port, method, path: target, headers: { host, ...o.headers } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T }));
        });
        req.on('error', reject);
        req.end(o.body);
      });
    },
    /** Redeems a fresh ticket; returns the cookie pair for later requests. */
    async signIn(): Promise<string> {
      const res = await fx.http('GET', bridge.issueLoginPath(), { headers: { 'sec-fetch-site': 'none' } });
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${res.body}`);
      return String(res.headers['set-cookie']![0]).split(';')[0]!;
    },
    /** An invoke as the page makes it: its own Origin, same-origin fetch, JSON. */
    invoke(cookie: string, channel: string, args: unknown[], headers: Record<string, string> = {}): Promise<RawResponse> {
      return fx.http('POST', `/ui/api/invoke/${encodeURIComponent(channel)}`, {
        headers: { cookie, origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...headers },
        body: JSON.stringify(args),
      });
    },
    /** Adds an access-key profile through the service (SK into the real keychain). */
    async addKeyProfile(name: string, user: { id?: string; ak: string; sk: string }) {
      return core.service.addProfile(
        { name, kind: 'access-key', accessKeyId: user.ak, domainId: DOMAIN.id, iamEndpoint: emulator.url, ...(user.id ? { userId: user.id } : {}) },
        { secretAccessKey: user.sk },
      );
    },
    async close() {
      await helper.close();
      core.dispose();
      await emulator.close();
      await clearService(service).catch(() => undefined);
      temp.cleanup();
    },
  };
  return fx;
}
export type WebFixture = Awaited<ReturnType<typeof createWebFixture>>;

/** Reads server-sent events from a stream until `until` says stop (or the time runs out). */
export function readEvents(
  fx: WebFixture,
  cookie: string,
  until: (events: Array<{ event: string; data: unknown }>) => boolean,
  timeoutMs = 10_000,
): { done: Promise<Array<{ event: string; data: unknown }>>; status: Promise<number>; close(): void } {
  let req: http.ClientRequest | null = null;
  let resolveStatus!: (s: number) => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const done = new Promise<Array<{ event: string; data: unknown }>>((resolve, reject) => {
    const events: Array<{ event: string; data: unknown }> = [];
    const timer = setTimeout(() => {
      req?.destroy();
      reject(new Error(`no matching events within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`));
    }, timeoutMs);
    req = http.request(
      { host: '127.0.0.1', port: fx.helper.port, method: 'GET', path: '/ui/api/events', headers: { host: fx.host, cookie, 'sec-fetch-site': 'same-origin', accept: 'text/event-stream' } },
      (res) => {
        resolveStatus(res.statusCode ?? 0);
        let buffer = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
          }
          if (until(events)) {
            clearTimeout(timer);
            req?.destroy();
            resolve(events);
          }
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(events);
        });
      },
    );
    req.on('error', () => undefined);
    req.end();
  });
  return { done, status, close: () => req?.destroy() };
}
