/**
 * A key rotation as the guided flow shows it: the six steps (created, stored, verified, switched,
 * old key deactivated, done) and the state of each, from the stage main reports. The stage names the
 * first step that has not happened yet; when the last attempt failed, that is the step that failed.
 */
import type { RotationStage, RotationView } from '../../../preload/contract';

export type RotationStep = 'created' | 'stored' | 'verified' | 'switched' | 'deactivated' | 'done';
export type StepState = 'complete' | 'failed' | 'waiting' | 'pending' | 'skipped';

export const ROTATION_STEPS: readonly RotationStep[] = ['created', 'stored', 'verified', 'switched', 'deactivated', 'done'];

/** How many steps a stage has completed. */
const COMPLETED: Record<Exclude<RotationStage, 'rolled-back'>, number> = {
  'created-not-stored': 1,
  'stored-not-verified': 2,
  'verified-not-switched': 3,
  'switched-old-active': 4,
  'old-deactivated': 5,
  done: 6,
};

export function stepStates(view: Pick<RotationView, 'stage' | 'error' | 'oldKeyStatus'>): Record<RotationStep, StepState> {
  const out = {} as Record<RotationStep, StepState>;
  if (view.stage === 'rolled-back') {
    ROTATION_STEPS.forEach((s) => (out[s] = s === 'created' ? 'complete' : 'skipped'));
    return out;
  }
  const done = COMPLETED[view.stage];
  ROTATION_STEPS.forEach((step, i) => {
    if (i < done) out[step] = 'complete';
    else if (i === done) out[step] = view.error ? 'failed' : view.stage === 'old-deactivated' ? 'waiting' : 'pending';
    else out[step] = 'pending';
  });
  // Finished early: the old key was already gone, or the rotation was ended with the old key kept.
  if (view.stage === 'done' && view.oldKeyStatus !== 'inactive' && view.oldKeyStatus !== 'deleted') out.deactivated = 'skipped';
  return out;
}

/** True when the new key is the one the profile uses (past the switch). */
export function switched(stage: RotationStage): boolean {
  return stage === 'switched-old-active' || stage === 'old-deactivated' || stage === 'done';
}
