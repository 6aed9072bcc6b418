import type { KeytarApi } from '../../../../main/core/secrets/keytar-store';

/** keytar itself, to check from the outside what the CLI left in the real keychain. */
export async function keytar(): Promise<KeytarApi> {
  const mod = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return mod.default ?? mod;
}

export async function itemsOf(service: string): Promise<Map<string, string>> {
  const k = await keytar();
  return new Map((await k.findCredentials(service)).map((c) => [c.account, c.password]));
}

/** Deletes every item of a test service (teardown). */
export async function clearService(service: string): Promise<void> {
  const k = await keytar();
  for (const { account } of await k.findCredentials(service)) await k.deletePassword(service, account);
}
