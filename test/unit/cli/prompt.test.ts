import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { fakeAccessKeyId } from '../../support/fake-keys';
import { makeTempDirs } from '../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

/** A stand-in terminal: records raw-mode switches, lets the test type keys. */
class FakeTty extends PassThrough {
  isRaw = false;
  rawModes: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    this.rawModes.push(mode);
    return this;
  }
}

async function addWithTerminal(keys: string[]) {
  const tty = new FakeTty();
  const secretStore = new MemorySecretStore();
  let stdout = '';
  let stderr = '';
  const running = runCli(['profile', 'add', '--name', 'p', '--access-key-id', fakeAccessKeyId()], {
    stdin: tty,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: {
      write: (s: string) => {
        stderr += s;
        // Type the next keys once the prompt is shown, as a person would.
        if (s.includes('(input hidden)')) setImmediate(() => keys.forEach((k) => tty.write(k)));
      },
    },
    env: {},
    isTTY: true,
    secretStore,
    dataDir: path.join(temp.make(), 'data'),
  });
  const code = await running;
  return { code, stdout, stderr, tty, secretStore };
}

describe('secret prompt on a terminal', () => {
  it('reads the SK without echo, handles backspace and restores the terminal', async () => {
    const sk = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
    const r = await addWithTerminal([`${sk.slice(0, 10)}X`, '\u007f', `${sk.slice(10)}\r`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Secret access key (input hidden): \n');
    expect(r.stdout).not.toContain(sk.slice(0, 10));
    expect(r.tty.rawModes).toEqual([true, false]);
    const [account] = await r.secretStore.list();
    expect(account).toMatch(/^profile:.*:sk$/);
    expect(await r.secretStore.get(account!)).toBe(sk);
  });

  it('exits 130 and stores nothing on Ctrl-C', async () => {
    const r = await addWithTerminal(['abc', '\u0003']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('akvault: cancelled.');
    expect(await r.secretStore.list()).toEqual([]);
    expect(r.tty.isRaw).toBe(false);
  });
});
