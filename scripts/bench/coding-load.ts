/**
 * Applying a code under load: `POST /api/documents/:id/segments` with 50 concurrent clients
 * (autocannon, one connection per client, no pipelining), beside two baselines run the same way in
 * the same run: a bare Fastify route in its own process (bare-server.ts, same JSON body) and the
 * workbench's own `GET /api/health` (`select 1`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Api } from './http';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export interface LoadFigures {
  endpoint: string;
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

/** A passage of a document's current text, with the code it gets first. */
export type Passage = { documentId: string; start: number; end: number; exact: string; firstCode: number };

async function cannon(endpoint: string, options: autocannon.Options): Promise<LoadFigures> {
  const r = await autocannon({ ...options, pipelining: 1 });
  return {
    endpoint, connections: options.connections ?? 10, durationS: Number(options.duration ?? 10),
    requests: r.requests.total, rps: Math.round(r.requests.average), p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
    non2xx: r.non2xx, errors: r.errors + r.timeouts,
  };
}

/** Starts bare-server.ts on a free port; resolves with its URL and a stop function. */
async function startBare(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/bench/bare-server.ts', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => { out += d; if (out.includes('ready')) resolve(); });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`the bare Fastify server exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

/**
 * Runs the three loads for `durationS` seconds each with `connections` clients. Every coding
 * request writes: request n codes passage n mod P (P distinct passages of the bench account,
 * which has coded none before) with a code it does not have yet. The first P requests each create
 * a passage with its coding; later rounds add a further code to a passage (as a coder adding a
 * second code does). Repeating a request would be a read-only no-op and flatter the figures.
 */
export async function benchCodingLoad(api: Api, passages: Passage[], codeIds: string[], connections: number, durationS: number, log: (m: string) => void) {
  const headers = { cookie: `${api.session.name}=${api.session.value}`, 'x-csrf-token': api.csrfToken, 'content-type': 'application/json' };
  if (passages.length * codeIds.length < 100_000) throw new Error('too few passages × codes for a load of writes only');
  const counters = new Map<string, { next: number }>();
  // One counter per target, shared by its warm-up and its measured run: every request is a new write.
  const request = (prefix: string) => {
    const counter = counters.get(prefix) ?? counters.set(prefix, { next: 0 }).get(prefix)!;
    return [{
      method: 'POST' as const, path: '/',
      setupRequest: (req: autocannon.Request) => {
        const n = counter.next++;
        const { documentId, firstCode, ...range } = passages[n % passages.length]!;
        const codeId = codeIds[(firstCode + Math.floor(n / passages.length)) % codeIds.length]!;
        return { ...req, path: `${prefix}/documents/${documentId}/segments`, body: JSON.stringify({ ...range, codeIds: [codeId] }) };
      },
    }];
  };
  const bare = await startBare();
  try {
    log(`coding load: bare Fastify route, ${connections} clients × ${durationS} s …`);
    await cannon('warm-up', { url: bare.url, connections, duration: 1, headers, requests: request('/bare') });
    const baseline = await cannon('POST /bare/documents/:id/segments (bare Fastify, own process)', { url: bare.url, connections, duration: durationS, headers, requests: request('/bare') });
    log(`coding load: GET /api/health, ${connections} clients × ${durationS} s …`);
    const health = await cannon('GET /api/health (workbench, select 1)', { url: api.baseUrl, connections, duration: durationS, headers: { cookie: headers.cookie } , requests: [{ method: 'GET', path: '/api/health' }] });
    log(`coding load: POST /api/documents/:id/segments, ${connections} clients × ${durationS} s …`);
    // The same 1-second warm-up as the bare route gets: the first requests of a route compile its code.
    await cannon('warm-up', { url: api.baseUrl, connections, duration: 1, headers, requests: request('/api') });
    const coding = await cannon('POST /api/documents/:id/segments', { url: api.baseUrl, connections, duration: durationS, headers, requests: request('/api') });
    return { coding, baseline, health };
  } finally {
    await bare.stop();
  }
}
