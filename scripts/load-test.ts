/**
 * `npm run load -- [--url http://127.0.0.1:8080] [--seconds 60] [--coders 50] [--documents 5] [--think-ms 0] [--seed 1]`
 *
 * Load test: `--coders` concurrent coders (each its own account, all coders in one project) loop
 * for `--seconds` over realistic requests (open a document and its segments, code a passage with
 * 1–2 codes, list the codebook, now and then remove one of their own codings), with no pause
 * between requests unless `--think-ms`. At the end every acknowledged coding must be in the
 * database (read back through the API), none twice, none that was not acknowledged, and no request
 * may have failed. Prints p50/p95/p99 latency per request kind as JSON; exits 1 on any error.
 *
 * Without `--url` it starts its own server (`server/main.ts`) on 127.0.0.1 with a temporary
 * SQLite DATA_DIR, removed afterwards. With `--url` it needs an administrator account
 * (`--email`/`--password`, or LOAD_ADMIN_EMAIL / LOAD_ADMIN_PASSWORD) and CREATES `--coders`
 * accounts and a project on that server: point it at a test instance, never at real research data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { summarize } from './bench/stats';
import { Client } from './load/client';
import { type CoderRecord, type RequestKind, runCoder } from './load/coder';
import { prepareLoad } from './load/setup';
import { verifyCodings } from './load/verify';
import { startServerAt, type ServerChild } from '../test/reliability/server-child';

const { values } = parseArgs({
  options: {
    url: { type: 'string' }, seconds: { type: 'string', default: '60' }, coders: { type: 'string', default: '50' },
    documents: { type: 'string', default: '5' }, 'think-ms': { type: 'string', default: '0' }, seed: { type: 'string', default: '1' },
    email: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.error('Usage: npm run load -- [--url URL --email E --password P] [--seconds 60] [--coders 50] [--documents 5] [--think-ms 0] [--seed 1]');
  process.exit(0);
}
const num = (name: string, raw: string, min: number) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number of at least ${min}`);
  return n;
};
const seconds = num('seconds', values.seconds!, 1);
const coderCount = Math.round(num('coders', values.coders!, 1));
const documentCount = Math.round(num('documents', values.documents!, 1));
const thinkMs = num('think-ms', values['think-ms']!, 0);
const seed = Math.round(num('seed', values.seed!, 0));

const ADMIN = { email: 'load-admin@example.org', password: 'load test administrator 2026' };
let server: ServerChild | undefined;
let dataDir: string | undefined;

async function cleanUp() {
  await server?.kill('SIGTERM');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

async function main() {
  let url = values.url;
  let email = values.email ?? process.env.LOAD_ADMIN_EMAIL;
  let password = values.password ?? process.env.LOAD_ADMIN_PASSWORD;
  if (!url) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-load-'));
    server = await startServerAt(dataDir, { SOCPREV_ADMIN_EMAIL: ADMIN.email, SOCPREV_ADMIN_PASSWORD: ADMIN.password });
    url = server.url;
    email = ADMIN.email;
    password = ADMIN.password;
  } else if (!email || !password) {
    throw new Error('With --url, give an administrator account: --email and --password (or LOAD_ADMIN_EMAIL / LOAD_ADMIN_PASSWORD).');
  }
  const admin = await Client.login(url.replace(/\/$/, ''), email, password);
  const runId = Date.now().toString(36);
  console.error(`Preparing ${coderCount} coders, ${documentCount} documents on ${url} …`);
  const fixture = await prepareLoad(admin, { coders: coderCount, documents: documentCount, password: `coder password ${runId} long enough`, runId });

  console.error(`Running ${coderCount} coders for ${seconds} s …`);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const records: CoderRecord[] = await Promise.all(fixture.coders.map((c, i) => runCoder(c, fixture, i, coderCount, deadline, seed, thinkMs)));
  const wallMs = performance.now() - started;

  const check = await verifyCodings(admin, fixture.documents.map((d) => d.id), records);
  const kinds: RequestKind[] = ['open_document', 'list_segments', 'create_segment', 'list_codes', 'delete_segment'];
  const latency = Object.fromEntries(kinds.map((k) => {
    const { n, p50, p95, p99, max, rps } = summarize(records.flatMap((r) => r.latencies[k]), wallMs, coderCount);
    return [k, { n, p50, p95, p99, max, rps }];
  }));
  const all = summarize(records.flatMap((r) => kinds.flatMap((k) => r.latencies[k])), wallMs, coderCount);
  const errors = records.flatMap((r) => r.errors);
  const ok = errors.length === 0 && check.lost.length === 0 && check.duplicated.length === 0 && check.unexpected.length === 0;
  const report = {
    ok, url: server ? `${url} (own server, SQLite, temporary DATA_DIR)` : url,
    coders: coderCount, seconds, thinkMs, seed, documents: documentCount, node: process.version, cpus: os.cpus().length,
    requests: all.n, requestsPerSecond: all.rps, errors: errors.length, firstErrors: errors.slice(0, 10),
    latencyMs: { all: { n: all.n, p50: all.p50, p95: all.p95, p99: all.p99, max: all.max }, ...latency },
    codings: { ...check, lost: check.lost.length, duplicated: check.duplicated.length, unexpected: check.unexpected.length, examples: { lost: check.lost.slice(0, 5), duplicated: check.duplicated.slice(0, 5), unexpected: check.unexpected.slice(0, 5) } },
  };
  console.log(JSON.stringify(report, null, 2));
  if (!ok) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
