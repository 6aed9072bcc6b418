/**
 * A bare node:http client for helper tests: full control over Host, Origin and Authorization, and a
 * fresh connection per call unless an agent is passed.
 */
import http from 'node:http';

export interface CallOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Overrides the Host header (default 127.0.0.1:<port>). */
  host?: string;
  body?: string | Buffer;
  /** Send the body with chunked transfer encoding instead of a Content-Length. */
  chunked?: boolean;
  agent?: http.Agent;
}

export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

export function call(port: number, opts: CallOptions): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${port}`, ...opts.headers };
    if (opts.body !== undefined && !opts.chunked) headers['content-length'] = String(Buffer.byteLength(opts.body));
    if (opts.chunked) headers['transfer-encoding'] = 'chunked';
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers,
        setHost: false,
        agent: opts.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Headers a browser adds; none of them may ever appear on a helper response. */
export function corsHeadersIn(headers: http.IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((h) => h.startsWith('access-control-'));
}
