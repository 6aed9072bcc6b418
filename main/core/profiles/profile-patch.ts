import { validationError } from './input-checks';
import type { ProfileInput } from './profile-input';
import type { Profile } from './schema';

/**
 * An edit of a stored profile: a field left out (or undefined) keeps its value, `null` removes an
 * optional field, anything else replaces it. `toolFiles` is merged flag by flag, so switching one
 * writer on leaves the others as they were. The kind, id and timestamps cannot be edited.
 */
export type ProfilePatch = { name?: string } & {
  [K in Exclude<keyof ProfileInput, 'name' | 'kind'>]?: ProfileInput[K] | null;
};

const NOT_EDITABLE = new Set(['id', 'createdAt', 'updatedAt']);

/** The stored profile with the patch applied, as input for prepareProfile to check again in full. */
export function applyPatch(profile: Profile, patch: ProfilePatch): ProfileInput {
  const problems: string[] = [];
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...stored } = profile;
  const input: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (key === 'kind') {
      if (value !== profile.kind) problems.push(`kind: a profile's kind cannot change (it is ${profile.kind}); add a new profile and remove this one instead`);
    } else if (NOT_EDITABLE.has(key)) {
      problems.push(`${key}: set by akvault, it cannot be edited`);
    } else if (key === 'toolFiles' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      input.toolFiles = { ...(profile.toolFiles ?? {}), ...(value as object) };
    } else if (value === null) {
      delete input[key];
    } else {
      input[key] = value;
    }
  }
  if (problems.length > 0) throw validationError(problems);
  return input as unknown as ProfileInput;
}
