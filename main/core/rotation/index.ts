/** Key rotation of access-key profiles: see README.md in this folder. */
export { createKeyRotation, stsEndpointFor, type KeyRotation, type KeyRotationDeps, type RotationIam } from './key-rotation';
export { checkRoomForNewKey, MAX_KEYS_PER_USER } from './key-limit';
export { DEFAULT_VERIFY_POLICY, type RotationRecord, type RotationStage, type RotationView, type VerifyPolicy } from './types';
