import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, concealedFormats, electronClipboardBackend, type ClipboardBackend } from '../../../main/electron/clipboard';

const SECRET = 'Fq3pL9sV0xT7yW2zA5bC8dE1gH4jK6mN9pQ2rS5u';

/** A system clipboard in memory: what is on it, and how often it was cleared. */
function fakeClipboard() {
  const board = { text: '', clears: 0, writes: 0 };
  const backend: ClipboardBackend = {
    write: vi.fn(async (text: string) => {
      board.text = text;
      board.writes++;
    }),
    readText: vi.fn(async () => board.text),
    clear: vi.fn(async () => {
      board.text = '';
      board.clears++;
    }),
  };
  return { board, backend };
}

describe('clipboard guard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('clears the secret after the configured time (default 45 s) while it is still ours', async () => {
    const { board, backend } = fakeClipboard();
    const guard = new ClipboardGuard(backend, () => 45);
    await expect(guard.copySecret(SECRET)).resolves.toEqual({ clearsInSeconds: 45 });
    expect(board.text).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(44_999);
    expect(board.text).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(1);
    expect(board.text).toBe('');
    expect(board.clears).toBe(1);
    expect(guard.armed).toBe(false);
  });

  it('leaves alone what the user copied since', async () => {
    const { board, backend } = fakeClipboard();
    const guard = new ClipboardGuard(backend, () => 45);
    await guard.copySecret(SECRET);
    board.text = 'a shopping list';
    await vi.advanceTimersByTimeAsync(45_000);
    expect(board.text).toBe('a shopping list');
    expect(board.clears).toBe(0);
  });

  it('follows the setting at copy time', async () => {
    const { board, backend } = fakeClipboard();
    let seconds = 10;
    const guard = new ClipboardGuard(backend, () => seconds);
    await guard.copySecret(SECRET);
    seconds = 300;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(board.text).toBe('');
  });

  it('a second copy restarts the clock and only the newest value is cleared', async () => {
    const { board, backend } = fakeClipboard();
    const guard = new ClipboardGuard(backend, () => 45);
    await guard.copySecret('first-secret-value');
    await vi.advanceTimersByTimeAsync(30_000);
    await guard.copySecret(SECRET);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(board.text).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(board.text).toBe('');
    expect(board.clears).toBe(1);
  });

  it('clears on quit (and on lock/suspend, which call the same method) — once, and only if still ours', async () => {
    const { board, backend } = fakeClipboard();
    const guard = new ClipboardGuard(backend, () => 45);
    await guard.copySecret(SECRET);
    await expect(guard.clearIfOurs()).resolves.toBe(true);
    expect(board.text).toBe('');
    await expect(guard.clearIfOurs()).resolves.toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(board.clears).toBe(1);

    await guard.copySecret(SECRET);
    board.text = 'something else';
    await expect(guard.clearIfOurs()).resolves.toBe(false);
    expect(board.text).toBe('something else');
  });

  it('does nothing when nothing was copied, and survives an unreadable clipboard', async () => {
    const { board, backend } = fakeClipboard();
    const guard = new ClipboardGuard(backend, () => 45);
    await expect(guard.clearIfOurs()).resolves.toBe(false);
    await guard.copySecret(SECRET);
    vi.mocked(backend.readText).mockRejectedValueOnce(new Error('no display'));
    await expect(guard.clearIfOurs()).resolves.toBe(false);
    expect(board.clears).toBe(0);
  });

  it('never stores the plain value (nor a plain hash of it)', async () => {
    const { backend } = fakeClipboard();
    const guard = new ClipboardGuard(backend, () => 45);
    await guard.copySecret(SECRET);
    // Everything the guard holds, except the fake backend (which plays the system clipboard).
    const { backend: _b, ...state } = guard as unknown as Record<string, unknown>;
    const dump = inspect(state, { depth: Infinity, showHidden: true, maxArrayLength: Infinity, maxStringLength: Infinity });
    const { createHash } = await import('node:crypto');
    for (const form of [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex'), createHash('sha256').update(SECRET).digest('hex')]) {
      expect(dump).not.toContain(form);
    }
    const bytes = Object.values(state).filter(Buffer.isBuffer) as Buffer[];
    expect(bytes.length).toBeGreaterThan(0);
    for (const b of bytes) expect(b.includes(Buffer.from(SECRET))).toBe(false);
    guard.dispose();
  });
});

describe('concealed clipboard formats', () => {
  it('marks the entry for each OS', () => {
    expect(Object.keys(concealedFormats('darwin'))).toEqual(['electron application/osclipboard;format="org.nspasteboard.ConcealedType"']);
    expect(concealedFormats('linux')).toEqual({ 'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret' });
    expect(Object.keys(concealedFormats('win32'))).toEqual([
      'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"',
      'electron application/osclipboard;format="CanIncludeInClipboardHistory"',
      'electron application/osclipboard;format="CanUploadToCloudClipboard"',
    ]);
  });

  it('writes text plus the hints in one item, to the clipboard only (never the PRIMARY selection)', async () => {
    const written: Array<Record<string, unknown>> = [];
    class FakeItem {
      constructor(readonly items: Record<string, unknown>) {
        written.push(items);
      }
    }
    const selection = { write: vi.fn(), writeText: vi.fn() };
    const clipboard = { write: vi.fn(async () => undefined), writeText: vi.fn(), readText: vi.fn(async () => ''), clear: vi.fn(), selection };
    const backend = electronClipboardBackend(clipboard as never, FakeItem as never, 'linux');
    await backend.write(SECRET);
    expect(clipboard.write).toHaveBeenCalledTimes(1);
    expect(written[0]).toEqual({ 'text/plain': SECRET, 'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret' });
    expect(selection.write).not.toHaveBeenCalled();
    expect(selection.writeText).not.toHaveBeenCalled();
  });

  it('falls back to plain text when the desktop refuses the hint formats', async () => {
    class FakeItem {
      constructor(readonly items: Record<string, unknown>) {}
    }
    const clipboard = { write: vi.fn(async () => Promise.reject(new Error('unsupported format'))), writeText: vi.fn(async () => undefined), readText: vi.fn(), clear: vi.fn() };
    await electronClipboardBackend(clipboard as never, FakeItem as never, 'win32').write(SECRET);
    expect(clipboard.writeText).toHaveBeenCalledWith(SECRET);
  });
});
