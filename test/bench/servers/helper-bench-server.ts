/**
 * A server for the helper-latency benchmark, run as a child process so the load generator and the
 * server each get a core. `akvault`: the real local helper over the real broker, credentials already
 * cached (memory keychain, IAM emulator for the first mint). `floor`: a bare node:http server answering
 * a body of the same size with the same keep-alive behaviour. Prints one JSON line: {url, token, bodyBytes}.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHelperServer } from '../../../main/core/helper';
import { createBrokerFixture, OPS, sessionSeed } from '../../support/broker-fixture';

const mode = process.argv[2];
const bodyBytes = Number(process.argv[3] ?? 0);

async function main() {
  if (mode === 'floor') {
    const body = Buffer.alloc(bodyBytes, 'x');
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: '', bodyBytes }) + '\n');
    return;
  }
  const fx = await createBrokerFixture({ seed: sessionSeed({ tokenExpiresAt: '2030-01-01T00:00:00Z' }), keychain: 'memory' });
  await fx.add({ name: 'ops', kind: 'access-key', accessKeyId: OPS.ak, domainId: OPS.domainId }, { secretKey: OPS.sk });
  await fx.add({ name: 'prod', kind: 'agency', sourceId: fx.idOf('ops'), agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600, region: 'cn-north-4' });
  await fx.broker.getCredentials('prod', { kind: 'broker' });
  const helper = await createHelperServer({ provider: fx.broker, clock: fx.clock });
  const probe = await fetch(`${helper.url}/v1/credentials/prod`, { headers: { authorization: `Bearer ${helper.token}` } });
  const size = (await probe.arrayBuffer()).byteLength;
  process.stdout.write(JSON.stringify({ url: helper.url, token: helper.token, bodyBytes: size }) + '\n');
}

void main();
