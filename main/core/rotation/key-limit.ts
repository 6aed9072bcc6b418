/**
 * The checks before a rotation creates anything: the profile's key must be one of the user's keys, and
 * the user must have room for a second one (IAM allows two access keys per user and refuses a third
 * with akSkNumExceed). When there is no room, the refusal names the key to delete, never deleting it
 * on its own: the inactive one if there is one, else the one this profile does not use.
 */
import { AkvaultError } from '../errors';
import type { AccessKeyInfo } from '../iam/types';

export const MAX_KEYS_PER_USER = 2;

export function checkRoomForNewKey(profile: string, userId: string, currentAccessKeyId: string, keys: readonly AccessKeyInfo[]): void {
  if (!keys.some((k) => k.accessKeyId === currentAccessKeyId)) {
    throw new AkvaultError('validation', `Access key ${currentAccessKeyId} of profile "${profile}" is not one of the keys of IAM user ${userId}.`, {
      params: { profile, field: 'userId', userId, accessKeyId: currentAccessKeyId },
      hint: "Check the profile's user ID (the console shows it under My Credentials); nothing was changed.",
    });
  }
  if (keys.length < MAX_KEYS_PER_USER) return;
  const others = keys.filter((k) => k.accessKeyId !== currentAccessKeyId);
  const victim = others.find((k) => k.status === 'inactive') ?? others[0]!;
  const why = victim.status === 'inactive' ? 'it is inactive' : `profile "${profile}" does not use it`;
  throw new AkvaultError('iam.key-limit', `IAM user ${userId} already has ${keys.length} access keys, the most IAM allows, so a new one cannot be created. Delete ${victim.accessKeyId} first (${why}), then rotate again.`, {
    params: { profile, userId, deleteAccessKeyId: victim.accessKeyId, deleteKeyStatus: victim.status, keyCount: keys.length },
    hint: `Make sure nothing else still uses ${victim.accessKeyId} before deleting it in the console. akvault never deletes a key it was not asked to.`,
  });
}
