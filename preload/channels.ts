/**
 * Channel names of every contract operation and push event, with no schemas attached, so the sandboxed
 * preload (which only forwards calls) stays a few kilobytes. contract.ts pairs each with its schemas and
 * a unit test checks the two lists match.
 */
export const operationChannels = {
  getSnapshot: 'akvault:get-snapshot',
  setDefaultProfile: 'akvault:set-default-profile',
} as const;

export const eventChannels = {
  snapshot: 'akvault:event:snapshot',
} as const;

export type OperationName = keyof typeof operationChannels;
export type EventName = keyof typeof eventChannels;

export const onName = <K extends EventName>(name: K): `on${Capitalize<K>}` =>
  `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as `on${Capitalize<K>}`;
