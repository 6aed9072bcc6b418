/**
 * Temporary keys from the ECS metadata service of the server akvault runs on (huawei-iam.md §8), the
 * way the official SDKs fetch them: an optional session token first (`PUT /meta-data/latest/api/token`),
 * falling back to a plain GET when the service answers 404/405/503 (token mode unsupported), then
 * `GET /openstack/latest/securitykey`. A 401 that says no agency is bound gets its own message; any
 * other 401 means the metadata token expired, so a new one is fetched once and the call retried.
 */
import { z } from 'zod';
import type { Clock } from '../clock';
import { AkvaultError } from '../errors';
import type { FetchLike } from '../iam/fetch';
import { parseIamTimestamp } from '../iam/timestamps';
import type { TemporaryCredentials } from '../iam/types';

const TOKEN_TTL_SECONDS = 21600;
const TIMEOUT_MS = 3000;
/** After the PUT is refused, the SDKs wait a day before trying token mode again. */
const TOKEN_MODE_RETRY_MS = 24 * 3600_000;

const SecurityKeySchema = z.object({
  credential: z.object({
    access: z.string().min(1),
    secret: z.string().min(1),
    securitytoken: z.string().min(1),
    expires_at: z.string(),
  }),
});

export class EcsMetadataClient {
  private token: { value: string; expiresAt: number } | null = null;
  private tokenUnsupportedUntil = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly fetch: FetchLike,
    private readonly clock: Clock,
  ) {}

  async securityKey(): Promise<TemporaryCredentials> {
    let res = await this.get();
    if (res.status === 401 && !noAgency(res.body) && this.token) {
      this.token = null;
      res = await this.get();
    }
    if (res.status === 401 && noAgency(res.body)) {
      throw new AkvaultError('metadata.no-agency', 'This server has no cloud service agency bound, so its metadata service has no temporary keys.', {
        hint: 'Bind an agency to the ECS instance in the console (Elastic Cloud Server → Manage Agency), then try again.',
      });
    }
    if (res.status !== 200) {
      throw new AkvaultError('metadata.unreachable', `The metadata service answered HTTP ${res.status}.`, { params: { status: res.status } });
    }
    let parsed: z.infer<typeof SecurityKeySchema>;
    try {
      parsed = SecurityKeySchema.parse(JSON.parse(res.body));
    } catch {
      throw new AkvaultError('iam.bad-response', 'The metadata service answered with something that is not a security key.');
    }
    const expiresAt = parseIamTimestamp(parsed.credential.expires_at);
    if (!expiresAt) throw new AkvaultError('iam.bad-response', 'The metadata service gave an expiry akvault cannot read.');
    return { accessKeyId: parsed.credential.access, secretAccessKey: parsed.credential.secret, securityToken: parsed.credential.securitytoken, expiresAt };
  }

  private async get(): Promise<{ status: number; body: string }> {
    const token = await this.sessionToken();
    return this.request('GET', '/openstack/latest/securitykey', token ? { 'X-Metadata-Token': token } : {});
  }

  private async sessionToken(): Promise<string | null> {
    const now = this.clock.now();
    if (this.token && this.token.expiresAt - 60_000 > now) return this.token.value;
    if (now < this.tokenUnsupportedUntil) return null;
    const res = await this.request('PUT', '/meta-data/latest/api/token', { 'X-Metadata-Token-Ttl-Seconds': String(TOKEN_TTL_SECONDS) });
    if (res.status === 200 && res.body.trim()) {
      this.token = { value: res.body.trim(), expiresAt: now + TOKEN_TTL_SECONDS * 1000 };
      return this.token.value;
    }
    if ([404, 405, 503].includes(res.status)) {
      this.tokenUnsupportedUntil = now + TOKEN_MODE_RETRY_MS;
      return null;
    }
    throw new AkvaultError('metadata.unreachable', `The metadata service refused a session token (HTTP ${res.status}).`, { params: { status: res.status } });
  }

  private async request(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    try {
      const res = await this.fetch(this.baseUrl.replace(/\/+$/, '') + path, {
        method,
        headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      return { status: res.status, body: await res.text() };
    } catch {
      throw new AkvaultError('metadata.unreachable', `The metadata service at ${this.baseUrl} did not answer.`, {
        params: { url: this.baseUrl },
        hint: 'ecs-agency profiles work only on a Huawei Cloud server (ECS) whose metadata service is reachable.',
      });
    }
  }
}

function noAgency(body: string): boolean {
  return body.includes('Please configure Cloud Service Agency first');
}
