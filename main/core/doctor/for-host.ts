/**
 * The doctor as a host runs it: the CLI, `akvault serve --ui` and the app each pass their data
 * directory, profile service and versions; the rest (tool-file writers, the helper probe, the IAM
 * default endpoint, the fetch — Electron's net.fetch in the app) has defaults here.
 */
import os from 'node:os';
import { systemClock, type Clock } from '../clock';
import { createToolFileWriters } from '../handoff/tool-files';
import { probeHelper } from '../helper/helper-client';
import { DEFAULT_IAM_ENDPOINT } from '../iam/client';
import { nodeFetch, type FetchLike } from '../iam/fetch';
import type { AkvaultService } from '../service';
import { runDoctor } from './index';
import type { DoctorReport } from './types';

export interface HostDoctorOptions {
  host: DoctorReport['host'];
  dataDir: string;
  service: Pick<AkvaultService, 'keychainStatus' | 'listProfiles'>;
  akvaultVersion: string;
  env?: NodeJS.ProcessEnv;
  fetch?: FetchLike;
  clock?: Clock;
  homeDir?: string;
}

export function hostDoctor(opts: HostDoctorOptions): () => Promise<DoctorReport> {
  const env = opts.env ?? process.env;
  return () => {
    const writers = createToolFileWriters({ homeDir: opts.homeDir ?? os.homedir(), env, dataDir: opts.dataDir });
    return runDoctor({
      host: opts.host,
      dataDir: opts.dataDir,
      env,
      platform: process.platform,
      clock: opts.clock ?? systemClock,
      fetch: opts.fetch ?? nodeFetch,
      secretStatus: () => opts.service.keychainStatus(),
      listProfiles: () => opts.service.listProfiles(),
      probeHelper,
      toolFiles: Object.values(writers),
      versions: { akvault: opts.akvaultVersion, node: process.versions.node, electron: process.versions.electron },
      defaultIamEndpoint: DEFAULT_IAM_ENDPOINT,
    });
  };
}
