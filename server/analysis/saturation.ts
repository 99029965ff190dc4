/**
 * Thematic saturation after Guest, Namey & Chen (2020), "A simple method to assess and report
 * thematic saturation in qualitative research", PLoS ONE 15(5): e0232076.
 *
 * Conventions (our reading of the paper):
 * - The **base** is the set of unique codes found in the first `baseSize` interviews.
 * - A **run** is a window of `runLength` consecutive interviews after the base; the first run
 *   starts right after the base and each next run moves one interview further (a rolling window).
 *   Only complete runs are evaluated.
 * - The **new information** of a run is the number of codes that appear for the first time in that
 *   run (in none of the earlier interviews), as a fraction of the base: `ratio = new / |base|`.
 * - Saturation is **reached** at the first run whose ratio is at most the threshold (≤: a run
 *   exactly at the threshold meets it; with threshold 0, a run must bring nothing new).
 * - It is reported as `b+n`: `b` the base size, `n` the interviews after the base up to the end of
 *   that run (so a first run of 2 that meets the threshold reads `4+2`; meeting it one window later,
 *   `4+3`). `saturationIndex` = b + n interviews were needed.
 * - An empty base (no codes in the first interviews) makes the ratio undefined (NaN): not reached.
 */
export interface GuestOptions {
  baseSize: number;
  runLength: number;
  /** New-information threshold as a fraction: 0.05 for 5 %. */
  threshold: number;
}

export interface GuestRun {
  /** Interview indexes of the run (0-based, inclusive). */
  start: number;
  end: number;
  newCodes: string[];
  ratio: number;
}

export interface GuestResult {
  reached: boolean;
  label: string | null;
  baseCodes: number;
  runs: GuestRun[];
  /** Interviews needed (b + n), or null when not reached. */
  saturationIndex: number | null;
}

/** For each interview, the codes that appear there for the first time, and the cumulative count (the curve). */
export function newCodesPerInterview(codesPerInterview: string[][]): { newCodes: string[]; cumulative: number }[] {
  const seen = new Set<string>();
  return codesPerInterview.map((codes) => {
    const fresh = [...new Set(codes)].filter((c) => !seen.has(c));
    for (const c of fresh) seen.add(c);
    return { newCodes: fresh, cumulative: seen.size };
  });
}

/**
 * The saturation measure of Guest, Namey & Chen (2020).
 *
 * @example
 * guestSaturation([['a', 'b'], ['c'], ['a'], ['d'], ['a'], ['b']], { baseSize: 2, runLength: 2, threshold: 0 })
 * // base {a, b, c} (interviews 1–2); runs 3–4 and 4–5 both hold d, first seen in 4 (ratio 1/3);
 * // run 5–6 brings nothing new → reached, label "2+4" (6 interviews)
 */
export function guestSaturation(codesPerInterview: string[][], options: GuestOptions): GuestResult {
  const { baseSize, runLength, threshold } = options;
  if (!Number.isInteger(baseSize) || baseSize < 1 || !Number.isInteger(runLength) || runLength < 1) {
    throw new RangeError('baseSize and runLength must be whole numbers of at least 1');
  }
  const firstSeen = new Map<string, number>();
  codesPerInterview.forEach((codes, i) => {
    for (const c of codes) if (!firstSeen.has(c)) firstSeen.set(c, i);
  });
  const base = new Set([...firstSeen].filter(([, i]) => i < baseSize).map(([c]) => c));
  const runs: GuestRun[] = [];
  if (codesPerInterview.length < baseSize) return { reached: false, label: null, baseCodes: base.size, runs, saturationIndex: null };
  for (let start = baseSize; start + runLength <= codesPerInterview.length; start++) {
    const end = start + runLength - 1;
    const newCodes = [...firstSeen].filter(([, i]) => i >= start && i <= end).map(([c]) => c);
    const ratio = base.size === 0 ? Number.NaN : newCodes.length / base.size;
    runs.push({ start, end, newCodes, ratio });
    if (ratio <= threshold) {
      const n = end + 1 - baseSize;
      return { reached: true, label: `${baseSize}+${n}`, baseCodes: base.size, runs, saturationIndex: baseSize + n };
    }
  }
  return { reached: false, label: null, baseCodes: base.size, runs, saturationIndex: null };
}

export interface SensitivityRow {
  baseSize: number;
  runLength: number;
  threshold: number;
  reached: boolean;
  label: string | null;
  saturationIndex: number | null;
}

/** The measure for every combination of base sizes, run lengths and thresholds (defaults: 4–6, 2–3, 0 % and 5 %). */
export function sensitivityTable(
  codesPerInterview: string[][],
  grid: { baseSizes?: number[]; runLengths?: number[]; thresholds?: number[] } = {},
): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  for (const threshold of grid.thresholds ?? [0, 0.05]) {
    for (const baseSize of grid.baseSizes ?? [4, 5, 6]) {
      for (const runLength of grid.runLengths ?? [2, 3]) {
        const r = guestSaturation(codesPerInterview, { baseSize, runLength, threshold });
        rows.push({ baseSize, runLength, threshold, reached: r.reached, label: r.label, saturationIndex: r.saturationIndex });
      }
    }
  }
  return rows;
}

/** Per code: the interview where it first appeared and how many interviews mention it. */
export function firstAppearances(codesPerInterview: string[][], interviewIds: string[]): { code: string; firstInterview: string; firstIndex: number; interviews: number }[] {
  const out = new Map<string, { code: string; firstInterview: string; firstIndex: number; interviews: number }>();
  codesPerInterview.forEach((codes, i) => {
    for (const code of new Set(codes)) {
      const entry = out.get(code);
      if (entry) entry.interviews += 1;
      else out.set(code, { code, firstInterview: interviewIds[i]!, firstIndex: i, interviews: 1 });
    }
  });
  return [...out.values()].sort((a, b) => a.firstIndex - b.firstIndex || a.code.localeCompare(b.code));
}

/**
 * The same data at a level of the code hierarchy: every code is replaced by its ancestor at
 * `level` (1 = top-level codes); codes higher up than that level stay themselves.
 */
export function rollUpCodes(codesPerInterview: string[][], parentOf: Map<string, string | null>, level: number): string[][] {
  const ancestorAt = (code: string): string => {
    const chain: string[] = [];
    for (let c: string | null | undefined = code; c && chain.length < 100; c = parentOf.get(c)) chain.unshift(c);
    return chain[Math.min(level, chain.length) - 1] ?? code;
  };
  return codesPerInterview.map((codes) => [...new Set(codes.map(ancestorAt))]);
}
