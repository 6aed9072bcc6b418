import type { ProfileSecrets } from '../../core/profiles/profile-input';
import type { ProfileKind } from '../../core/profiles/schema';
import { SECRET_SLOTS, type SecretField } from '../../core/profiles/secret-fields';
import type { CliIO } from '../io';
import { readSecretLines } from '../io';

/**
 * Reads the secrets a kind of profile has, one per stdin line in the core's slot order (or hidden
 * prompts on a terminal). Kinds without secrets read nothing, so stdin stays free for other uses.
 */
const LABELS: Record<SecretField, string> = {
  secretAccessKey: 'Secret access key',
  securityToken: 'Security token',
  password: 'Password',
  authToken: 'IAM token',
};

export async function readProfileSecrets(io: CliIO, kind: ProfileKind): Promise<ProfileSecrets> {
  const slots = SECRET_SLOTS[kind];
  if (slots.length === 0) return {};
  const lines = await readSecretLines(io, slots.map((s) => LABELS[s.field]));
  return Object.fromEntries(slots.map((s, i) => [s.field, lines[i] ?? ''])) as ProfileSecrets;
}

/** "access-key: line 1 secret access key; …" for help texts. */
export function stdinLinesHelp(): string {
  return (Object.keys(SECRET_SLOTS) as ProfileKind[])
    .map((kind) => {
      const slots = SECRET_SLOTS[kind];
      if (slots.length === 0) return `${kind}: nothing`;
      return `${kind}: ${slots.map((s, i) => `line ${i + 1} ${LABELS[s.field].toLowerCase()}`).join(', ')}`;
    })
    .join('; ');
}
