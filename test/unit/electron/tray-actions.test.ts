import { describe, expect, it, vi } from 'vitest';
import { createTrayActionHandler } from '../../../main/electron/tray-actions';
import { AkvaultError } from '../../../main/core/errors';
import type { ViewState } from '../../../main/shared/view-state';
import { fakeHandlers } from './support/fake-handlers';

function setup() {
  const handlers = fakeHandlers();
  const actions = { copy: vi.fn(async () => ({ clearsInSeconds: 45 })), openConsole: vi.fn(async () => undefined) };
  const deps = { view: { handlers, actions } as unknown as Pick<ViewState, 'handlers' | 'actions'>, showWindow: vi.fn(), hideWindow: vi.fn(), quit: vi.fn(), reportError: vi.fn() };
  return { handlers, actions, deps, run: createTrayActionHandler(deps) };
}

describe('tray actions', () => {
  it('map onto the same operations as the window, with the tray as consumer', async () => {
    const { run, handlers, actions, deps } = setup();
    await run({ type: 'set-default', profile: 'p' });
    await run({ type: 'start-session', profile: 'p' });
    await run({ type: 'stop-session', profile: 'p' });
    await run({ type: 'refresh-now', profile: 'p' });
    await run({ type: 'copy', profile: 'p', what: 'sk' });
    await run({ type: 'open-console', profile: 'p' });
    await run({ type: 'set-helper', enabled: false });
    await run({ type: 'search-profiles' });
    await run({ type: 'hide-window' });
    await run({ type: 'quit' });
    expect(handlers.setDefaultProfile).toHaveBeenCalledWith('p');
    expect(handlers.startSession).toHaveBeenCalledWith('p');
    expect(handlers.stopSession).toHaveBeenCalledWith('p');
    expect(handlers.refreshNow).toHaveBeenCalledWith('p');
    expect(actions.copy).toHaveBeenCalledWith('p', 'sk', 'tray');
    expect(actions.openConsole).toHaveBeenCalledWith('p', 'tray');
    expect(handlers.updateSettings).toHaveBeenCalledWith({ helperEnabled: false });
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    expect(deps.hideWindow).toHaveBeenCalledTimes(1);
    expect(deps.quit).toHaveBeenCalledTimes(1);
  });

  it('tells the tray which profile was used, only when the action on it succeeded', async () => {
    const { actions, deps } = setup();
    const used: string[] = [];
    const run = createTrayActionHandler({ ...deps, onProfileUsed: (p) => void used.push(p) });
    await run({ type: 'copy', profile: 'a', what: 'ak' });
    await run({ type: 'set-default', profile: 'b' });
    await run({ type: 'search-profiles' });
    await run({ type: 'set-helper', enabled: true });
    actions.copy.mockRejectedValueOnce(new AkvaultError('keychain.locked', 'The keychain is locked.'));
    await run({ type: 'copy', profile: 'c', what: 'sk' });
    expect(used).toEqual(['a', 'b']);
  });

  it('a failure becomes a notification, never an unhandled rejection', async () => {
    const { run, actions, deps } = setup();
    actions.copy.mockRejectedValueOnce(new AkvaultError('keychain.locked', 'The keychain is locked.'));
    await expect(run({ type: 'copy', profile: 'p', what: 'ak' })).resolves.toBeUndefined();
    expect(deps.reportError).toHaveBeenCalledWith('The keychain is locked.');
  });
});
