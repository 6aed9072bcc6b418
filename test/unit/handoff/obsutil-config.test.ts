import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { obsEndpointFor, obsutilConfigWriter } from '../../../main/core/handoff/tool-files/obsutil-config';
import { PERMANENT, REFRESHED, TEMPORARY } from './fixtures';
import { dataDirText, exists, modeOf, read, tempHome } from './temp-home';

// What `obsutil config` leaves behind, plus the user's tuning, a Crr set and odd spacing.
const ORIGINAL = [
  'endpoint=https://obs.ap-southeast-1.myhuaweicloud.com',
  'ak=USERAKOBS00000000001',
  'sk=UserObsSecret000000000000000000000000000',
  'token=UserObsToken0000',
  'akCrr=CRRAK',
  'skCrr=CRRSK',
  'connectTimeout=30',
  'socketTimeout = 310',
  'proxyUrl=',
  '',
  'writeBufferIoSize=65536',
].join('\n');

describe('obsutil config', () => {
  it('changes ak, sk, token and endpoint only, then restores the file byte for byte', async () => {
    const t = await tempHome();
    const file = path.join(t.home, '.obsutilconfig');
    await writeFile(file, ORIGINAL);
    await chmod(file, 0o640);
    const w = obsutilConfigWriter(t.ctx());

    await w.write('prod', TEMPORARY);
    const held = await read(file);
    expect(held).toBe(
      [
        'endpoint=https://obs.cn-north-4.myhuaweicloud.com',
        `ak=${TEMPORARY.accessKeyId}`,
        `sk=${TEMPORARY.secretAccessKey}`,
        `token=${TEMPORARY.securityToken}`,
        'akCrr=CRRAK',
        'skCrr=CRRSK',
        'connectTimeout=30',
        'socketTimeout = 310',
        'proxyUrl=',
        '',
        'writeBufferIoSize=65536',
        '',
      ].join('\n'),
    );
    expect(await modeOf(file)).toBe(0o600);
    expect(await read(`${file}.akvault-backup`)).toBe(ORIGINAL);

    await w.write('prod', REFRESHED);
    expect(await read(file)).toBe(
      held.replace(TEMPORARY.accessKeyId, REFRESHED.accessKeyId).replace(TEMPORARY.secretAccessKey, REFRESHED.secretAccessKey).replace(TEMPORARY.securityToken!, REFRESHED.securityToken!),
    );
    const record = await dataDirText(t.dataDir);
    for (const s of ['UserObsSecret', 'UserObsToken', 'USERAKOBS', REFRESHED.secretAccessKey]) expect(record).not.toContain(s);
    // The displaced endpoint is not secret and is kept in the record to put it back.
    expect(record).toContain('obs.ap-southeast-1');

    await w.clean('prod');
    expect(await read(file)).toBe(ORIGINAL);
    expect(await modeOf(file)).toBe(0o640);
  });

  it('takes a stale token out for permanent keys and leaves the endpoint when the region is unknown', async () => {
    const t = await tempHome();
    const file = path.join(t.home, '.obsutilconfig');
    await writeFile(file, ORIGINAL);
    const w = obsutilConfigWriter(t.ctx());
    await w.write('perm', PERMANENT);
    const held = await read(file);
    expect(held).not.toContain('token=');
    expect(held).toContain('endpoint=https://obs.ap-southeast-1.myhuaweicloud.com\n');
    await w.clean('perm');
    expect(await read(file)).toBe(ORIGINAL);
  });

  it('creates the file when missing and removes it on clean', async () => {
    const t = await tempHome();
    const file = path.join(t.home, '.obsutilconfig');
    const w = obsutilConfigWriter(t.ctx());
    await w.write('prod', TEMPORARY);
    expect(await read(file)).toBe(
      `ak=${TEMPORARY.accessKeyId}\nsk=${TEMPORARY.secretAccessKey}\ntoken=${TEMPORARY.securityToken}\nendpoint=https://obs.cn-north-4.myhuaweicloud.com\n`,
    );
    expect(await modeOf(file)).toBe(0o600);
    await w.clean('prod');
    expect(await exists(file)).toBe(false);
    expect(await exists(t.home)).toBe(true);
  });
});

describe('obsEndpointFor', () => {
  it('follows the IAM endpoint’s cloud, and the EU cloud for eu-west-1* regions', () => {
    expect(obsEndpointFor({ region: 'cn-north-4' })).toBe('https://obs.cn-north-4.myhuaweicloud.com');
    expect(obsEndpointFor({ region: 'eu-west-101' })).toBe('https://obs.eu-west-101.myhuaweicloud.eu');
    expect(obsEndpointFor({ region: 'eu-west-101', iamEndpoint: 'https://iam.eu-west-101.myhuaweicloud.eu' })).toBe(
      'https://obs.eu-west-101.myhuaweicloud.eu',
    );
    expect(obsEndpointFor({ region: 'xx-1', iamEndpoint: 'iam.partner.example' })).toBe('https://obs.xx-1.partner.example');
    expect(obsEndpointFor({ region: 'cn-north-4', iamEndpoint: 'https://iam.myhuaweicloud.com' })).toBe('https://obs.cn-north-4.myhuaweicloud.com');
    expect(obsEndpointFor({ region: 'cn-north-4', iamEndpoint: 'https://proxy.example/iam' })).toBe('https://obs.cn-north-4.myhuaweicloud.com');
    expect(obsEndpointFor({})).toBeUndefined();
  });
});
