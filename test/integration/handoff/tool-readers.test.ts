/**
 * What akvault writes, read back by the tools' own readers: the Huawei Cloud Node SDK reading the
 * environment a shell snippet set up, Python's configparser reading the SDK credentials file, and
 * python-dotenv reading a dotenv snippet. Readers that are not installed are skipped with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envFor } from '../../../main/core/handoff/env-vars';
import { snippet } from '../../../main/core/handoff/snippets';
import { sdkCredentialsFileWriter } from '../../../main/core/handoff/tool-files/sdk-credentials-file';
import { PERMANENT, TEMPORARY } from '../../unit/handoff/fixtures';
import { NASTY_VALUES } from '../../unit/handoff/nasty';
import { run, which } from './shells';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-readers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const python = which('python3');
const pythonHas = (module: string) => {
  if (!python) return false;
  try {
    execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const sdkCore = (() => {
  try {
    return createRequire(import.meta.url).resolve('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js');
  } catch {
    return null;
  }
})();

describe.skipIf(!sdkCore || !which('bash'))('the Huawei Cloud Node SDK', () => {
  it('builds its credentials from the variables a bash snippet exported', async () => {
    const creds = { ...TEMPORARY, securityToken: NASTY_VALUES.TOKEN };
    const file = path.join(dir, 'env.sh');
    await writeFile(file, snippet('bash', envFor('prod', creds)));
    const probe = [
      `const { ClientBuilder } = require(${JSON.stringify(sdkCore)});`,
      'const c = new ClientBuilder(() => null).getCredentialFromEnvironment();',
      'process.stdout.write(JSON.stringify({ ak: c.getAk(), sk: c.getSk(), token: c.getSecurityToken(), iam: c.getIamEndpoint(), project: c.projectId }));',
    ].join('\n');
    // The SDK core requires `uuid` (for its User-Agent id) without declaring it; when the package is
    // missing, a stand-in on NODE_PATH lets the real credential code load. Nothing under test uses it.
    const shim = path.join(dir, 'shim', 'uuid');
    await mkdir(shim, { recursive: true });
    await writeFile(path.join(shim, 'index.js'), "module.exports = { v4: () => '00000000-0000-4000-8000-000000000000' };\n");
    const out = await run(which('bash')!, ['--noprofile', '--norc', '-c', '. "$1" && exec "$2" -e "$3"', 'bash', file, process.execPath, probe], {
      PATH: process.env.PATH,
      HOME: dir,
      NODE_PATH: path.join(dir, 'shim'),
    });
    expect(JSON.parse(out)).toEqual({
      ak: creds.accessKeyId,
      sk: creds.secretAccessKey,
      token: creds.securityToken,
      iam: creds.iamEndpoint,
      project: creds.projectId,
    });
  });
});

describe.skipIf(!python)(`Python's configparser${python ? '' : ' (skipped: python3 is not installed)'}`, () => {
  it('reads akvault’s keys from the SDK credentials file and the user’s sections unchanged', async () => {
    const home = path.join(dir, 'home');
    await mkdir(path.join(home, '.huaweicloud'), { recursive: true });
    const file = path.join(home, '.huaweicloud', 'credentials');
    const original = '# mine\n[basic]\nak = USERAK\nsk = USERSK\nproject_id = P\n\n[extra]\nname = value with spaces\n';
    await writeFile(file, original);
    const w = sdkCredentialsFileWriter({ homeDir: home, env: {}, dataDir: path.join(dir, 'data') });
    const read = () =>
      JSON.parse(
        execFileSync(python!, ['-c', 'import configparser, json, sys\nc = configparser.ConfigParser()\nc.read(sys.argv[1], encoding="utf-8")\nprint(json.dumps({s: dict(c[s]) for s in c.sections()}))', file], {
          encoding: 'utf8',
        }),
      ) as Record<string, Record<string, string>>;

    await w.write('prod', TEMPORARY);
    expect(read()).toEqual({
      basic: {
        ak: TEMPORARY.accessKeyId,
        sk: TEMPORARY.secretAccessKey,
        project_id: TEMPORARY.projectId,
        security_token: TEMPORARY.securityToken,
        iam_endpoint: TEMPORARY.iamEndpoint,
      },
      extra: { name: 'value with spaces' },
      global: {
        ak: TEMPORARY.accessKeyId,
        sk: TEMPORARY.secretAccessKey,
        security_token: TEMPORARY.securityToken,
        domain_id: TEMPORARY.domainId,
        iam_endpoint: TEMPORARY.iamEndpoint,
      },
    });
    await w.write('perm', PERMANENT);
    expect(read().basic).toEqual({ ak: PERMANENT.accessKeyId, sk: PERMANENT.secretAccessKey });
    await w.clean('perm');
    expect(await readFile(file, 'utf8')).toBe(original);
  });
});

describe.skipIf(!pythonHas('dotenv'))(`python-dotenv${pythonHas('dotenv') ? '' : ' (skipped: python3 with the dotenv module is not installed)'}`, () => {
  it('reads back every value the dotenv format accepts', async () => {
    const vars = Object.entries(NASTY_VALUES)
      .filter(([, v]) => !/['\\$\r\n]/.test(v))
      .map(([name, value]) => ({ name, value }));
    expect(vars.length).toBeGreaterThan(3);
    const file = path.join(dir, '.env');
    await writeFile(file, snippet('dotenv', [...vars, ...envFor('prod', TEMPORARY)]));
    const out = execFileSync(python!, ['-c', 'import json, sys\nfrom dotenv import dotenv_values\nprint(json.dumps(dotenv_values(sys.argv[1])))', file], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(Object.fromEntries([...vars, ...envFor('prod', TEMPORARY)].map((v) => [v.name, v.value])));
  });
});
