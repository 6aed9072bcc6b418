/**
 * The commands index.ts sends down the lean path (handoff-program.ts). Its own module, free of imports,
 * so the entry point can decide before loading anything; a unit test keeps it equal to the commands
 * handoff-program registers.
 */
export const FAST_COMMANDS: ReadonlySet<string> = new Set(['env', 'exec', 'login', 'serve']);
