/** Catalogue keys for the contract's enums, typed so a missing key fails the type check. */
import type { AuditEntryView, CopyWhat, ProfileKind } from '../../../preload/contract';
import type { MessageKey } from '../../../i18n';
import type { DisplayState } from '../lib/profiles';

export const KIND_KEYS: Record<ProfileKind, MessageKey> = {
  'access-key': 'kind.access-key',
  'temporary-key': 'kind.temporary-key',
  token: 'kind.token',
  account: 'kind.account',
  'ecs-agency': 'kind.ecs-agency',
  agency: 'kind.agency',
};

export const KIND_HINT_KEYS: Record<ProfileKind, MessageKey> = {
  'access-key': 'kind.hint.access-key',
  'temporary-key': 'kind.hint.temporary-key',
  token: 'kind.hint.token',
  account: 'kind.hint.account',
  'ecs-agency': 'kind.hint.ecs-agency',
  agency: 'kind.hint.agency',
};

export const STATE_KEYS: Record<DisplayState, MessageKey> = {
  idle: 'state.idle',
  active: 'state.active',
  refreshing: 'state.refreshing',
  failing: 'state.failing',
  expired: 'state.expired',
};

export const COPY_KEYS: Record<CopyWhat, MessageKey> = {
  'export-bash': 'copy.export-bash',
  'export-fish': 'copy.export-fish',
  'export-powershell': 'copy.export-powershell',
  koocli: 'copy.koocli',
  ak: 'copy.ak',
  sk: 'copy.sk',
  token: 'copy.token',
};

export const AUDIT_EVENT_KEYS: Record<AuditEntryView['event'], MessageKey> = {
  issued: 'audit.event.issued',
  served: 'audit.event.served',
  'session-started': 'audit.event.session-started',
  'session-stopped': 'audit.event.session-stopped',
  'refresh-failed': 'audit.event.refresh-failed',
  'alarm-raised': 'audit.event.alarm-raised',
  'alarm-cleared': 'audit.event.alarm-cleared',
};

export const CONSUMER_KEYS: Record<NonNullable<AuditEntryView['to']>['kind'], MessageKey> = {
  tray: 'audit.to.tray',
  cli: 'audit.to.cli',
  helper: 'audit.to.helper',
  ui: 'audit.to.ui',
  broker: 'audit.to.broker',
};
