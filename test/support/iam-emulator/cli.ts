import { parseArgs } from 'node:util';
import { systemClock } from '../../../main/core/clock';
import { createIamEmulator } from './server';
import { exampleSeedPath } from './seed';
import { totp } from './totp';

/**
 * `npm run emulator -- [--port N] [--seed FILE] [--clock-skew SECONDS]`: runs the IAM emulator in the foreground and prints
 * its URL with the seeded accounts, users and keys, so akvault can be tried without a cloud account.
 * The keys printed are the seed's made-up ones. `--clock-skew` runs the emulator's clock ahead (or behind,
 * negative) of this machine's: its Date header and its signature-time checks follow it (`akvault doctor`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, seed: { type: 'string' }, 'clock-skew': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('Usage: npm run emulator -- [--port N] [--seed FILE] [--clock-skew SECONDS]\nServes IAM and STS on http://127.0.0.1:N (a free port by default).');
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port must be a number from 0 to 65535');
    process.exitCode = 2;
    return;
  }

  const skewSeconds = values['clock-skew'] === undefined ? 0 : Number(values['clock-skew']);
  if (!Number.isFinite(skewSeconds)) {
    console.error('--clock-skew must be a number of seconds (negative for behind)');
    process.exitCode = 2;
    return;
  }
  const clock = skewSeconds === 0 ? systemClock : { ...systemClock, now: () => Date.now() + skewSeconds * 1000 };
  const emulator = await createIamEmulator({ seed: values.seed ?? exampleSeedPath, port, clock });
  console.log(`IAM emulator listening on ${emulator.url}`);
  console.log('Use it as both the IAM endpoint and the STS endpoint of a profile.\n');
  for (const d of emulator.seed.domains) {
    console.log(`Account ${d.name} (domain ID ${d.id})`);
    for (const u of d.users) {
      const mfa = u.totpSecret ? `, MFA secret ${u.totpSecret} (current code ${totp(u.totpSecret, Date.now())})` : '';
      console.log(`  user ${u.name} (ID ${u.id}) password ${u.password}${mfa}${u.roles.length ? `, roles: ${u.roles.join(', ')}` : ''}`);
      for (const k of u.accessKeys) console.log(`    key ${k.accessKeyId} secret ${k.secretAccessKey} (${k.status})`);
    }
    for (const a of d.agencies) console.log(`  agency ${a.name}: trusts ${a.trustedDomains.join(', ')}; max ${a.maxDurationSeconds} s`);
  }
  for (const t of emulator.seed.tokens) console.log(`Token for user ID ${t.userId}, until ${t.expiresAt}: ${t.token}`);
  console.log('\nPress Ctrl+C to stop.');

  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`The IAM emulator could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
