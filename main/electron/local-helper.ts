/**
 * Runs the local helper (main/core/helper) while the app runs and `helperEnabled` is on, and publishes
 * its address and token in helper.json (0600) so `akvault env`/`exec` find it — the same file and
 * claim rules as `akvault serve` (main/core/helper/helper-file.ts). The token stays in that file and in main;
 * the status the tray and pages see holds the address only. Start, stop and restart are serialised.
 */
import type { HelperStatusView } from '../../preload/contract';
import { claimHelperFile, releaseHelperFileSync, type HelperInfo } from '../core/helper/helper-file';
import { probeHelper } from '../core/helper/helper-client';
import { asAkvaultError } from '../core/errors';
import { createHelperServer, type HelperServer, type HelperServerOptions } from '../core/helper';
import type { CredentialProvider } from '../core/sessions/types';
import type { HelperStatusSource } from '../shared/ports';

export interface LocalHelperDeps {
  provider: CredentialProvider;
  /** The vault file the app holds, for `akvault lock` / `unlock` (absent with the keychain backend). */
  vault?: HelperServerOptions['vault'];
  /** dataFiles(dataDir).helper */
  helperFile: string;
  pid?: number;
  createServer?: (opts: HelperServerOptions) => Promise<HelperServer>;
  claim?: (file: string, info: HelperInfo) => Promise<void>;
  release?: (file: string, info: HelperInfo) => void;
  /** Told after every status change (the tray and pages re-render). */
  onChange?: () => void;
  /** The helper's request log (refusals with why), e.g. helperLog(core.logger). */
  log?: HelperServerOptions['log'];
}

export class LocalHelper implements HelperStatusSource {
  private server: HelperServer | null = null;
  private info: HelperInfo | null = null;
  private current: HelperStatusView = { state: 'off' };
  private chain: Promise<void> = Promise.resolve();
  private port = 0;

  constructor(private readonly deps: LocalHelperDeps) {}

  status(): HelperStatusView {
    return this.current;
  }

  /** Brings the helper to the wanted state (on/off, port). Resolves once it got there or failed. */
  apply(enabled: boolean, port: number): Promise<void> {
    this.chain = this.chain.then(() => this.reconcile(enabled, port));
    return this.chain;
  }

  /** Stops the helper and removes helper.json if it is still ours. */
  stop(): Promise<void> {
    return this.apply(false, this.port);
  }

  /** Synchronous last resort for process exit: the file goes even if the server cannot close in time. */
  releaseNow(): void {
    if (this.info) (this.deps.release ?? releaseHelperFileSync)(this.deps.helperFile, this.info);
  }

  private async reconcile(enabled: boolean, port: number): Promise<void> {
    const running = this.server !== null;
    if (running && enabled && port === this.port) return;
    if (running) await this.shutdown();
    if (!enabled) return this.set({ state: 'off' });
    this.port = port;
    this.set({ state: 'starting' });
    let server: HelperServer | null = null;
    try {
      server = await (this.deps.createServer ?? createHelperServer)({ provider: this.deps.provider, port, ...(this.deps.log ? { log: this.deps.log } : {}), ...(this.deps.vault ? { vault: this.deps.vault } : {}) });
      const info: HelperInfo = { url: server.url, token: server.token, pid: this.deps.pid ?? process.pid };
      await (this.deps.claim ?? defaultClaim)(this.deps.helperFile, info);
      this.server = server;
      this.info = info;
      this.set({ state: 'running', url: server.url, port: server.port });
    } catch (e) {
      await server?.close().catch(() => undefined);
      this.set({ state: 'failed', errorCode: asAkvaultError(e, 'helper.unavailable').code });
    }
  }

  private async shutdown(): Promise<void> {
    this.releaseNow();
    this.info = null;
    const server = this.server;
    this.server = null;
    await server?.close().catch(() => undefined);
  }

  private set(status: HelperStatusView): void {
    this.current = status;
    this.deps.onChange?.();
  }
}

const defaultClaim = (file: string, info: HelperInfo) => claimHelperFile(file, info, async (other) => (await probeHelper(other)).live);
