/**
 * Shapes of a key rotation: the stages it passes, the record kept on disk between steps (IDs and
 * stages only, never a secret), and the view the front ends show.
 */
import type { ErrorParams } from '../errors';

/**
 * Where a rotation stopped. Each name says what is true at that point:
 * - created-not-stored: IAM made the new key, but its SK could not be kept (it is lost);
 * - stored-not-verified: the new SK is in the keychain (pending account), a signed call has not worked yet;
 * - verified-not-switched: the new key works; the profile still uses the old one;
 * - switched-old-active: the profile uses the new key; the old key is still active in IAM;
 * - old-deactivated: the old key is inactive, waiting for the user's word to delete it.
 */
export const IN_PROGRESS_STAGES = ['created-not-stored', 'stored-not-verified', 'verified-not-switched', 'switched-old-active', 'old-deactivated'] as const;
export type InProgressStage = (typeof IN_PROGRESS_STAGES)[number];
/** done: the old key was deleted (or the rotation ended after the switch); rolled-back: the new key was deleted. */
export type RotationStage = InProgressStage | 'done' | 'rolled-back';

export type OldKeyStatus = 'active' | 'inactive' | 'deleted';

export interface StepError {
  code: string;
  message: string;
  hint?: string;
  params: ErrorParams;
}

/** What rotations.json keeps per profile between steps (and across restarts). */
export interface RotationRecord {
  /** By id: a rename during the rotation must not lose it. */
  profileId: string;
  userId: string;
  oldAccessKeyId: string;
  newAccessKeyId: string;
  stage: InProgressStage;
  oldKeyStatus: OldKeyStatus;
  startedAt: string;
  updatedAt: string;
  /** Why the last step stopped (an AkvaultError's own fields, which never hold a secret). */
  lastError?: StepError;
}

export type RotationAction = 'continue' | 'confirm-delete-old' | 'abort';

export interface RotationView {
  profile: string;
  stage: RotationStage;
  oldAccessKeyId: string;
  oldKeyStatus: OldKeyStatus;
  newAccessKeyId?: string;
  actions: RotationAction[];
  message: string;
  error?: StepError;
  startedAt: string;
  updatedAt: string;
}

export interface VerifyPolicy {
  /**
   * Signed calls tried before giving up. Kept under the gateway's lock-out threshold (5 refusals in a
   * row lock an AK for 5 minutes), so one round of verification never locks a key IAM is still propagating.
   */
  attempts: number;
  /** Waits between attempts (the last value repeats): IAM may take a few seconds to accept a new key. */
  delaysMs: number[];
}

/** About 10 s in all; a Continue later gets two more tries before the gateway's count of five is reached. */
export const DEFAULT_VERIFY_POLICY: VerifyPolicy = { attempts: 3, delaysMs: [3_000, 6_000] };
