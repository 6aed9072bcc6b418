/**
 * Child process for the vault kill test: writes one new secret after another (each a separate
 * read-modify-write of the vault file) and prints `acked <account> <value>` once each write has
 * returned, until killed. The parent then checks that every acknowledged secret survived.
 *
 * Usage: node --import tsx vault-hammer.ts <dataDir> <passphrase> <round>
 */
import path from 'node:path';
import { VaultFileSecretStore } from '../../../../main/core/secrets/vault-file-store';

async function main(dataDir: string, passphrase: string, round: string): Promise<void> {
  const vault = new VaultFileSecretStore({ dir: path.join(dataDir, 'vault'), lockFile: path.join(dataDir, 'profiles.json'), scryptLogN: 10 });
  await vault.unlock(passphrase);
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    const account = `profile:r${round}-${i}:sk`;
    const value = `value-${round}-${i}-${'x'.repeat(200)}`;
    await vault.set(account, value);
    process.stdout.write(`acked ${account} ${value}\n`);
  }
}

void main(process.argv[2]!, process.argv[3]!, process.argv[4]!);
