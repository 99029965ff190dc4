/**
 * Shared pieces of the importer fuzz suites: one app per dialect with an owner and a project,
 * the answer check (never a 5xx; a 4xx always in the error shape), a per-request time bound,
 * and fast-check parameters (modest runs, a seed printed so a failure can be replayed with
 * FUZZ_SEED=<seed>).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { setupOwner, type Agent } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** The seed of this run: FUZZ_SEED when set (to replay a failure), else a fresh one, printed. */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
console.log(`fuzz seed ${FUZZ_SEED} (replay with FUZZ_SEED=${FUZZ_SEED})`);

/** fast-check parameters: `runs` cases (FUZZ_RUNS multiplies them), the run's seed, verbose counterexamples. */
export function fuzzParams(runs: number): fc.Parameters<unknown> {
  const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? 1);
  return { numRuns: Math.max(1, Math.round(runs * factor)), seed: FUZZ_SEED, verbose: 1, endOnFailure: true };
}

/** Longest one fuzzed import may take (an import that hangs fails the suite instead of stalling it). */
export const IMPORT_BUDGET_MS = 8_000;

export interface FuzzApp {
  t: TestApp;
  owner: Agent;
  projectId: string;
}

/** A fresh app on `dialect` with a signed-in owner and one project. */
export async function fuzzApp(dialect: TestApp['dialect'], env: Record<string, string> = {}): Promise<FuzzApp> {
  const t = await createTestApp(dialect, env);
  const owner = await setupOwner(t.app);
  const projectId = (await owner.post('/api/projects', { name: 'Fuzz' })).json().id as string;
  return { t, owner, projectId };
}

interface Answer {
  statusCode: number;
  body: string;
}

/**
 * Runs one import request and checks the answer: it comes within IMPORT_BUDGET_MS, is not a
 * 5xx, and a 4xx carries `{ error: { code, message } }` with a non-empty sentence.
 * Returns the answer for more checks.
 */
export async function expectHandled<T extends Answer>(label: string, send: () => Promise<T>): Promise<T> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const res = await Promise.race([
    send(),
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${label}: no answer within ${IMPORT_BUDGET_MS} ms`)), IMPORT_BUDGET_MS); }),
  ]).finally(() => clearTimeout(timer));
  const ms = Date.now() - started;
  expect(ms, `${label} took ${ms} ms`).toBeLessThan(IMPORT_BUDGET_MS);
  expect(res.statusCode, `${label} answered ${res.statusCode}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    expect(body.error, `${label}: ${res.body.slice(0, 300)}`).toBeDefined();
    expect(typeof body.error!.code).toBe('string');
    expect(typeof body.error!.message).toBe('string');
    expect((body.error!.message as string).length).toBeGreaterThan(5);
  }
  return res;
}

/** Byte-level mutations of a valid file: flips, truncation, insertion, overwrite with a chunk. */
export function mutatedBytes(original: Buffer): fc.Arbitrary<Buffer> {
  const n = original.length;
  const flip = fc.record({ at: fc.nat(n - 1), value: fc.integer({ min: 0, max: 255 }) }).map(({ at, value }) => {
    const b = Buffer.from(original);
    b[at] = value;
    return b;
  });
  const flips = fc.array(fc.record({ at: fc.nat(n - 1), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 2, maxLength: 40 }).map((changes) => {
    const b = Buffer.from(original);
    for (const { at, value } of changes) b[at] = value;
    return b;
  });
  const truncate = fc.nat(n - 1).map((len) => original.subarray(0, len));
  const insert = fc.record({ at: fc.nat(n), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) })
    .map(({ at, bytes }) => Buffer.concat([original.subarray(0, at), Buffer.from(bytes), original.subarray(at)]));
  const splice = fc.record({ at: fc.nat(n - 1), bytes: fc.uint8Array({ minLength: 1, maxLength: 256 }) }).map(({ at, bytes }) => {
    const b = Buffer.from(original);
    Buffer.from(bytes).copy(b, at);
    return b;
  });
  return fc.oneof(flip, flips, truncate, insert, splice);
}

/** Text that stresses parsers: unicode of every plane, control characters, NUL, lone surrogates, separators. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\r', '\n', '\t', '"', ',', ';', ':', '\\', '{', '}', '@', '<', '>', '&', '\uFEFF', '\uD800', '\uDC00', '\u2028', 'é', '😀', ' ', 'a', '-'), maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);
