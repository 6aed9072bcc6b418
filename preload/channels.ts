/**
 * Channel names of every contract operation and push event, with no schemas attached, so the sandboxed
 * preloads (which only forward calls) stay a few kilobytes. contract.ts pairs each with its schemas and
 * a unit test checks the two lists match.
 */
export const operationChannels = {
  getSnapshot: 'akvault:get-snapshot',
  setDefaultProfile: 'akvault:set-default-profile',
  startSession: 'akvault:start-session',
  stopSession: 'akvault:stop-session',
  refreshNow: 'akvault:refresh-now',
  copyToClipboard: 'akvault:copy-to-clipboard',
  openConsole: 'akvault:open-console',
  addProfile: 'akvault:add-profile',
  updateProfile: 'akvault:update-profile',
  removeProfile: 'akvault:remove-profile',
  importCsvPreview: 'akvault:import-csv-preview',
  importCsv: 'akvault:import-csv',
  updateSettings: 'akvault:update-settings',
  getAuditLog: 'akvault:get-audit-log',
  getAlarmHistory: 'akvault:get-alarm-history',
  setLocale: 'akvault:set-locale',
  mfaPending: 'akvault:mfa-pending',
  mfaSubmit: 'akvault:mfa-submit',
  mfaCancel: 'akvault:mfa-cancel',
  rotationStatus: 'akvault:rotation-status',
  rotationStart: 'akvault:rotation-start',
  rotationContinue: 'akvault:rotation-continue',
  rotationAbort: 'akvault:rotation-abort',
  getDiagnostics: 'akvault:get-diagnostics',
  vaultCreate: 'akvault:vault-create',
  vaultUnlock: 'akvault:vault-unlock',
  vaultLock: 'akvault:vault-lock',
} as const;

export const eventChannels = {
  snapshot: 'akvault:event:snapshot',
  mfaRequest: 'akvault:event:mfa-request',
} as const;

export type OperationName = keyof typeof operationChannels;
export type EventName = keyof typeof eventChannels;

/**
 * What the MFA prompt window may do: read the pending request, answer it, cancel it, and hear about
 * the next one. Its preload exposes only these, and main refuses anything else from that window.
 */
export const mfaOperationNames = ['mfaPending', 'mfaSubmit', 'mfaCancel'] as const satisfies readonly OperationName[];
export const mfaEventNames = ['mfaRequest'] as const satisfies readonly EventName[];
export type MfaOperationName = (typeof mfaOperationNames)[number];
export type MfaEventName = (typeof mfaEventNames)[number];

export const onName = <K extends EventName>(name: K): `on${Capitalize<K>}` =>
  `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as `on${Capitalize<K>}`;
