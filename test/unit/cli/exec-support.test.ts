import { describe, expect, it } from 'vitest';
import { childEnv, serverVars, withLoopbackNoProxy } from '../../../main/cli/child-env';
import { execCommandLabel, splitExecOperands } from '../../../main/cli/exec-args';
import { exitCodeForSignal, FORWARDED_SIGNALS, isQuietSignal } from '../../../main/cli/signals';
import { HANDOFF_VARIABLE_NAMES } from '../../../main/core/handoff/env-vars';
import { isAkvaultError } from '../../../main/core/errors';

/** What commander hands the action: the operands before `--`, then everything after it. */
function split(raw: string[], optionWords: string[] = []) {
  const dd = raw.indexOf('--');
  const before = (dd === -1 ? raw : raw.slice(0, dd)).filter((w) => w !== 'exec' && !optionWords.includes(w));
  const after = dd === -1 ? [] : raw.slice(dd + 1);
  return splitExecOperands([...before, ...after], raw);
}

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAkvaultError(e) && e.code === 'usage') return e.message;
    throw e;
  }
  throw new Error('expected a usage error');
}

describe('exec arguments', () => {
  it('takes the profile before `--` and the command after it', () => {
    expect(split(['exec', 'prod', '--', 'terraform', 'plan', '-out', 'x'])).toEqual({ profile: 'prod', command: ['terraform', 'plan', '-out', 'x'] });
  });

  it('uses the default profile when nothing comes before `--`, even if the command looks like a profile', () => {
    expect(split(['exec', '--', 'prod', 'deploy'])).toEqual({ profile: null, command: ['prod', 'deploy'] });
  });

  it('keeps a second `--` and option-like words as the command’s own arguments', () => {
    expect(split(['exec', '--server', 'p', '--', 'npm', 'run', 'x', '--', '--server'], ['--server'])).toEqual({
      profile: 'p',
      command: ['npm', 'run', 'x', '--', '--server'],
    });
  });

  it('refuses a missing `--`, an empty command and two profiles', () => {
    expect(usageError(() => split(['exec', 'prod', 'ls']))).toMatch(/Put `--` before the command/);
    expect(usageError(() => split(['exec', 'prod', '--']))).toMatch(/No command after/);
    expect(usageError(() => split(['exec', 'a', 'b', '--', 'ls']))).toMatch(/Only one profile/);
  });

  it('labels the audit entry with the program name only, never its arguments', () => {
    expect(execCommandLabel(['/usr/local/bin/terraform', 'apply', '-var', 'password=hunter2'])).toBe('exec terraform');
    expect(execCommandLabel(['odd\nname'])).toBe('exec odd?name');
  });
});

describe('signals', () => {
  it('maps a signal death to 128 + its number, as shells do', () => {
    expect(exitCodeForSignal('SIGINT')).toBe(130);
    expect(exitCodeForSignal('SIGTERM')).toBe(143);
    expect(exitCodeForSignal('SIGKILL')).toBe(137);
    expect(exitCodeForSignal('SIGHUP')).toBe(129);
    expect(exitCodeForSignal('SIGNOPE')).toBe(1);
  });

  it('forwards the termination signals but not the debugger or resize signals', () => {
    expect(FORWARDED_SIGNALS).toEqual(expect.arrayContaining(['SIGINT', 'SIGTERM', 'SIGHUP']));
    expect(FORWARDED_SIGNALS).not.toContain('SIGUSR1');
    expect(FORWARDED_SIGNALS).not.toContain('SIGWINCH');
    expect(isQuietSignal('SIGINT')).toBe(true);
    expect(isQuietSignal('SIGTERM')).toBe(false);
  });
});

const TEMP = {
  accessKeyId: 'AKTEMP0000000000001',
  secretAccessKey: 'SK-secret-value-0123456789',
  securityToken: 'ST-secret-token-0123456789',
  expiresAt: '2030-01-01T00:00:00.000Z',
  region: 'cn-north-4',
  projectId: 'p1',
  domainId: 'd1',
  iamEndpoint: 'https://iam.example.test',
};

const LOOPBACK = '127.0.0.1,localhost,::1';

describe('the child environment', () => {
  it('adds loopback to NO_PROXY and no_proxy after what the parent had, keeping HTTP_PROXY', () => {
    const env = childEnv({ HTTP_PROXY: 'http://proxy:3128', NO_PROXY: '.corp.example, 10.0.0.0/8', no_proxy: 'intranet' }, [], 'linux');
    expect(env.HTTP_PROXY).toBe('http://proxy:3128');
    expect(env.NO_PROXY).toBe('.corp.example,10.0.0.0/8,127.0.0.1,localhost,::1');
    expect(env.no_proxy).toBe('intranet,127.0.0.1,localhost,::1');
  });

  it("starts an unset spelling from the other one's value, so Python's no_proxy-first lookup keeps the user's exceptions", () => {
    expect(withLoopbackNoProxy({ NO_PROXY: '.corp.example' }, 'linux')).toEqual({ NO_PROXY: '.corp.example,127.0.0.1,localhost,::1', no_proxy: '.corp.example,127.0.0.1,localhost,::1' });
    expect(withLoopbackNoProxy({ no_proxy: 'a' }, 'linux')).toEqual({ NO_PROXY: 'a,127.0.0.1,localhost,::1', no_proxy: 'a,127.0.0.1,localhost,::1' });
  });

  it('does not repeat hosts the parent already listed', () => {
    expect(withLoopbackNoProxy({ NO_PROXY: 'LOCALHOST,127.0.0.1', no_proxy: '*' }, 'linux')).toEqual({ NO_PROXY: 'LOCALHOST,127.0.0.1,::1', no_proxy: '*,127.0.0.1,localhost,::1' });
  });

  it('keeps one variable on Windows, whatever spelling the parent used', () => {
    expect(withLoopbackNoProxy({ No_Proxy: 'corp' }, 'win32')).toEqual({ NO_PROXY: 'corp,127.0.0.1,localhost,::1' });
  });

  it('drops every stale akvault variable and outer pod-identity endpoint, keeps the rest', () => {
    const parent: NodeJS.ProcessEnv = { PATH: '/bin', HOME: '/h', HC_CONTAINER_CREDENTIALS_FULL_URI: 'http://old', HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/old' };
    for (const n of HANDOFF_VARIABLE_NAMES) parent[n] = `stale-${n}`;
    const env = childEnv(parent, [{ name: 'HUAWEICLOUD_SDK_AK', value: 'NEWAK' }], 'linux');
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', HUAWEICLOUD_SDK_AK: 'NEWAK', NO_PROXY: LOOPBACK, no_proxy: LOOPBACK });
  });

  it('matches names without regard to case on Windows only', () => {
    expect(childEnv({ huaweicloud_sdk_sk: 'old' }, [], 'win32')).toEqual({ NO_PROXY: LOOPBACK });
    expect(childEnv({ huaweicloud_sdk_sk: 'other' }, [], 'linux')).toEqual({ huaweicloud_sdk_sk: 'other', NO_PROXY: LOOPBACK, no_proxy: LOOPBACK });
  });

  it('--server: the endpoint and the non-secret variables, never keys (they would win in the SDK chain)', () => {
    const vars = serverVars('prod', TEMP, 'http://127.0.0.1:1/v1/pod-identity/x', '/tmp/d/token');
    const byName = Object.fromEntries(vars.map((v) => [v.name, v.value]));
    expect(byName).toEqual({
      HUAWEICLOUD_SDK_PROJECT_ID: 'p1',
      HUAWEICLOUD_SDK_DOMAIN_ID: 'd1',
      HUAWEICLOUD_SDK_IAM_ENDPOINT: 'https://iam.example.test',
      HW_REGION_NAME: 'cn-north-4',
      HW_PROJECT_ID: 'p1',
      HW_DOMAIN_ID: 'd1',
      AKVAULT_PROFILE: 'prod',
      HC_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/v1/pod-identity/x',
      HC_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/tmp/d/token',
    });
    expect(JSON.stringify(vars)).not.toMatch(/SK-secret|ST-secret|AKTEMP/);
  });
});
