import { AkvaultError } from '../errors';
import { CURRENT_SCHEMA_VERSION } from './schema';

/**
 * Upgrades an older profiles file in memory, one version at a time. The upgraded document is written
 * only by the next change (and the store keeps the old file as profiles.json.bak then), so reading an
 * old file never changes it.
 *
 * UPGRADES[n] turns a version-n document into a version-(n+1) document. Version 1 is the first, so the
 * table is empty today; a schema change adds an entry here and bumps CURRENT_SCHEMA_VERSION.
 */
export type JsonObject = Record<string, unknown>;
export type Upgrade = (doc: JsonObject) => JsonObject;

export const UPGRADES: Readonly<Record<number, Upgrade>> = {};

export interface MigrateOptions {
  /** Named in errors. */
  file: string;
  upgrades?: Readonly<Record<number, Upgrade>>;
  current?: number;
}

export function migrate(doc: unknown, opts: MigrateOptions): { doc: JsonObject; fromVersion: number } {
  const upgrades = opts.upgrades ?? UPGRADES;
  const current = opts.current ?? CURRENT_SCHEMA_VERSION;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw corrupt(opts.file, 'does not hold a JSON object');
  }
  const version = (doc as JsonObject).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw corrupt(opts.file, 'has no valid "schemaVersion" (expected a positive whole number)');
  }
  if (version > current) {
    throw new AkvaultError(
      'store.unsupported-version',
      `${opts.file} was written by a newer akvault (schema version ${version}; this version reads up to ${current}).`,
      { params: { file: opts.file, version, supported: current }, hint: 'Upgrade akvault. The file was left untouched.' },
    );
  }
  let upgraded = doc as JsonObject;
  for (let v = version; v < current; v++) {
    const step = upgrades[v];
    if (!step) {
      throw new AkvaultError('internal', `No upgrade from profiles schema version ${v} to ${v + 1}.`, { params: { file: opts.file, version: v } });
    }
    upgraded = { ...step(upgraded), schemaVersion: v + 1 };
  }
  return { doc: upgraded, fromVersion: version };
}

function corrupt(file: string, problem: string): AkvaultError {
  return new AkvaultError('store.corrupt', `${file} ${problem}.`, { params: { file, problem } });
}
