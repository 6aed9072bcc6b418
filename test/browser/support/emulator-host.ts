/**
 * The IAM emulator in a child process for browser specs (Playwright's loader cannot load the
 * emulator's ES modules), driven over the Node IPC channel so a spec still holds real handles:
 * inject a fault, clear faults, read calls and a user's keys. Run with tsx; argv[2] is a seed file.
 * Answers `{id, ok, value}` / `{id, ok: false, message}` for each `{id, op, args}` it receives.
 */
import { createIamEmulator } from '../../support/iam-emulator/server';

type Request = { id: number; op: 'inject' | 'clearFaults' | 'callsTo' | 'keysOf' | 'close'; args: unknown[] };

async function main(): Promise<void> {
  const seedFile = process.argv[2];
  if (!seedFile || !process.send) throw new Error('usage: tsx emulator-host.ts SEED.json (with an IPC channel)');
  const emulator = await createIamEmulator({ seed: seedFile });
  const reply = (m: unknown) => process.send!(m);
  process.on('message', (raw) => {
    const { id, op, args } = raw as Request;
    void (async () => {
      switch (op) {
        case 'inject':
          emulator.inject(args[0] as never, args[1] as never, args[2] as never);
          return null;
        case 'clearFaults':
          emulator.clearFaults();
          return null;
        case 'callsTo':
          return emulator.callsTo(args[0] as never).map((c) => ({ route: c.route, status: c.status, accessKeyId: c.accessKeyId }));
        case 'keysOf':
          return emulator.state.keysOf(args[0] as string).map((k) => ({ accessKeyId: k.accessKeyId, status: k.status }));
        case 'close':
          await emulator.close();
          setImmediate(() => process.exit(0));
          return null;
      }
    })().then(
      (value) => reply({ id, ok: true, value }),
      (e: unknown) => reply({ id, ok: false, message: e instanceof Error ? e.message : String(e) }),
    );
  });
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
  reply({ ready: emulator.url });
}

main().catch((e: unknown) => {
  console.error(`emulator host: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
