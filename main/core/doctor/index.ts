/**
 * Runs every check of `akvault doctor` / the Diagnostics view. Hosts inject what differs between them
 * (their fetch, their versions, whether they are the app); nothing here prints or throws.
 */
import type { Clock } from '../clock';
import type { ToolFileWriter } from '../handoff/tool-files';
import type { HelperInfo } from '../helper/helper-file';
import type { FetchLike } from '../iam/fetch';
import type { BackendStatus } from '../secrets/secret-store';
import { checkClockSkew } from './clock-skew';
import { checkDataDir, checkHelper, checkProfiles, checkProxy, checkSecrets, checkToolFiles, checkVersions } from './local-checks';
import { checkTrayHost, type WatcherProbe } from './tray-host';
import type { Check, DoctorReport } from './types';

export type { Check, CheckId, CheckStatus, DoctorReport } from './types';
export { CHECK_IDS } from './types';

export interface DoctorDeps {
  host: DoctorReport['host'];
  dataDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  clock: Clock;
  fetch: FetchLike;
  secretStatus: () => Promise<BackendStatus>;
  listProfiles: () => Promise<ReadonlyArray<{ iamEndpoint?: string | undefined }>>;
  probeHelper: (info: HelperInfo) => Promise<{ live: true } | { live: false; reason: string }>;
  toolFiles: readonly ToolFileWriter[];
  versions: { akvault: string; node: string; electron?: string | undefined };
  /** The IAM endpoint used when no profile names one. */
  defaultIamEndpoint: string;
  trayProbe?: WatcherProbe;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  // The clock check asks the IAM endpoints the profiles use (the default one when none names another).
  const endpoints = async () => {
    const profiles = await deps.listProfiles().catch(() => []);
    const named = profiles.map((p) => p.iamEndpoint).filter((e): e is string => typeof e === 'string' && e.length > 0);
    return [...new Set(named.length ? named : [deps.defaultIamEndpoint])].slice(0, 3);
  };
  const checks: Check[] = await Promise.all([
    checkSecrets(deps.secretStatus),
    checkDataDir(deps.dataDir, deps.platform),
    checkProfiles(deps.dataDir, deps.listProfiles),
    checkHelper(deps.dataDir, deps.probeHelper),
    endpoints().then((e) => checkClockSkew(e, deps.fetch, deps.clock)),
    checkProxy(deps.env, deps.host),
    checkToolFiles(deps.toolFiles),
    checkTrayHost(deps.env, deps.platform, deps.trayProbe),
    Promise.resolve(checkVersions(deps.versions, deps.platform)),
  ]);
  return { ok: checks.every((c) => c.status !== 'fail'), generatedAt: new Date(deps.clock.now()).toISOString(), host: deps.host, checks };
}
