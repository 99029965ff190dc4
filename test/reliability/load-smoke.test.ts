/**
 * A 3-second smoke run of `npm run load` (scripts/load-test.ts) with 5 coders on its own server:
 * the script runs end to end, reports latencies per request kind, and finds no error and no lost,
 * duplicated or unexpected coding. The real 60-second, 50-coder run is not part of the tests.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

describe('npm run load (smoke)', () => {
  it('runs 5 coders for 3 seconds with no error and no lost coding', async () => {
    const { status, stdout, stderr } = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load-test.ts', '--seconds', '3', '--coders', '5', '--documents', '2'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ status: code, stdout: out, stderr: err }));
    });
    expect(status, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: true, coders: 5, errors: 0, codings: { lost: 0, duplicated: 0, unexpected: 0 } });
    expect(report.codings.acknowledgedCreates).toBeGreaterThan(0);
    for (const kind of ['open_document', 'list_segments', 'create_segment', 'list_codes']) {
      expect(report.latencyMs[kind].n).toBeGreaterThan(0);
      expect(report.latencyMs[kind].p99).toBeGreaterThan(0);
    }
  }, 60_000);
});
