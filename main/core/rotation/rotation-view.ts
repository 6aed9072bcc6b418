/**
 * The view of a rotation: its stage, the key IDs, what may be done next and, in plain English, where
 * it stopped and what that next step does. Built from the record alone (IDs and stages), so it cannot
 * carry a secret.
 */
import type { RotationAction, RotationRecord, RotationStage, RotationView, StepError } from './types';

const ACTIONS: Record<RotationStage, RotationAction[]> = {
  'created-not-stored': ['continue', 'abort'],
  'stored-not-verified': ['continue', 'abort'],
  'verified-not-switched': ['continue', 'abort'],
  'switched-old-active': ['continue', 'abort'],
  'old-deactivated': ['confirm-delete-old', 'abort'],
  done: [],
  'rolled-back': [],
};

function messageFor(stage: RotationStage, p: string, oldKey: string, newKey: string, oldStatus: RotationView['oldKeyStatus']): string {
  switch (stage) {
    case 'created-not-stored':
      return `New access key ${newKey} was created, but its secret key could not be stored, so it cannot be used. Profile "${p}" still uses ${oldKey}. Continue deletes the new key and creates another; Abort deletes it.`;
    case 'stored-not-verified':
      return `New access key ${newKey} is stored but has not worked yet (IAM can take a moment to accept a new key). Profile "${p}" still uses ${oldKey}. Continue tries it again; Abort deletes it.`;
    case 'verified-not-switched':
      return `New access key ${newKey} works, but profile "${p}" could not be switched to it and still uses ${oldKey}. Continue switches it; Abort deletes the new key.`;
    case 'switched-old-active':
      return `Profile "${p}" now uses ${newKey}. The old key ${oldKey} is still active: Continue deactivates it.`;
    case 'old-deactivated':
      return `Profile "${p}" now uses ${newKey}, and the old key ${oldKey} is inactive. Confirm to delete it once nothing else uses it; Abort keeps it inactive and ends the rotation.`;
    case 'done':
      return oldStatus === 'deleted'
        ? `Profile "${p}" now uses ${newKey}; the old key ${oldKey} was deleted.`
        : `Profile "${p}" now uses ${newKey}; the old key ${oldKey} was left ${oldStatus}. Delete it in the console when nothing uses it any more.`;
    case 'rolled-back':
      return `The rotation was undone: new key ${newKey} was deleted and profile "${p}" still uses ${oldKey}.`;
  }
}

export function rotationView(profile: string, record: RotationRecord, stage: RotationStage = record.stage, error?: StepError): RotationView {
  return {
    profile,
    stage,
    oldAccessKeyId: record.oldAccessKeyId,
    oldKeyStatus: record.oldKeyStatus,
    newAccessKeyId: record.newAccessKeyId,
    actions: [...ACTIONS[stage]],
    message: messageFor(stage, profile, record.oldAccessKeyId, record.newAccessKeyId, record.oldKeyStatus),
    ...(error ? { error } : {}),
    startedAt: record.startedAt,
    updatedAt: record.updatedAt,
  };
}
