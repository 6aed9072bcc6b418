import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../main/cli/io';
import { terminalMfaPrompt } from '../../../main/cli/mfa-prompt';

/** A stand-in terminal the test types into once a prompt is shown. */
class FakeTty extends PassThrough {
  isRaw = false;
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }
}

function setup(opts: { stdinIsTty: boolean; typed?: string[][]; terminal?: 'none' | 'fake' }) {
  const typed = [...(opts.typed ?? [])];
  const tty = new FakeTty();
  let destroyed = 0;
  let stderr = '';
  let stdout = '';
  const io: CliIO = {
    stdin: opts.stdinIsTty ? tty : new PassThrough(),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: {
      write: (s: string) => {
        stderr += s;
        if (s.includes('(input hidden)')) {
          const keys = typed.shift() ?? [];
          setImmediate(() => keys.forEach((k) => tty.write(k)));
        }
      },
    },
    env: {},
    isTTY: opts.stdinIsTty,
  };
  const prompt = terminalMfaPrompt(io, {
    openTerminal: () => (opts.terminal === 'fake' ? { stream: tty as unknown as NodeJS.ReadStream, done: () => void destroyed++ } : null),
  });
  return { prompt, out: () => ({ stderr, stdout }), tty, destroyedCount: () => destroyed };
}

const REQ = { profile: 'prod', account: 'acme', userName: 'alice' };

describe('terminal MFA prompt', () => {
  it('reads the code hidden from stdin when it is a terminal, asks on stderr only, restores the mode', async () => {
    const s = setup({ stdinIsTty: true, typed: [['12', '3456\r']] });
    expect(await s.prompt(REQ)).toBe('123456');
    expect(s.out().stdout).toBe('');
    expect(s.out().stderr).toContain('"prod" signs in as alice (account acme) with MFA');
    expect(s.out().stderr).not.toContain('123456');
    expect(s.tty.isRaw).toBe(false);
  });

  it('uses the controlling terminal when stdin is a pipe, and closes it afterwards', async () => {
    const s = setup({ stdinIsTty: false, terminal: 'fake', typed: [['654321\n']] });
    expect(await s.prompt(REQ)).toBe('654321');
    expect(s.destroyedCount()).toBe(1);
  });

  it('without any terminal fails with a hint to run akvault serve or the app', async () => {
    const s = setup({ stdinIsTty: false, terminal: 'none' });
    await expect(s.prompt(REQ)).rejects.toMatchObject({ code: 'session.mfa-cancelled', hint: expect.stringContaining('akvault serve') });
  });

  it('asks again for something that is not 6 digits, and gives up after three tries', async () => {
    const ok = setup({ stdinIsTty: true, typed: [['12ab\r'], ['000111\r']] });
    expect(await ok.prompt(REQ)).toBe('000111');
    expect(ok.out().stderr).toContain('the 6 digits');
    const bad = setup({ stdinIsTty: true, typed: [['1\r'], ['2\r'], ['3\r']] });
    expect(await bad.prompt(REQ)).toBeNull();
  });

  it('Ctrl-C cancels (null: the broker reports it), and prompts run one at a time', async () => {
    const s = setup({ stdinIsTty: true, typed: [['\u0003'], ['222222\r']] });
    const [first, second] = await Promise.all([s.prompt(REQ), s.prompt({ ...REQ, profile: 'other' })]);
    expect(first).toBeNull();
    expect(second).toBe('222222');
    expect(s.out().stderr.indexOf('"other"')).toBeGreaterThan(s.out().stderr.indexOf('"prod"'));
  });
});
