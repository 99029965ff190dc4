/** Latency statistics and a small load runner for `npm run bench`. */

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value such that at least
 * p % of the values are less than or equal to it (rank ⌈p/100 · n⌉, 1-based). NaN for no values.
 *
 * @example
 * percentile([1, 2, 3, 4], 50); // 2
 * percentile([1, 2, 3, 4], 95); // 4
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export interface LatencySummary {
  /** Requests measured. */
  n: number;
  /** Requests in flight at once. */
  concurrency: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Requests per second over the phase's wall time. */
  rps: number;
  wallMs: number;
}

/** Summary of latencies in milliseconds, with throughput over `wallMs`. */
export function summarize(latencies: readonly number[], wallMs: number, concurrency = 1): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length, concurrency,
    min: round(sorted[0] ?? Number.NaN), mean: round(mean),
    p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    rps: round((sorted.length / wallMs) * 1000), wallMs: round(wallMs),
  };
}

/**
 * Runs `count` requests, `concurrency` at a time (a pool of workers taking the next index), and
 * returns each request's latency (ms, start of the call to its end) and the phase's wall time.
 */
export async function runLoad(count: number, concurrency: number, request: (index: number) => Promise<void>) {
  const latencies: number[] = new Array(count);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      const t0 = performance.now();
      await request(index);
      latencies[index] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = performance.now() - started;
  return { latencies, wallMs, summary: summarize(latencies, wallMs, concurrency) };
}
