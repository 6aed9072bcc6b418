import { IdGenerator } from './ids';
import type { Seed, SeedAgency } from './seed';

/**
 * The emulator's accounts, users, keys, agencies, tokens and issued temporary keys, all in memory.
 * Times are milliseconds from the emulator's clock.
 */

export type Principal =
  | { kind: 'user'; domainId: string; userId: string; userName: string; roles: string[] }
  | {
      kind: 'agency';
      /** The delegating account: the session acts there. */
      domainId: string;
      agencyName: string;
      agencyId: string;
      sessionUserName?: string;
      roles: string[];
      /** Where the caller that switched came from (trust checks for a chained switch). */
      sourceDomainId: string;
    };

export interface Domain {
  id: string;
  name: string;
}

export interface User {
  id: string;
  name: string;
  domainId: string;
  password: string;
  totpSecret?: string;
  roles: string[];
}

export interface PermanentKey {
  accessKeyId: string;
  secretAccessKey: string;
  userId: string;
  status: 'active' | 'inactive';
  description: string;
  createdAt: string;
  lastUsedAt?: string;
}

export interface TemporaryKey {
  accessKeyId: string;
  secretAccessKey: string;
  securityToken: string;
  expiresAt: number;
  principal: Principal;
  /** Issued by assume_role (only those need a session user to get a console login token). */
  fromAgency: boolean;
}

export interface Agency extends SeedAgency {
  id: string;
  domainId: string;
}

export interface IssuedToken {
  token: string;
  principal: Principal;
  expiresAt: number;
  issuedAt: number;
}

export class EmulatorState {
  readonly ids: IdGenerator;
  readonly domains = new Map<string, Domain>();
  readonly users = new Map<string, User>();
  readonly permanentKeys = new Map<string, PermanentKey>();
  readonly temporaryKeys = new Map<string, TemporaryKey>();
  readonly agencies: Agency[] = [];
  readonly tokens = new Map<string, IssuedToken>();
  /** Consecutive signature failures and lock expiry per AK, as the gateway keeps them. */
  readonly akFailures = new Map<string, { count: number; lockedUntil?: number }>();

  constructor(seed: Seed, salt: string) {
    this.ids = new IdGenerator(salt);
    for (const d of seed.domains) {
      this.domains.set(d.id, { id: d.id, name: d.name });
      for (const u of d.users) {
        this.users.set(u.id, { id: u.id, name: u.name, domainId: d.id, password: u.password, roles: [...u.roles], ...(u.totpSecret ? { totpSecret: u.totpSecret } : {}) });
        for (const k of u.accessKeys) this.permanentKeys.set(k.accessKeyId, { ...k, userId: u.id });
      }
      for (const a of d.agencies) this.agencies.push({ ...a, id: this.ids.hexId(), domainId: d.id });
    }
    for (const t of seed.tokens) {
      const user = this.users.get(t.userId);
      if (!user) throw new Error(`seed token names unknown user ${t.userId}`);
      this.tokens.set(t.token, { token: t.token, principal: this.userPrincipal(user), expiresAt: Date.parse(t.expiresAt), issuedAt: 0 });
    }
  }

  domainByNameOrId(value: string | undefined): Domain | undefined {
    if (!value) return undefined;
    return this.domains.get(value) ?? [...this.domains.values()].find((d) => d.name === value);
  }

  userByName(domainId: string, name: string): User | undefined {
    return [...this.users.values()].find((u) => u.domainId === domainId && u.name === name);
  }

  userPrincipal(user: User): Principal {
    return { kind: 'user', domainId: user.domainId, userId: user.id, userName: user.name, roles: [...user.roles] };
  }

  agency(domainId: string, name: string): Agency | undefined {
    return this.agencies.find((a) => a.domainId === domainId && a.name === name);
  }

  keysOf(userId: string): PermanentKey[] {
    return [...this.permanentKeys.values()].filter((k) => k.userId === userId);
  }

  /** The agency's trust: the caller's account must be listed, and its user too when users are listed. */
  trusts(agency: Agency, principal: Principal): boolean {
    const callerDomain = principal.domainId;
    const trustedIds = agency.trustedDomains.map((d) => this.domainByNameOrId(d)?.id).filter((d): d is string => d !== undefined);
    if (!trustedIds.includes(callerDomain)) return false;
    if (agency.trustedUserIds.length === 0) return true;
    return principal.kind === 'user' && agency.trustedUserIds.includes(principal.userId);
  }

  issueTemporaryKey(principal: Principal, expiresAt: number, fromAgency: boolean): TemporaryKey {
    const key: TemporaryKey = {
      accessKeyId: this.ids.accessKeyId(),
      secretAccessKey: this.ids.secretAccessKey(),
      securityToken: this.ids.securityToken(),
      expiresAt,
      principal,
      fromAgency,
    };
    this.temporaryKeys.set(key.accessKeyId, key);
    return key;
  }

  issueToken(principal: Principal, now: number, lifetimeMs = 24 * 3600_000): IssuedToken {
    const t: IssuedToken = { token: this.ids.iamToken(), principal, expiresAt: now + lifetimeMs, issuedAt: now };
    this.tokens.set(t.token, t);
    return t;
  }

  createPermanentKey(userId: string, description: string, now: number): PermanentKey {
    const key: PermanentKey = {
      accessKeyId: this.ids.accessKeyId(),
      secretAccessKey: this.ids.secretAccessKey(),
      userId,
      status: 'active',
      description,
      createdAt: iamTime(now),
    };
    this.permanentKeys.set(key.accessKeyId, key);
    return key;
  }

  principalUrn(p: Principal): string {
    return p.kind === 'user' ? `iam::${p.domainId}:user:${p.userName}` : `sts::${p.domainId}:assumed-agency:${p.agencyName}/${p.sessionUserName ?? 'session'}`;
  }

  principalId(p: Principal): string {
    return p.kind === 'user' ? p.userId : `${p.agencyId}:${p.sessionUserName ?? 'session'}`;
  }
}

/** IAM's own timestamp form: microseconds and `Z`. */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
