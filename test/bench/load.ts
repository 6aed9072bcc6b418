/**
 * A closed-loop HTTP load generator: `concurrency` clients, each sending its next request as soon as
 * the previous answer is read, over keep-alive connections (one per client), for a fixed time.
 */
import http from 'node:http';
import { percentile } from './stats';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export async function closedLoop(url: string, headers: Record<string, string>, concurrency: number, durationMs: number, warmupMs = 300): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const samples: number[] = [];
  let errors = 0;
  let measuring = false;
  const start = Date.now();
  const endAt = start + warmupMs + durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const t = process.hrtime.bigint();
      const req = http.get(url, { agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          else if (measuring) samples.push(Number(process.hrtime.bigint() - t) / 1e6);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const client = async () => {
    while (Date.now() < endAt) await one();
  };
  setTimeout(() => (measuring = true), warmupMs).unref();
  const measureStart = start + warmupMs;
  await Promise.all(Array.from({ length: concurrency }, client));
  agent.destroy();
  const seconds = (Date.now() - measureStart) / 1000;
  samples.sort((a, b) => a - b);
  return { requests: samples.length, errors, seconds, rps: samples.length / seconds, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}
