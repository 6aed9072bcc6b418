/**
 * What `akvault serve` runs — the app core (real keychain, profiles file, audit log) and the local
 * helper — plus N started agency sessions against the IAM emulator, for the memory benchmark. Prints
 * one JSON line when ready: {pid, sessions}. Keeps running until killed.
 */
import { createAppCore } from '../../../main/core/app-core';
import { createHelperServer } from '../../../main/core/helper';

async function main() {
  const [dataDir, count] = [process.argv[2]!, Number(process.argv[3] ?? 0)];
  const core = await createAppCore({ dataDir, watchProfiles: true });
  const helper = await createHelperServer({ provider: core.broker });
  const names = (await core.service.listProfiles()).filter((p) => p.kind === 'agency').map((p) => p.name).slice(0, count);
  for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((n) => core.broker.startSession(n)));
  if (typeof global.gc === 'function') global.gc();
  process.stdout.write(JSON.stringify({ pid: process.pid, sessions: core.broker.sessionViews().length, url: helper.url }) + '\n');
  setInterval(() => undefined, 1 << 30);
}

void main().catch((e: unknown) => {
  process.stderr.write(`sessions host failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
