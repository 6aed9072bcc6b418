/**
 * What a tray click does: each menu action mapped onto the same view-state operations the window
 * uses (so the tray and the window behave alike), with the tray named as the consumer in the audit
 * log. A failure becomes a notification; a tray click has nowhere else to report to.
 */
import { toErrorView } from '../shared/dispatch';
import type { ViewState } from '../shared/view-state';
import type { TrayAction } from './tray-menu-model';

export interface TrayActionDeps {
  view: Pick<ViewState, 'handlers' | 'actions'>;
  showWindow(): void;
  hideWindow(): void;
  quit(): void;
  reportError(message: string): void;
  /** Called after an action on a profile succeeded (the tray keeps recently used profiles at hand). */
  onProfileUsed?(profile: string): void;
}

export function createTrayActionHandler(deps: TrayActionDeps): (action: TrayAction) => Promise<void> {
  const { handlers, actions } = deps.view;
  const run = async (action: TrayAction): Promise<void> => {
    switch (action.type) {
      case 'show-window':
      case 'manage-profiles':
      case 'search-profiles':
      case 'show-alarms':
        return deps.showWindow();
      case 'hide-window':
        return deps.hideWindow();
      case 'quit':
        return deps.quit();
      case 'set-default':
        await handlers.setDefaultProfile(action.profile);
        return;
      case 'start-session':
        await handlers.startSession(action.profile);
        return;
      case 'stop-session':
        await handlers.stopSession(action.profile);
        return;
      case 'refresh-now':
        await handlers.refreshNow(action.profile);
        return;
      case 'copy':
        await actions.copy(action.profile, action.what, 'tray');
        return;
      case 'open-console':
        return actions.openConsole(action.profile, 'tray');
      case 'set-helper':
        await handlers.updateSettings({ helperEnabled: action.enabled });
        return;
      case 'lock-vault':
        await handlers.vaultLock();
        return;
    }
  };
  return async (action) => {
    try {
      await run(action);
      if ('profile' in action) deps.onProfileUsed?.(action.profile);
    } catch (e) {
      deps.reportError(toErrorView(e).message);
    }
  };
}
