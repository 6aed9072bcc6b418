/**
 * `akvault env` end to end: every format, evaluated by the real shells (or parsed as the consumers
 * do), reads back exactly the keys IAM issued; and the official Huawei Cloud Node SDK, configured only
 * from the variables `akvault exec` sets, signs a request the IAM emulator accepts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_VARIABLE_NAMES } from '../../../main/core/handoff/env-vars';
import { printVars, run, SHELLS, which } from '../handoff/shells';
import { createCliFixture, credentialsOf, PROD_DOMAIN_ID, PROD_PROJECT_ID, type CliFixture } from './support/cli-fixture';

let fx: CliFixture;
let creds: ReturnType<typeof credentialsOf>;
/** What every format must carry for profile "prod", by variable name (unset ones are absent). */
let expected: Record<string, string>;

beforeAll(async () => {
  fx = await createCliFixture();
  await fx.addProfiles();
  creds = credentialsOf(await fx.akvault(['env', 'prod', '--format', 'json']));
  fx.remember(creds.secretAccessKey, creds.securityToken);
  // The JSON is checked against what the emulator actually issued, so every later comparison rests on IAM's word.
  const issued = fx.emulator.state.temporaryKeys.get(creds.accessKeyId);
  expect(issued).toMatchObject({ secretAccessKey: creds.secretAccessKey, securityToken: creds.securityToken });
  expect(creds).toMatchObject({ region: 'cn-north-4', projectId: PROD_PROJECT_ID, domainId: PROD_DOMAIN_ID });
  expected = {
    HUAWEICLOUD_SDK_AK: creds.accessKeyId,
    HUAWEICLOUD_SDK_SK: creds.secretAccessKey,
    HUAWEICLOUD_SDK_SECURITY_TOKEN: creds.securityToken!,
    HUAWEICLOUD_SDK_PROJECT_ID: PROD_PROJECT_ID,
    HUAWEICLOUD_SDK_DOMAIN_ID: PROD_DOMAIN_ID,
    HUAWEICLOUD_SDK_IAM_ENDPOINT: fx.emulator.url,
    HW_ACCESS_KEY: creds.accessKeyId,
    HW_SECRET_KEY: creds.secretAccessKey,
    HW_SECURITY_TOKEN: creds.securityToken!,
    HW_REGION_NAME: 'cn-north-4',
    HW_PROJECT_ID: PROD_PROJECT_ID,
    HW_DOMAIN_ID: PROD_DOMAIN_ID,
    OBS_ACCESS_KEY_ID: creds.accessKeyId,
    OBS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    OBS_SECURITY_TOKEN: creds.securityToken!,
    AKVAULT_PROFILE: 'prod',
    AKVAULT_EXPIRES_AT: creds.expiresAt!,
  };
});

afterAll(async () => {
  await fx?.close();
});

describe('akvault env, evaluated by real shells', () => {
  for (const shell of SHELLS) {
    it.skipIf(!shell.bin)(`${shell.name}${shell.bin ? '' : ` (skipped: ${shell.skip})`} reads back the exact values`, async () => {
      const r = await fx.akvault(['env', 'prod', '--format', shell.format]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const file = path.join(fx.root, `env.${shell.name}`);
      await writeFile(file, r.stdout);
      // A stale outer session in the shell must be overwritten or cleared, never kept.
      const seen = JSON.parse(await run(shell.bin!, shell.argv(file, printVars(HANDOFF_VARIABLE_NAMES), 'eval'), { PATH: process.env.PATH, HOME: fx.root, HW_SECURITY_TOKEN: 'stale' })) as Record<string, string | null>;
      expect(seen).toEqual(Object.fromEntries(HANDOFF_VARIABLE_NAMES.map((n) => [n, expected[n] ?? null])));
    });
  }

  it('dotenv and json carry the same values', async () => {
    const dotenv = (await fx.akvault(['env', 'prod', '--format', 'dotenv'])).stdout;
    const parsed = Object.fromEntries(dotenv.trimEnd().split('\n').map((l) => /^([A-Z_]+)='([^']*)'$/.exec(l)!.slice(1, 3)));
    expect(parsed).toEqual(expected);
    expect(credentialsOf(await fx.akvault(['env', 'prod', '--format', 'json']))).toEqual(creds);
  });

  it.skipIf(!which('bash'))('the hcloud format is a KooCLI argument line bash splits into the right options', async () => {
    const line = (await fx.akvault(['env', 'prod', '--format', 'hcloud'])).stdout;
    const out = await run(which('bash')!, ['--noprofile', '--norc', '-c', `eval "set -- $1"; printf '%s\\n' "$@"`, 'bash', line.trimEnd()], { PATH: process.env.PATH });
    expect(out.trimEnd().split('\n')).toEqual([
      '--cli-region=cn-north-4',
      `--cli-access-key=${creds.accessKeyId}`,
      `--cli-secret-key=${creds.secretAccessKey}`,
      `--cli-security-token=${creds.securityToken}`,
      `--cli-project-id=${PROD_PROJECT_ID}`,
      `--cli-domain-id=${PROD_DOMAIN_ID}`,
    ]);
  });
});

const sdkCore = (() => {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js'));
  } catch {
    return null;
  }
})();

describe.skipIf(!sdkCore)('the official Huawei Cloud Node SDK under akvault exec', () => {
  it('builds GlobalCredentials from the environment alone and signs a call IAM accepts, security token included', async () => {
    const dir = path.join(fx.root, 'sdk');
    // The SDK core requires `uuid` (for its User-Agent id) without declaring it; a stand-in on NODE_PATH
    // lets the real credential and signing code load. Nothing under test uses it.
    await mkdir(path.join(dir, 'shim', 'uuid'), { recursive: true });
    await writeFile(path.join(dir, 'shim', 'uuid', 'index.js'), "module.exports = { v4: () => '00000000-0000-4000-8000-000000000000' };\n");
    const script = path.join(dir, 'whoami.js');
    await writeFile(
      script,
      [
        `const { ClientBuilder } = require(${JSON.stringify(path.join(sdkCore!, 'ClientBuilder.js'))});`,
        `const { IamService } = require(${JSON.stringify(path.join(sdkCore!, 'internal/services/iam.service.js'))});`,
        // HUAWEICLOUD_SDK_TYPE=GlobalCredentials: the SDK's own way to read HUAWEICLOUD_SDK_* into global credentials.
        'const builder = new ClientBuilder((c) => c);',
        'const cred = builder.getCredentialFromEnvironment();',
        'const iam = process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;',
        'const hc = builder.withCredential(cred).withEndpoint(iam).build();',
        'new IamService(hc, iam).getDomainId().then(',
        '  (id) => console.log(JSON.stringify({ type: cred.constructor.name, ak: cred.getAk(), hasToken: !!cred.getSecurityToken(), domainId: id })),',
        '  (e) => { console.error(String(e && (e.errorMsg || e.message) || e)); process.exit(9); },',
        ');',
      ].join('\n'),
    );
    fx.emulator.resetCalls();
    const r = await fx.akvault(['exec', 'prod', '--', process.execPath, script], { env: { HUAWEICLOUD_SDK_TYPE: 'GlobalCredentials', NODE_PATH: path.join(dir, 'shim') } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ type: 'GlobalCredentials', ak: creds.accessKeyId, hasToken: true, domainId: PROD_DOMAIN_ID });
    // The emulator verified the SDK's signature (with the SDK's canonicalisation) and the security token.
    expect(fx.emulator.callsTo('auth-domains')).toEqual([expect.objectContaining({ status: 200, auth: 'aksk', accessKeyId: creds.accessKeyId })]);

    // Without the security token the same keys are refused: the call above really needed it.
    fx.emulator.resetCalls();
    const bare = await fx.akvault(['exec', 'prod', '--', 'env', '-u', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', process.execPath, script], {
      env: { HUAWEICLOUD_SDK_TYPE: 'GlobalCredentials', NODE_PATH: path.join(dir, 'shim') },
    });
    expect(bare.code).toBe(9);
    expect(fx.emulator.callsTo('auth-domains').map((c) => c.status)).toEqual([401]);
  });
});
