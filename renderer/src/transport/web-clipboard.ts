/**
 * The browser UI's clipboard. `akvault serve` has no desktop clipboard to write, so the answer to the
 * user's copy action carries the text (the contract's one documented exception) and this puts it on
 * the clipboard with navigator.clipboard, then takes it off again after the configured time — the
 * desktop app's rule, as far as a browser allows:
 * - it clears only while the clipboard still holds what we copied, when the browser lets the page read
 *   the clipboard without asking (permission already granted); it compares SHA-256 digests under a
 *   random per-page salt, so the text itself is not kept while the timer runs;
 * - where the page may not read it, it clears anyway: a secret key left on the clipboard is the worse
 *   failure than a cleared clipboard;
 * - a browser lets a page write the clipboard only while it has focus: a clear that is refused then is
 *   retried the next time the page gets focus.
 * Best effort by nature: a closed tab clears nothing.
 */

export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText?(): Promise<string>;
}

export interface WebClipboardDeps {
  clipboard?: ClipboardLike;
  /** Whether the page may read the clipboard without a prompt. */
  canRead?: () => Promise<boolean>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Registers a one-shot "page has focus again" callback. */
  onFocus?: (fn: () => void) => void;
}

export interface WebClipboard {
  /** Writes `text` and schedules the clear; rejects when the browser refuses the write. */
  copy(text: string, clearAfterSeconds: number): Promise<void>;
  /** Clears now if (as far as we can tell) the clipboard still holds our copy. */
  clearNow(): Promise<void>;
}

let salt: Uint8Array | null = null;

async function fingerprint(text: string): Promise<string | null> {
  if (!crypto.subtle) return null;
  salt ??= crypto.getRandomValues(new Uint8Array(16));
  const data = new Uint8Array([...salt, ...new TextEncoder().encode(text)]);
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readPermissionGranted(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
    return status.state === 'granted';
  } catch {
    return false; // not a permission this browser knows (Firefox, Safari)
  }
}

export function createWebClipboard(deps: WebClipboardDeps = {}): WebClipboard {
  const clipboard = deps.clipboard ?? navigator.clipboard;
  const canRead = deps.canRead ?? readPermissionGranted;
  const setTimer = deps.setTimer ?? ((fn, ms) => window.setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => window.clearTimeout(h as number));
  const onFocus = deps.onFocus ?? ((fn) => window.addEventListener('focus', fn, { once: true }));

  /** What we copied last and have not cleared: its digest, null when no digest could be made, undefined when nothing is waiting. */
  let ours: string | null | undefined;
  let timer: unknown = null;

  const stillOurs = async (): Promise<boolean> => {
    if (ours === undefined) return false;
    if (ours === null || !clipboard.readText || !(await canRead())) return true;
    try {
      return (await fingerprint(await clipboard.readText())) === ours;
    } catch {
      return true;
    }
  };

  const clearNow = async (): Promise<void> => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!(await stillOurs())) {
      ours = undefined;
      return;
    }
    try {
      await clipboard.writeText('');
      ours = undefined;
    } catch {
      onFocus(() => void clearNow());
    }
  };

  return {
    async copy(text, clearAfterSeconds) {
      await clipboard.writeText(text);
      ours = await fingerprint(text).catch(() => null);
      if (timer !== null) clearTimer(timer);
      timer = setTimer(() => void clearNow(), Math.max(1, clearAfterSeconds) * 1000);
    },
    clearNow,
  };
}

let shared: WebClipboard | null = null;

/** The page's one clipboard guard (made on first use, so importing this touches no browser API). */
export function webClipboard(): WebClipboard {
  shared ??= createWebClipboard();
  return shared;
}
