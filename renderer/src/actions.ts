/**
 * What a person can do to a profile, as one call to main each, with the outcome as a toast. Main
 * pushes the resulting state (a new snapshot); nothing here updates the store optimistically.
 */
import type { CopyWhat } from '../../preload/contract';
import { api } from './api';
import { errorViewOf } from './lib/errors';
import { appStore } from './store';
import type { ToastMessage } from './store';

const toast = (tone: 'info' | 'success' | 'error', message: ToastMessage, clearsAt?: number) =>
  appStore.getState().pushToast({ tone, message, ...(clearsAt ? { clearsAt } : {}) });

export const failed = (e: unknown) => toast('error', { error: errorViewOf(e) });

async function run(task: () => Promise<unknown>, done?: ToastMessage): Promise<boolean> {
  try {
    await task();
    if (done) toast('success', done);
    return true;
  } catch (e) {
    failed(e);
    return false;
  }
}

export const startSession = (profile: string) => run(() => api().startSession(profile), { key: 'toast.sessionStarted', params: { profile } });
export const stopSession = (profile: string) => run(() => api().stopSession(profile), { key: 'toast.sessionStopped', params: { profile } });
export const refreshNow = (profile: string) => run(() => api().refreshNow(profile), { key: 'toast.refreshed', params: { profile } });
export const setDefaultProfile = (profile: string | null) =>
  run(() => api().setDefaultProfile(profile), profile ? { key: 'toast.defaultSet', params: { profile } } : { key: 'toast.defaultCleared' });
export const openConsole = (profile: string) => run(() => api().openConsole(profile), { key: 'toast.consoleOpened', params: { profile } });

/** Main puts the value on the clipboard (the page never sees it) and clears it after N seconds. */
export async function copy(profile: string, what: CopyWhat): Promise<boolean> {
  try {
    const { clearsInSeconds } = await api().copyToClipboard(profile, what);
    toast('success', { key: 'toast.copied', params: { profile, what } }, clearsInSeconds > 0 ? Date.now() + clearsInSeconds * 1000 : undefined);
    return true;
  } catch (e) {
    failed(e);
    return false;
  }
}
