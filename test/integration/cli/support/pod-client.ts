/**
 * A child program for `akvault exec --server` tests that behaves like the Python SDK's pod-identity
 * provider: reads HC_CONTAINER_CREDENTIALS_FULL_URI and the token file, POSTs `{}` with the token as
 * the Authorization header. It prints one JSON line per step and fetches again on each "again" line on
 * stdin, so the test decides when time has passed.
 */
export const POD_CLIENT_SCRIPT = `// akvault pod-identity test client
const fs = require('fs');
const readline = require('readline');
const uri = process.env.HC_CONTAINER_CREDENTIALS_FULL_URI;
const tokenFile = process.env.HC_CONTAINER_AUTHORIZATION_TOKEN_FILE;
const out = (o) => console.log(JSON.stringify(o));
async function fetchKeys() {
  const token = fs.readFileSync(tokenFile, 'utf8').trim();
  const r = await fetch(uri, { method: 'POST', headers: { Authorization: token, 'Content-Type': 'application/json' }, body: '{}' });
  return { status: r.status, body: await r.json() };
}
(async () => {
  out({
    step: 'env',
    pid: process.pid,
    uri,
    tokenFile,
    token: fs.readFileSync(tokenFile, 'utf8'),
    fileMode: (fs.statSync(tokenFile).mode & 0o777).toString(8),
    dirMode: (fs.statSync(require('path').dirname(tokenFile)).mode & 0o777).toString(8),
    keysInEnv: ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'HW_ACCESS_KEY', 'OBS_ACCESS_KEY_ID'].filter((n) => n in process.env),
    profile: process.env.AKVAULT_PROFILE,
    project: process.env.HUAWEICLOUD_SDK_PROJECT_ID,
    region: process.env.HW_REGION_NAME,
  });
  out({ step: 'fetch', ...(await fetchKeys()) });
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (line === 'again') out({ step: 'fetch', ...(await fetchKeys()) });
    if (line === 'done') break;
  }
  rl.close();
})();
`;

export interface PodStep {
  step: 'env' | 'fetch';
  pid?: number;
  uri?: string;
  tokenFile?: string;
  token?: string;
  fileMode?: string;
  dirMode?: string;
  keysInEnv?: string[];
  profile?: string;
  project?: string;
  region?: string;
  status?: number;
  body?: { credentials?: { accessKeyId: string; secretAccessKey: string; securityToken: string; expiration: string }; error?: { code: string } };
}

export function podSteps(stdout: string): PodStep[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as PodStep);
}
