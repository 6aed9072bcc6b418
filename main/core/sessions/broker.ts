/**
 * The session broker: turns a profile into working credentials, every time, without ever handing out
 * expired ones.
 *
 * - Minted credentials (agency, token, account, ecs-agency) are cached in memory and in the keychain and
 *   reused while more than the refresh margin remains; past that they are minted again, at most once at
 *   a time per profile (single-flight), so a thousand concurrent asks cost one IAM call and a chain
 *   refreshes each link once.
 * - A started session is renewed in the background before the margin. A failed renewal retries with
 *   backoff and raises one alarm for the profile, which clears itself when a renewal succeeds. Until the
 *   old credentials actually expire they are still served; after that, never.
 * - A watchdog notices sleep/wake and clock jumps and renews overdue sessions at once.
 * Everything that varies (clock, fetch, keychain, IAM endpoint clients, prompts) is injected.
 */
import type { Clock, TimerHandle } from '../clock';
import { AkvaultError, asAkvaultError } from '../errors';
import { nodeFetch, type FetchLike } from '../iam/fetch';
import { IamClient } from '../iam/client';
import type { IamSource, TemporaryCredentials } from '../iam/types';
import type { Profile } from '../profiles/schema';
import type { SecretStore } from '../secrets/secret-store';
import { Alarms, type Alarm } from './alarms';
import type { Logger } from '../log/logger';
import type { AuditLog } from './audit-log';
import { DEFAULT_METADATA_URL } from '../profiles/validation';
import { EcsMetadataClient } from './ecs-metadata';
import { EventHub, type BrokerListener, type SessionView } from './events';
import { ProfileIndex } from './profile-index';
import { ProfileSecrets } from './profile-secrets';
import { resolveEndpoints, type ProfileEndpoints } from '../profiles/endpoints';
import { BACKGROUND_RETRY_MS, fitToHandOut, fitToServeStale, fitToSign, renewLeadMs, type Freshness, type ServeOptions } from './serve-policy';
import { fingerprintOf, SessionCache } from './session-cache';
import { SingleFlight } from './single-flight';
import type { Consumer, CredentialProvider, SessionCredentials } from './types';

export const DEFAULT_MARGIN_SECONDS = 600;
export const MIN_MARGIN_SECONDS = 120;
export const DEFAULT_DURATION_SECONDS = 3600;
export const MAX_CHAIN_LINKS = 5;
/** An account's sign-in token is reused while at least this much of its 24 h remains. */
const TOKEN_REUSE_MARGIN_MS = 30 * 60_000;
const RETRY_BASE_MS = 10_000;
const RETRY_MAX_MS = 5 * 60_000;
const WATCHDOG_MS = 30_000;
/** A watchdog tick this late means the machine slept or the wall clock jumped. */
const JUMP_SLACK_MS = 15_000;

export interface MfaRequest {
  profile: string;
  account: string;
  userName: string;
}
/** Asks a person for a TOTP passcode; resolves null when they cancel. */
export type MfaPrompt = (req: MfaRequest) => Promise<string | null>;

export interface BrokerOptions {
  /** Loads the profiles (the broker keeps an index and reloads on invalidate / file change). */
  loadProfiles: () => Promise<Profile[]>;
  /** The profiles file, watched so edits by other processes are seen. */
  profilesFile?: string;
  /** The profile list only changes through profileChanged() (tests, in-memory hosts): keep it loaded. */
  cacheProfiles?: boolean;
  /** The sealed keychain store: profile secrets are read from it and the session cache written to it. */
  secrets: SecretStore;
  clock: Clock;
  fetch?: FetchLike;
  /** IAM client for a profile's endpoints (injectable for tests; default builds one per endpoint pair). */
  iamClient?: (iamEndpoint: string | undefined, stsEndpoint: string | undefined) => IamClient;
  audit?: AuditLog;
  /** Diagnostic log (main/core/log): refresh outcomes, alarms, IAM calls. */
  logger?: Logger;
  prompt?: MfaPrompt;
  /** Default refresh margin for profiles without their own. */
  marginSeconds?: () => number;
  /** Profile used when a request names none. */
  defaultProfile?: () => Promise<string | null>;
  /** Hooks for tool-file writers: credentials minted for a started session, and a session stopped. */
  onSessionCredentials?: (profile: Profile, creds: SessionCredentials) => void | Promise<void>;
  onSessionStopped?: (profile: Profile) => void | Promise<void>;
}

interface Session {
  id: string;
  name: string;
  kind: string;
  state: SessionView['state'];
  expiresAt?: number;
  lastRefreshAt?: number;
  nextRefreshAt?: number;
  failures: number;
  timer?: TimerHandle;
}

interface Minted {
  creds: SessionCredentials;
  expiresAt?: number;
  /** A mint failed and still-valid cached keys were returned instead. */
  fellBack?: boolean;
}

/** What the credentials are for: handed out (see serve-policy.ts), or only to sign the next link of a chain. */
type Use = Freshness | 'sign';

export class SessionBroker implements CredentialProvider {
  readonly index: ProfileIndex;
  private readonly cache: SessionCache;
  private readonly secrets: ProfileSecrets;
  private readonly flights = new SingleFlight<Minted>();
  private readonly signIns = new SingleFlight<string>();
  private readonly alarms = new Alarms();
  private readonly hub = new EventHub();
  private readonly sessions = new Map<string, Session>();
  private readonly iamClients = new Map<string, IamClient>();
  private readonly metadataClients = new Map<string, EcsMetadataClient>();
  private readonly running = new Set<Promise<void>>();
  /** Per profile id: no background refresh before this time (a failed one just happened). */
  private readonly backgroundPausedUntil = new Map<string, number>();
  private watchdog: TimerHandle | null = null;
  private lastTick = 0;
  private disposed = false;
  private prompt: MfaPrompt | undefined;

  constructor(private readonly opts: BrokerOptions) {
    this.prompt = opts.prompt;
    this.index = new ProfileIndex(opts.loadProfiles, opts.cacheProfiles ?? false);
    if (opts.profilesFile) this.index.watchFile(opts.profilesFile);
    this.cache = new SessionCache(opts.secrets, () => opts.clock.now());
    this.secrets = new ProfileSecrets(opts.secrets);
  }

  // ---------- what front ends call ----------

  on(listener: BrokerListener): () => void {
    return this.hub.on(listener);
  }

  /**
   * Puts a front end in front of the MFA prompt given at construction: `akvault serve --ui` asks in
   * the browser page while one is open and leaves the terminal prompt (`inner`) to ask otherwise.
   * Returns the undo.
   */
  wrapMfaPrompt(wrap: (inner: MfaPrompt | undefined) => MfaPrompt): () => void {
    const inner = this.prompt;
    const wrapped = wrap(inner);
    this.prompt = wrapped;
    return () => {
      if (this.prompt === wrapped) this.prompt = inner;
    };
  }

  async listProfiles() {
    return (await this.index.all()).map((p) => ({
      name: p.name,
      kind: p.kind,
      ...(p.region ? { region: p.region } : {}),
      ...(this.sessions.get(p.id)?.expiresAt ? { expiresAt: new Date(this.sessions.get(p.id)!.expiresAt!).toISOString() } : {}),
    }));
  }

  async getDefaultProfile(): Promise<string | null> {
    return this.opts.defaultProfile ? this.opts.defaultProfile() : null;
  }

  /**
   * Working credentials for a profile. Temporary keys keep the served minimum (serve-policy.ts): cached
   * ones with less are re-minted first, or, for a refreshing client, served at once and renewed in the
   * background.
   */
  async getCredentials(name: string, consumer: Consumer, opts: ServeOptions = {}): Promise<SessionCredentials> {
    const profile = await this.index.byName(name);
    const minted = await this.credentialsFor(profile, [], false, opts.freshness ?? 'handoff');
    void this.opts.audit?.record({ event: 'served', profile: profile.name, to: consumer });
    return withOutputFields(profile, minted.creds, await this.endpointsOf(profile));
  }

  /** The IAM and STS endpoints a profile's calls go to, and why (its own setting, a source's, the default). */
  endpointsOf(profile: Profile): Promise<ProfileEndpoints> {
    return resolveEndpoints(profile, (id) => this.index.findById(id));
  }

  async startSession(name: string): Promise<SessionView> {
    const profile = await this.index.byName(name);
    const existing = this.sessions.get(profile.id);
    if (existing) return this.view(existing);
    const minted = await this.credentialsFor(profile, []);
    const s: Session = { id: profile.id, name: profile.name, kind: profile.kind, state: 'active', failures: 0, lastRefreshAt: this.opts.clock.now() };
    if (minted.expiresAt !== undefined) s.expiresAt = minted.expiresAt;
    this.sessions.set(profile.id, s);
    this.schedule(s, profile);
    this.ensureWatchdog();
    void this.opts.audit?.record({ event: 'session-started', profile: profile.name, ...(s.expiresAt ? { expiresAt: iso(s.expiresAt) } : {}) });
    await this.opts.onSessionCredentials?.(profile, withOutputFields(profile, minted.creds, await this.endpointsOf(profile)));
    this.hub.emit({ type: 'session-started', session: this.view(s) });
    return this.view(s);
  }

  /** Stops a session and wipes its cached credentials (memory and keychain). */
  async stopSession(name: string): Promise<void> {
    const profile = await this.index.byName(name);
    const s = this.sessions.get(profile.id);
    s?.timer?.cancel();
    this.sessions.delete(profile.id);
    await this.cache.wipe(profile.id);
    const cleared = this.alarms.recover(profile.name, iso(this.opts.clock.now()));
    if (cleared?.type === 'cleared') this.hub.emit({ type: 'alarm-cleared', alarm: cleared.alarm, clearedAt: cleared.clearedAt });
    if (s) {
      void this.opts.audit?.record({ event: 'session-stopped', profile: profile.name });
      await this.opts.onSessionStopped?.(profile);
      this.hub.emit({ type: 'session-stopped', profile: profile.name, kind: profile.kind });
    }
    if (this.sessions.size === 0) this.stopWatchdog();
  }

  /** Mints new credentials now, whatever the cache holds. */
  async refreshNow(name: string): Promise<SessionView | null> {
    const profile = await this.index.byName(name);
    const s = this.sessions.get(profile.id);
    if (!s) {
      await this.credentialsFor(profile, [], true);
      return null;
    }
    await this.refresh(s, true);
    return this.view(s);
  }

  sessionViews(): SessionView[] {
    return [...this.sessions.values()].map((s) => this.view(s));
  }

  alarmList(): Alarm[] {
    return this.alarms.list();
  }

  alarmHistory() {
    return this.alarms.recent();
  }

  /** Called on resume from sleep (and by the watchdog on a clock jump): renews overdue sessions now. */
  handleResume(): void {
    const now = this.opts.clock.now();
    for (const s of this.sessions.values()) {
      if (s.nextRefreshAt !== undefined && s.nextRefreshAt <= now) {
        s.timer?.cancel();
        void this.runRefresh(s);
      }
    }
  }

  /** Forget cached state of a profile that was edited or removed (called by the service). */
  async profileChanged(profileId: string | null): Promise<void> {
    this.index.invalidate();
    if (profileId) this.secrets.forget(profileId);
  }

  /** The secret store locked (vault file): forget the permanent secrets read from it. */
  forgetStoredSecrets(): void {
    this.secrets.forgetAll();
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.sessions.values()) s.timer?.cancel();
    this.stopWatchdog();
    this.index.close();
  }

  // ---------- resolution ----------

  private async credentialsFor(profile: Profile, chain: string[], force = false, use: Use = 'handoff'): Promise<Minted> {
    if (chain.includes(profile.id)) {
      throw new AkvaultError('profile.cycle', `Profile "${profile.name}" is its own source through a chain of agencies.`, { params: { name: profile.name } });
    }
    // `chain` holds the agencies above this profile: five agency links over their base are allowed.
    if (chain.length > MAX_CHAIN_LINKS) {
      throw new AkvaultError('profile.chain-too-long', `The chain of agencies leading to "${profile.name}" is longer than ${MAX_CHAIN_LINKS} links.`, { params: { name: profile.name, max: MAX_CHAIN_LINKS } });
    }
    switch (profile.kind) {
      case 'access-key':
        return { creds: { accessKeyId: profile.accessKeyId, secretAccessKey: await this.secrets.read(profile, 'secretKey') } };
      case 'temporary-key': {
        const expiresAt = Date.parse(profile.expiresAt);
        if (expiresAt <= this.opts.clock.now()) throw expiredPasted(profile.name, profile.expiresAt);
        const [sk, token] = await Promise.all([this.secrets.read(profile, 'secretKey'), this.secrets.read(profile, 'securityToken')]);
        return { creds: { accessKeyId: profile.accessKeyId, secretAccessKey: sk, securityToken: token, expiresAt: profile.expiresAt }, expiresAt };
      }
      default:
        if (chain.length === 0 && profile.kind === 'agency') await this.checkChain(profile);
        return this.minted(profile, chain, force, use);
    }
  }

  /**
   * Walks an agency's sources in the profile index: refuses a loop or more than five agency links even
   * when a cached middle link would let resolution stop early. (The vault refuses both when saving;
   * this guards hand edits and edits made by an older version.)
   */
  private async checkChain(top: Profile): Promise<void> {
    const seen = new Set<string>();
    let links = 0;
    let p: Profile = top;
    while (p.kind === 'agency') {
      if (seen.has(p.id)) throw new AkvaultError('profile.cycle', `Profile "${top.name}" is its own source through a chain of agencies.`, { params: { name: top.name } });
      seen.add(p.id);
      if (++links > MAX_CHAIN_LINKS) {
        throw new AkvaultError('profile.chain-too-long', `The chain of agencies leading to "${top.name}" is longer than ${MAX_CHAIN_LINKS} links.`, { params: { name: top.name, max: MAX_CHAIN_LINKS } });
      }
      p = await this.index.byIdOrThrow(p.sourceId, p.name);
    }
  }

  private async minted(profile: Profile, chain: string[], force: boolean, use: Use): Promise<Minted> {
    const fp = fingerprintOf(settingsOf(profile, await this.endpointsOf(profile)));
    const margin = this.marginMs(profile);
    const now = () => this.opts.clock.now();
    const cached = force ? null : await this.cache.get<TemporaryCredentials>(profile.id, 'credentials', fp);
    if (cached && (use === 'sign' ? fitToSign(cached, now(), margin) : fitToHandOut(cached, now(), margin))) return { creds: cached.value, expiresAt: cached.expiresAt };
    if (cached && use === 'refreshing' && fitToServeStale(cached, now())) {
      this.refreshInBackground(profile, chain, fp, margin);
      return { creds: cached.value, expiresAt: cached.expiresAt };
    }
    return this.mintShared(profile, chain, force, fp, margin);
  }

  /**
   * Renews a profile's cached keys without anyone waiting on it (stale-while-revalidate). One at a time
   * per profile; after a failure the next attempt waits BACKGROUND_RETRY_MS, and the cached keys go on
   * being served until they expire.
   */
  private refreshInBackground(profile: Profile, chain: string[], fp: string, margin: number): void {
    if (this.disposed || this.flights.isRunning(profile.id) || (this.backgroundPausedUntil.get(profile.id) ?? 0) > this.opts.clock.now()) return;
    const p = this.mintShared(profile, chain, false, fp, margin).then(
      (m) => {
        if (m.fellBack) this.backgroundPausedUntil.set(profile.id, this.opts.clock.now() + BACKGROUND_RETRY_MS);
        else this.backgroundPausedUntil.delete(profile.id);
      },
      (error: unknown) => {
        // Cached keys are still served until they expire; the next ask after the pause tries again.
        this.opts.logger?.warn('refresh.background-failed', { profile: profile.name, kind: profile.kind, code: error instanceof AkvaultError ? error.code : 'unknown' });
        this.backgroundPausedUntil.set(profile.id, this.opts.clock.now() + BACKGROUND_RETRY_MS);
      },
    );
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /** Mints new keys, at most once at a time per profile; whoever asks meanwhile shares the result. */
  private mintShared(profile: Profile, chain: string[], force: boolean, fp: string, margin: number): Promise<Minted> {
    return this.flights.run(profile.id, async () => {
      // Someone else may have just minted: keys fit to hand out are fit for every use.
      const again = force ? null : await this.cache.get<TemporaryCredentials>(profile.id, 'credentials', fp);
      if (again && fitToHandOut(again, this.opts.clock.now(), margin)) return { creds: again.value, expiresAt: again.expiresAt };
      let creds: TemporaryCredentials;
      try {
        creds = await this.mint(profile, chain);
      } catch (e) {
        // Still valid, only inside the margin: better to serve it than fail; the session alarm tells the user.
        const still = await this.cache.get<TemporaryCredentials>(profile.id, 'credentials', fp);
        if (!force && still) return { creds: still.value, expiresAt: still.expiresAt, fellBack: true };
        throw e;
      }
      const now = this.opts.clock.now();
      const expiresAt = Date.parse(creds.expiresAt);
      await this.cache.set(profile.id, 'credentials', { value: creds, expiresAt, issuedAt: now, fingerprint: fp });
      void this.opts.audit?.record({ event: 'issued', profile: profile.name, to: { kind: 'broker' }, accessKeyId: creds.accessKeyId, expiresAt: creds.expiresAt });
      return { creds, expiresAt };
    });
  }

  private async mint(profile: Profile, chain: string[]): Promise<TemporaryCredentials> {
    switch (profile.kind) {
      case 'token': {
        const token = await this.liveToken(profile);
        return this.iam(profile).temporaryKeysFromToken(token, profile.durationSeconds ?? DEFAULT_DURATION_SECONDS);
      }
      case 'account': {
        const token = await this.signIn(profile);
        return this.iam(profile).temporaryKeysFromToken(token, profile.durationSeconds ?? DEFAULT_DURATION_SECONDS);
      }
      case 'ecs-agency':
        return this.metadata(profile.metadataUrl ?? DEFAULT_METADATA_URL).securityKey();
      case 'agency': {
        const source = await this.index.byIdOrThrow(profile.sourceId, profile.name);
        const identity = await this.identityOf(source, [...chain, profile.id]);
        // Unless it sets its own, an agency calls the IAM/STS endpoint its source uses (profiles/endpoints.ts).
        const iam = this.iamAt(await this.endpointsOf(profile));
        if (profile.api === 'v5') {
          if (identity.type !== 'keys') {
            throw new AkvaultError('validation', `Profile "${profile.name}" uses STS v5, which needs a source with access keys, not a token.`, { params: { name: profile.name } });
          }
          if (!profile.agencyDomainId) throw new AkvaultError('validation', `Profile "${profile.name}" uses STS v5, which needs the delegating account's ID.`, { params: { name: profile.name } });
          return iam.assumeAgencyV5(identity, {
            domainId: profile.agencyDomainId,
            agencyName: profile.agencyName,
            sessionName: profile.sessionUserName ?? profile.agencyName,
            durationSeconds: profile.durationSeconds,
            ...(profile.policy ? { policy: JSON.stringify(profile.policy) } : {}),
          });
        }
        return iam.assumeAgency(identity, {
          ...(profile.agencyDomainId ? { domainId: profile.agencyDomainId } : { domainName: profile.agencyDomainName! }),
          agencyName: profile.agencyName,
          durationSeconds: profile.durationSeconds,
          ...(profile.sessionUserName ? { sessionUserName: profile.sessionUserName } : {}),
          ...(profile.policy ? { policy: profile.policy as { Version: string; Statement: Array<Record<string, unknown>> } } : {}),
        });
      }
      default:
        throw new AkvaultError('profile.unsupported-kind', `Profile "${profile.name}" cannot mint temporary keys.`, { params: { name: profile.name } });
    }
  }

  /** How a source profile authenticates the next link: a token where it has one, else its keys. */
  private async identityOf(source: Profile, chain: string[]): Promise<IamSource> {
    if (source.kind === 'token') return { type: 'token', token: await this.liveToken(source) };
    if (source.kind === 'account') return { type: 'token', token: await this.signIn(source) };
    const { creds } = await this.credentialsFor(source, chain, false, 'sign');
    return {
      type: 'keys',
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
      ...(source.domainId ? { domainId: source.domainId } : {}),
    };
  }

  private async liveToken(profile: Extract<Profile, { kind: 'token' }>): Promise<string> {
    if (Date.parse(profile.expiresAt) <= this.opts.clock.now() + 60_000) {
      throw new AkvaultError('session.expired', `The IAM token of profile "${profile.name}" expired at ${profile.expiresAt}.`, {
        params: { name: profile.name, expiresAt: profile.expiresAt },
        hint: 'Paste a new token into the profile.',
      });
    }
    return this.secrets.read(profile, 'authToken');
  }

  /** An IAM token for an account profile: reused from the cache, else a password sign-in (with MFA when on). */
  private async signIn(profile: Extract<Profile, { kind: 'account' }>): Promise<string> {
    const fp = fingerprintOf({ d: profile.domainName, u: profile.userName, e: profile.iamEndpoint ?? null, m: profile.mfaUserId ?? null, t: profile.updatedAt });
    const usable = (e: { expiresAt: number } | null) => e !== null && e.expiresAt - this.opts.clock.now() > TOKEN_REUSE_MARGIN_MS;
    const cached = await this.cache.get<string>(profile.id, 'iam-token', fp);
    if (cached && usable(cached)) return cached.value;
    return this.signIns.run(profile.id, async () => {
      const again = await this.cache.get<string>(profile.id, 'iam-token', fp);
      if (again && usable(again)) return again.value;
      const password = await this.secrets.read(profile, 'password');
      let totp: { userId: string; passcode: string } | undefined;
      if (profile.mfaUserId) {
        const request = { profile: profile.name, account: profile.domainName, userName: profile.userName };
        this.hub.emit({ type: 'mfa-needed', ...request });
        const passcode = this.prompt ? await this.prompt(request) : null;
        if (!passcode) {
          throw new AkvaultError('session.mfa-cancelled', `Signing in to "${profile.name}" needs an MFA passcode, and none was given.`, {
            params: { name: profile.name },
            hint: this.prompt ? 'Try again and enter the 6-digit code from your authenticator app.' : 'Run the command on a terminal, or start the session from the app, to be asked for the code.',
          });
        }
        totp = { userId: profile.mfaUserId, passcode: passcode.trim() };
      }
      const token = await this.iam(profile).tokenFromPassword(
        { domainName: profile.domainName, userName: profile.userName, password, ...(totp ? { totp } : {}) },
        { domain: { name: profile.domainName } },
      );
      const now = this.opts.clock.now();
      await this.cache.set(profile.id, 'iam-token', { value: token.token, expiresAt: Date.parse(token.expiresAt), issuedAt: now, fingerprint: fp });
      return token.token;
    });
  }

  // ---------- sessions ----------

  private schedule(s: Session, profile: Profile): void {
    s.timer?.cancel();
    s.timer = undefined;
    s.nextRefreshAt = undefined;
    if (s.expiresAt === undefined || this.disposed) return;
    const now = this.opts.clock.now();
    // Pasted temporary keys cannot be renewed: only mark them expired on time.
    // Renewed when the served minimum is reached, so tool files and new children always get keys that last.
    const at = profile.kind === 'temporary-key' ? s.expiresAt : s.expiresAt - renewLeadMs({ expiresAt: s.expiresAt, issuedAt: s.lastRefreshAt ?? now }, this.marginMs(profile));
    s.nextRefreshAt = at;
    s.timer = this.opts.clock.setTimeout(() => void this.runRefresh(s), Math.max(0, at - now));
  }

  private runRefresh(s: Session): Promise<void> {
    if (this.sessions.get(s.id) !== s) return Promise.resolve();
    const p = this.refresh(s, false).catch(() => undefined);
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** Resolves once no background refresh is running (tests step a manual clock with it). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async refresh(s: Session, force: boolean): Promise<void> {
    let profile: Profile;
    try {
      profile = await this.index.byName(s.name);
    } catch (e) {
      return this.fail(s, asAkvaultError(e));
    }
    if (profile.kind === 'temporary-key') {
      if (s.expiresAt !== undefined && s.expiresAt <= this.opts.clock.now()) {
        s.state = 'expired';
        this.raise(s, 'expired', expiredPasted(profile.name, profile.expiresAt));
        this.hub.emit({ type: 'session-updated', session: this.view(s) });
      }
      return;
    }
    s.state = s.state === 'failing' ? 'failing' : 'refreshing';
    try {
      const minted = await this.credentialsFor(profile, [], true);
      if (this.sessions.get(s.id) !== s) return;
      s.failures = 0;
      s.state = 'active';
      s.lastRefreshAt = this.opts.clock.now();
      if (minted.expiresAt !== undefined) s.expiresAt = minted.expiresAt;
      this.opts.logger?.info('refresh.ok', { profile: s.name, kind: profile.kind, expiresAt: s.expiresAt === undefined ? undefined : iso(s.expiresAt) });
      const cleared = this.alarms.recover(s.name, iso(s.lastRefreshAt));
      if (cleared?.type === 'cleared') {
        this.opts.logger?.info('alarm.cleared', { profile: s.name, code: cleared.alarm.code });
        void this.opts.audit?.record({ event: 'alarm-cleared', profile: s.name });
        this.hub.emit({ type: 'alarm-cleared', alarm: cleared.alarm, clearedAt: cleared.clearedAt });
      }
      this.schedule(s, profile);
      await this.opts.onSessionCredentials?.(profile, withOutputFields(profile, minted.creds, await this.endpointsOf(profile)));
      this.hub.emit({ type: 'session-updated', session: this.view(s) });
    } catch (e) {
      if (this.sessions.get(s.id) !== s) return;
      this.fail(s, asAkvaultError(e));
      if (force) throw e;
    }
  }

  private fail(s: Session, error: AkvaultError): void {
    const now = this.opts.clock.now();
    s.failures++;
    s.state = s.expiresAt !== undefined && s.expiresAt <= now ? 'expired' : 'failing';
    this.raise(s, 'refresh-failed', error);
    this.opts.logger?.warn('refresh.failed', { profile: s.name, code: error.code, message: error.message, failures: s.failures });
    void this.opts.audit?.record({ event: 'refresh-failed', profile: s.name, code: error.code });
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(s.failures - 1, 10));
    s.timer?.cancel();
    s.nextRefreshAt = now + delay;
    if (!this.disposed) s.timer = this.opts.clock.setTimeout(() => void this.runRefresh(s), delay);
    this.hub.emit({ type: 'session-updated', session: this.view(s) });
  }

  private raise(s: Session, kind: Alarm['kind'], error: AkvaultError): void {
    const change = this.alarms.fail(s.name, kind, error.code, error.describe(), iso(this.opts.clock.now()));
    if (change.type === 'raised') {
      this.opts.logger?.warn('alarm.raised', { profile: s.name, kind, code: error.code });
      void this.opts.audit?.record({ event: 'alarm-raised', profile: s.name, code: error.code });
      this.hub.emit({ type: 'alarm-raised', alarm: change.alarm });
    } else if (change.type === 'updated') {
      this.hub.emit({ type: 'alarm-updated', alarm: change.alarm });
    }
  }

  private ensureWatchdog(): void {
    if (this.watchdog || this.disposed) return;
    this.lastTick = this.opts.clock.now();
    const tick = () => {
      const now = this.opts.clock.now();
      const late = now - this.lastTick - WATCHDOG_MS;
      this.lastTick = now;
      if (late > JUMP_SLACK_MS || late < -JUMP_SLACK_MS) this.handleResume();
      this.watchdog = this.disposed || this.sessions.size === 0 ? null : this.opts.clock.setTimeout(tick, WATCHDOG_MS);
    };
    this.watchdog = this.opts.clock.setTimeout(tick, WATCHDOG_MS);
  }

  private stopWatchdog(): void {
    this.watchdog?.cancel();
    this.watchdog = null;
  }

  private view(s: Session): SessionView {
    return {
      profile: s.name,
      kind: s.kind,
      state: s.state,
      ...(s.expiresAt !== undefined ? { expiresAt: iso(s.expiresAt) } : {}),
      ...(s.lastRefreshAt !== undefined ? { lastRefreshAt: iso(s.lastRefreshAt) } : {}),
      ...(s.nextRefreshAt !== undefined ? { nextRefreshAt: iso(s.nextRefreshAt) } : {}),
    };
  }

  // ---------- helpers ----------

  private marginMs(profile: Profile): number {
    const seconds = profile.refreshMarginSeconds ?? this.opts.marginSeconds?.() ?? DEFAULT_MARGIN_SECONDS;
    return Math.max(MIN_MARGIN_SECONDS, seconds) * 1000;
  }

  private iam(profile: Profile): IamClient {
    return this.iamClientFor(profile.iamEndpoint, profile.kind === 'agency' ? profile.stsEndpoint : undefined);
  }

  private iamAt(endpoints: ProfileEndpoints): IamClient {
    return this.iamClientFor(endpoints.iam.url, endpoints.sts.url);
  }

  private iamClientFor(iamEndpoint: string | undefined, sts: string | undefined): IamClient {
    const key = `${iamEndpoint ?? ''}|${sts ?? ''}`;
    let client = this.iamClients.get(key);
    if (!client) {
      client = this.opts.iamClient
        ? this.opts.iamClient(iamEndpoint, sts)
        : new IamClient({ ...(iamEndpoint ? { iamEndpoint } : {}), ...(sts ? { stsEndpoint: sts } : {}), clock: this.opts.clock, ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}) });
      this.iamClients.set(key, client);
    }
    return client;
  }

  private metadata(url: string): EcsMetadataClient {
    let client = this.metadataClients.get(url);
    if (!client) {
      client = new EcsMetadataClient(url, this.opts.fetch ?? nodeFetch, this.opts.clock);
      this.metadataClients.set(url, client);
    }
    return client;
  }
}

/**
 * The settings that shape minted credentials: a change to any of them invalidates the cache. An agency's
 * endpoints are the ones it uses, inherited or its own, so a source moved to another endpoint re-mints.
 */
function settingsOf(p: Profile, endpoints: ProfileEndpoints): unknown {
  switch (p.kind) {
    case 'agency':
      return [p.kind, p.sourceId, p.agencyDomainName ?? null, p.agencyDomainId ?? null, p.agencyName, p.durationSeconds, p.sessionUserName ?? null, p.policy ?? null, p.api ?? 'v3', endpoints.iam.url ?? null, endpoints.sts.url ?? null];
    case 'token':
      return [p.kind, p.expiresAt, p.durationSeconds ?? null, p.iamEndpoint ?? null, p.updatedAt];
    case 'account':
      return [p.kind, p.domainName, p.userName, p.durationSeconds ?? null, p.iamEndpoint ?? null, p.mfaUserId ?? null];
    case 'ecs-agency':
      return [p.kind, p.metadataUrl ?? null];
    default:
      return [p.kind, p.updatedAt];
  }
}

/** What the profile adds to the keys for tools: region, project, account id, the IAM endpoint it uses. */
function withOutputFields(p: Profile, creds: SessionCredentials, endpoints: ProfileEndpoints): SessionCredentials {
  return {
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    ...(creds.expiresAt ? { expiresAt: creds.expiresAt } : {}),
    ...(p.region ? { region: p.region } : {}),
    ...(p.projectId ? { projectId: p.projectId } : {}),
    ...(outputDomainId(p) ? { domainId: outputDomainId(p)! } : {}),
    ...(endpoints.iam.url ? { iamEndpoint: endpoints.iam.url } : {}),
  };
}

/** Temporary keys of an agency act in the delegating account, so that account's id is the one tools need. */
function outputDomainId(p: Profile): string | undefined {
  return p.kind === 'agency' ? (p.agencyDomainId ?? p.domainId) : p.domainId;
}

function expiredPasted(name: string, expiresAt: string): AkvaultError {
  return new AkvaultError('session.expired', `The temporary keys of profile "${name}" expired at ${expiresAt}.`, {
    params: { name, expiresAt },
    hint: 'Paste new temporary keys into the profile; akvault cannot renew keys it did not mint.',
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
