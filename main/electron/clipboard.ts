/**
 * Secrets on the clipboard, done by main (password-manager practice, KeePassXC and pass):
 * - written with the "concealed" hints clipboard managers and history honour, to CLIPBOARD only (the
 *   Linux PRIMARY selection is never written, so a middle click cannot paste a key);
 * - cleared after the configured time (default 45 s), on quit, and on suspend / screen lock — but only
 *   while the clipboard still holds what we put there: something the user copied since is left alone;
 * - remembered as an HMAC under a random per-run key, never as the value, so a heap dump taken later
 *   does not hold the secret and the digest cannot be checked against guesses offline without the key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clipboard, ClipboardItem } from 'electron';
import type { SecretClipboard } from '../shared/ports';

export interface ClipboardBackend {
  /** Writes text (concealed where the platform allows) to the system clipboard. */
  write(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

export class ClipboardGuard implements SecretClipboard {
  // Plain (not #private) fields on purpose: a test inspects the whole object to prove no value is kept.
  private readonly key = randomBytes(32);
  private digest: Buffer | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly backend: ClipboardBackend,
    private readonly clearAfterSeconds: () => number,
  ) {}

  async copySecret(text: string): Promise<{ clearsInSeconds: number }> {
    await this.backend.write(text);
    this.digest = this.mac(text);
    const seconds = this.clearAfterSeconds();
    this.cancelTimer();
    this.timer = setTimeout(() => void this.clearIfOurs(), seconds * 1000);
    this.timer.unref?.();
    return { clearsInSeconds: seconds };
  }

  /** True while a secret we copied may still be on the clipboard. */
  get armed(): boolean {
    return this.digest !== null;
  }

  /** Clears the clipboard if it still holds the last secret we copied. Returns whether it did. */
  async clearIfOurs(): Promise<boolean> {
    const digest = this.digest;
    this.cancelTimer();
    if (!digest) return false;
    this.digest = null;
    let current: string;
    try {
      current = await this.backend.readText();
    } catch {
      return false;
    }
    if (!timingSafeEqual(this.mac(current), digest)) return false;
    await this.backend.clear();
    return true;
  }

  dispose(): void {
    this.cancelTimer();
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.key).update(text, 'utf8').digest();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Electron's name for a raw platform clipboard format. */
const osFormat = (name: string) => `electron application/osclipboard;format="${name}"`;

/**
 * The formats that tell clipboard managers and history to skip an entry:
 * - macOS: org.nspasteboard.ConcealedType (nspasteboard.org);
 * - Linux: x-kde-passwordManagerHint = "secret" (Klipper and others);
 * - Windows: ExcludeClipboardContentFromMonitorProcessing, and CanIncludeInClipboardHistory /
 *   CanUploadToCloudClipboard set to a DWORD 0 (keeps it out of Win+V history and cloud sync).
 */
export function concealedFormats(platform: NodeJS.Platform): Record<string, string | Blob> {
  switch (platform) {
    case 'darwin':
      return { [osFormat('org.nspasteboard.ConcealedType')]: '' };
    case 'win32': {
      const dwordZero = () => new Blob([new Uint8Array(4)]);
      return {
        [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: '',
        [osFormat('CanIncludeInClipboardHistory')]: dwordZero(),
        [osFormat('CanUploadToCloudClipboard')]: dwordZero(),
      };
    }
    default:
      return { [osFormat('x-kde-passwordManagerHint')]: 'secret' };
  }
}

type ClipboardItemCtor = new (items: Record<string, string | Blob>) => ClipboardItem;

/** The backend over Electron's W3C-shaped clipboard (Electron 44+: promises, ClipboardItem). */
export function electronClipboardBackend(clipboard: Clipboard, ClipboardItemClass: ClipboardItemCtor, platform: NodeJS.Platform): ClipboardBackend {
  return {
    async write(text) {
      try {
        await clipboard.write([new ClipboardItemClass({ 'text/plain': text, ...concealedFormats(platform) })]);
      } catch {
        // A desktop that refuses the hint formats still gets the text: the timed clear protects it.
        await clipboard.writeText(text);
      }
    },
    readText: () => clipboard.readText(),
    clear: async () => clipboard.clear(),
  };
}
