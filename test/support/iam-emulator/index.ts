/** The IAM emulator for tests and offline use: see README.md in this folder. */
export { createIamEmulator, type IamEmulator, type IamEmulatorOptions, type EmulatorCall } from './server';
export { type Fault, type RouteName } from './faults';
export { loadSeed, exampleSeedPath, type Seed, type SeedInput } from './seed';
export { totp, verifyTotp } from './totp';
