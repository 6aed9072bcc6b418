import { chmod, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { sdkCredentialsFileWriter, sdkCredentialsPath } from '../../../main/core/handoff/tool-files/sdk-credentials-file';
import { PERMANENT, REFRESHED, TEMPORARY } from './fixtures';
import { dataDirText, exists, modeOf, read, tempHome } from './temp-home';

const USER_AK = 'USERAKEXAMPLE0000001';
const USER_SK = 'UserSecretKeyExample0000000000000000000XYZ';
const USER_TOKEN = 'UserTokenExample-----0000';

// A file as a user keeps it: comments, odd spacing, an unrelated section, OIDC settings, CRLF in one
// place, no newline at the end.
const ORIGINAL = [
  '; my Huawei Cloud credentials',
  '',
  '[basic]',
  `ak=${USER_AK}`,
  `sk   =   ${USER_SK}`,
  '# project for the dev account',
  'project_id = devproject0001',
  'idp_id = my-idp',
  '',
  '[basic-prod]\r',
  'ak = PRODAK',
  '',
  '[global]',
  `ak = ${USER_AK}`,
  `sk = ${USER_SK}`,
  `security_token = ${USER_TOKEN}`,
  'domain_id = devdomain0001',
].join('\n');

async function seed(home: string, text = ORIGINAL, mode = 0o644) {
  const dir = path.join(home, '.huaweicloud');
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await writeFile(path.join(dir, 'credentials'), text, { mode });
  await chmod(path.join(dir, 'credentials'), mode);
  await writeFile(path.join(dir, 'application_id'), 'app-id-0001');
  await writeFile(path.join(dir, 'regions.yaml'), 'ecs:\n  - id: x\n');
  return path.join(dir, 'credentials');
}

describe('SDK credentials file', () => {
  it('edits only its own keys and keeps every other byte, then restores the file exactly', async () => {
    const t = await tempHome();
    const file = await seed(t.home);
    const appIdBefore = await stat(path.join(t.home, '.huaweicloud', 'application_id'));
    const w = sdkCredentialsFileWriter(t.ctx());

    const r = await w.write('prod', TEMPORARY);
    expect(r).toEqual({ path: file, backupPath: `${file}.akvault-backup` });
    const written = await read(file);
    expect(written).toBe(
      [
        '; my Huawei Cloud credentials',
        '',
        '[basic]',
        '# managed by akvault: prod',
        `ak = ${TEMPORARY.accessKeyId}`,
        `sk = ${TEMPORARY.secretAccessKey}`,
        '# project for the dev account',
        `project_id = ${TEMPORARY.projectId}`,
        `security_token = ${TEMPORARY.securityToken}`,
        `iam_endpoint = ${TEMPORARY.iamEndpoint}`,
        '',
        '[basic-prod]\r',
        'ak = PRODAK',
        '',
        '[global]',
        '# managed by akvault: prod',
        `ak = ${TEMPORARY.accessKeyId}`,
        `sk = ${TEMPORARY.secretAccessKey}`,
        `security_token = ${TEMPORARY.securityToken}`,
        `domain_id = ${TEMPORARY.domainId}`,
        `iam_endpoint = ${TEMPORARY.iamEndpoint}`,
        '',
      ].join('\n'),
    );
    expect(await modeOf(file)).toBe(0o600);
    expect(await read(`${file}.akvault-backup`)).toBe(ORIGINAL);
    expect(await modeOf(`${file}.akvault-backup`)).toBe(0o600);

    // A refresh changes the values only.
    await w.write('prod', REFRESHED);
    const refreshed = await read(file);
    expect(refreshed).toBe(
      written
        .replaceAll(TEMPORARY.accessKeyId, REFRESHED.accessKeyId)
        .replaceAll(TEMPORARY.secretAccessKey, REFRESHED.secretAccessKey)
        .replaceAll(TEMPORARY.securityToken!, REFRESHED.securityToken!),
    );
    expect(await w.holders()).toEqual(['prod']);

    // akvault's record holds neither the user's secrets nor its own.
    const record = await dataDirText(t.dataDir);
    for (const secret of [USER_AK, USER_SK, USER_TOKEN, TEMPORARY.secretAccessKey, REFRESHED.secretAccessKey, REFRESHED.securityToken!]) {
      expect(record).not.toContain(secret);
    }

    expect(await w.clean('prod')).toEqual({ path: file, changed: true, unrestored: [] });
    expect(await read(file)).toBe(ORIGINAL);
    expect(await modeOf(file)).toBe(0o644);
    expect(await w.holders()).toEqual([]);
    // The SDKs' own files are never touched.
    expect(await read(path.join(t.home, '.huaweicloud', 'application_id'))).toBe('app-id-0001');
    expect((await stat(path.join(t.home, '.huaweicloud', 'application_id'))).mtimeMs).toBe(appIdBefore.mtimeMs);
    expect(await read(path.join(t.home, '.huaweicloud', 'regions.yaml'))).toBe('ecs:\n  - id: x\n');
    expect(await w.clean('prod')).toMatchObject({ changed: false });
  });

  it('creates the file (0600, folder 0700) when there is none, and removes both again on clean', async () => {
    const t = await tempHome();
    const w = sdkCredentialsFileWriter(t.ctx());
    const file = path.join(t.home, '.huaweicloud', 'credentials');
    const r = await w.write('prod', PERMANENT);
    expect(r.backupPath).toBeNull();
    expect(await read(file)).toBe(
      `[basic]\n# managed by akvault: prod\nak = ${PERMANENT.accessKeyId}\nsk = ${PERMANENT.secretAccessKey}\n\n` +
        `[global]\n# managed by akvault: prod\nak = ${PERMANENT.accessKeyId}\nsk = ${PERMANENT.secretAccessKey}\n`,
    );
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(path.dirname(file))).toBe(0o700);
    await w.clean('prod');
    expect(await exists(file)).toBe(false);
    expect(await exists(path.dirname(file))).toBe(false);
    expect(await exists(t.home)).toBe(true);
  });

  it('honours HUAWEICLOUD_SDK_CREDENTIALS_FILE and leaves the default file alone', async () => {
    const t = await tempHome();
    const defaultFile = await seed(t.home);
    const custom = path.join(t.root, 'elsewhere', 'creds.ini');
    const ctx = t.ctx({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: custom });
    expect(sdkCredentialsPath(ctx)).toBe(custom);
    expect(sdkCredentialsPath(t.ctx({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: 'rel/creds' }))).toBe(path.join(t.root, 'rel', 'creds'));
    const w = sdkCredentialsFileWriter(ctx);
    await w.write('prod', TEMPORARY);
    expect((ini.parse(await read(custom)) as { basic: { sk: string } }).basic.sk).toBe(TEMPORARY.secretAccessKey);
    expect(await read(defaultFile)).toBe(ORIGINAL);
    expect(await exists(`${defaultFile}.akvault-backup`)).toBe(false);

    // The override changes while akvault holds the file: the old file is handed back first.
    await writeFile(path.join(t.root, 'second.ini'), '[other]\nx = 1\n');
    const moved = sdkCredentialsFileWriter(t.ctx({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: path.join(t.root, 'second.ini') }));
    await moved.write('prod', REFRESHED);
    expect(await exists(custom)).toBe(false);
    expect(await read(path.join(t.root, 'second.ini'))).toContain(`sk = ${REFRESHED.secretAccessKey}`);
    await moved.clean('prod');
    expect(await read(path.join(t.root, 'second.ini'))).toBe('[other]\nx = 1\n');
  });

  it('holds one identity: another profile takes the file over and only the holder hands it back', async () => {
    const t = await tempHome();
    const file = await seed(t.home);
    const w = sdkCredentialsFileWriter(t.ctx());
    await w.write('dev', TEMPORARY);
    expect(await w.write('prod', PERMANENT)).toMatchObject({ replacedProfile: 'dev' });
    const held = await read(file);
    expect(held).toContain('# managed by akvault: prod');
    expect(held).not.toContain('security_token');
    expect(held).not.toContain(TEMPORARY.accessKeyId);
    expect(await w.clean('dev')).toMatchObject({ changed: false });
    expect(await read(file)).toBe(held);
    await w.clean('prod');
    expect(await read(file)).toBe(ORIGINAL);
  });

  it('keeps what the user changes while akvault holds the file, including a secret line it then displaces', async () => {
    const t = await tempHome();
    const file = await seed(t.home, '[basic]\nak = U\nsk = V\n');
    const w = sdkCredentialsFileWriter(t.ctx());
    await w.write('prod', PERMANENT);
    // The user adds a section and a token line for [basic] (which akvault does not set for permanent keys).
    await writeFile(file, `${(await read(file)).replace('[basic]\n', '[basic]\nsecurity_token = USERTOKEN\n')}[mine]\nk = v\n`);
    await w.write('prod', PERMANENT);
    const held = await read(file);
    expect(held).not.toContain('USERTOKEN');
    expect(held).toContain('[mine]\nk = v\n');
    expect(await read(`${file}.akvault-backup`)).toContain('USERTOKEN');
    expect(await dataDirText(t.dataDir)).not.toContain('USERTOKEN');
    await w.clean('prod');
    expect(await read(file)).toBe('[basic]\nsecurity_token = USERTOKEN\nak = U\nsk = V\n[mine]\nk = v\n');
  });

  it('reports, by key name only, user values it cannot restore because the backup was deleted', async () => {
    const t = await tempHome();
    const file = await seed(t.home);
    const w = sdkCredentialsFileWriter(t.ctx());
    await w.write('prod', TEMPORARY);
    await rm(`${file}.akvault-backup`);
    const r = await w.write('prod', REFRESHED);
    expect(r.unrestored?.sort()).toEqual(['basic.ak', 'basic.sk', 'global.ak', 'global.security_token', 'global.sk']);
    // Non-secret values came from akvault's record and still go back.
    const cleaned = await w.clean('prod');
    expect(cleaned.changed).toBe(true);
    const text = await read(file);
    expect(text).toContain('project_id = devproject0001');
    expect(text).toContain('idp_id = my-idp');
    expect(text).not.toContain(REFRESHED.secretAccessKey);
    expect(text).not.toContain('managed by akvault');
  });

  it('refuses files it cannot edit safely and touches nothing', async () => {
    const t = await tempHome();
    const w = sdkCredentialsFileWriter(t.ctx());
    const cases = [
      ['[basic]\nak = 1\n[basic]\nsk = 2\n', /more than one \[basic\] section/],
      ['[global]\nak = 1\nak = 2\n', /sets "ak" more than once/],
      ['[basic]\n# managed by akvault: old\nak = LEFTOVER\n', /record of them is gone/],
    ] as const;
    for (const [text, message] of cases) {
      const file = await seed(t.home, text);
      await expect(w.write('prod', TEMPORARY)).rejects.toMatchObject({ code: 'handoff.file-refused', message: expect.stringMatching(message) });
      expect(await read(file)).toBe(text);
      expect(await exists(`${file}.akvault-backup`)).toBe(false);
      expect(await w.holders()).toEqual([]);
    }
    const file = path.join(t.home, '.huaweicloud', 'credentials');
    await writeFile(file, Buffer.from([0x5b, 0x62, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]));
    await expect(w.write('prod', TEMPORARY)).rejects.toMatchObject({ code: 'handoff.file-refused', message: expect.stringMatching(/not UTF-8/) });
    expect(await readFile(file)).toEqual(Buffer.from([0x5b, 0x62, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]));
  });

  it('refuses values an INI file cannot carry, naming the field and not the value', async () => {
    const t = await tempHome();
    const file = await seed(t.home);
    const w = sdkCredentialsFileWriter(t.ctx());
    const err = await w.write('prod', { ...TEMPORARY, securityToken: 'TOKEN WITH SPACE;x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'validation', message: expect.stringContaining('security token') });
    expect(JSON.stringify(err)).not.toContain('TOKEN WITH');
    expect(await read(file)).toBe(ORIGINAL);
    await expect(w.write('bad\nname', TEMPORARY)).rejects.toMatchObject({ code: 'validation' });
    expect(await read(file)).toBe(ORIGINAL);
  });

  it('writes through a symlinked credentials file and keeps the link', async () => {
    const t = await tempHome();
    const target = path.join(t.root, 'dotfiles', 'credentials');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, '[other]\na = 1\n');
    await mkdir(path.join(t.home, '.huaweicloud'), { recursive: true });
    const link = path.join(t.home, '.huaweicloud', 'credentials');
    await symlink(target, link);
    const w = sdkCredentialsFileWriter(t.ctx());
    await w.write('prod', PERMANENT);
    expect((await import('node:fs/promises').then((fs) => fs.lstat(link))).isSymbolicLink()).toBe(true);
    expect(await read(target)).toContain(`sk = ${PERMANENT.secretAccessKey}`);
    await w.clean('prod');
    expect(await read(target)).toBe('[other]\na = 1\n');
  });

  it('serialises overlapping calls', async () => {
    const t = await tempHome();
    const file = await seed(t.home);
    const w = sdkCredentialsFileWriter(t.ctx());
    await Promise.all([w.write('prod', TEMPORARY), w.write('prod', REFRESHED), w.clean('prod'), w.write('prod', TEMPORARY)]);
    expect(await read(file)).toContain(`sk = ${TEMPORARY.secretAccessKey}`);
    await w.clean('prod');
    expect(await read(file)).toBe(ORIGINAL);
  });
});
