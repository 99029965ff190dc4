/**
 * Coded stretches of text as intervals [start, end): the per-character counts that character-level
 * agreement needs, and Krippendorff's unitizing alpha. Pure and O(n log n) in the number of intervals;
 * the sweeps themselves are in `agreement-units.ts`.
 */
import { type CoderUnits, coveredLength, overlapLength, UnitsBuilder, unitsAlpha, unitsHistogram } from './agreement-units';

export interface Interval {
  start: number;
  end: number;
}

/** Sorted, non-overlapping union of intervals, clipped to [0, length). */
export function unionIntervals(intervals: readonly Interval[], length = Number.POSITIVE_INFINITY): Interval[] {
  const sorted = intervals
    .map((i) => ({ start: Math.max(0, i.start), end: Math.min(length, i.end) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

export interface BinaryCounts {
  /** Characters both coders coded. */
  both: number;
  onlyA: number;
  onlyB: number;
  /** Characters neither coded: agreement on absence, as NVivo counts it. */
  neither: number;
}

/** Per-character counts for two coders over a text of `length` characters. */
export function binaryAgreementFromIntervals(length: number, a: readonly Interval[], b: readonly Interval[]): BinaryCounts {
  return binaryCountsOf(length, unitsOf(length, [a, b]), 0, 1);
}

/** Per-character counts of coders a and b among the units, over `length` characters. */
export function binaryCountsOf(length: number, units: CoderUnits, a: number, b: number): BinaryCounts {
  const both = overlapLength(units, a, b);
  const ca = coveredLength(units, a);
  const cb = coveredLength(units, b);
  return { both, onlyA: ca - both, onlyB: cb - both, neither: length - ca - cb + both };
}

/**
 * For m coders over `length` characters: `histogram[j]` = characters coded by exactly j coders
 * (j = 0…m). The unit data of character-level agreement among three or more coders.
 */
export function coverageHistogram(length: number, coders: readonly (readonly Interval[])[]): number[] {
  return unitsHistogram(length, unitsOf(length, coders));
}

/** Each coder's intervals clipped to [0, length), sorted and joined where they overlap or touch. */
export function unitsOf(length: number, coders: readonly (readonly Interval[])[]): CoderUnits {
  const builder = new UnitsBuilder(coders.reduce((s, c) => s + c.length, 0));
  for (const intervals of coders) {
    builder.open();
    const sorted = intervals.map((i) => ({ start: Math.max(0, i.start), end: Math.min(length, i.end) })).sort((x, y) => x.start - y.start);
    for (const i of sorted) builder.add(i.start, i.end);
  }
  return builder;
}

/**
 * Krippendorff's unitizing alpha α_u for one category (coded / not coded) on a continuum of
 * `length` characters, for two or more coders (Krippendorff 1995, "On the reliability of
 * unitizing continuous data", Sociological Methodology 25; Krippendorff 2004, "Measuring the
 * reliability of qualitative text analysis data", Quality & Quantity 38). Each coder's continuum
 * is cut into coded units and gaps (a coder's own overlapping passages are joined first).
 *
 * α_u = 1 − D_o / D_e, with
 * D_o = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(s_ig, s_jh) / (m (m − 1) L²), where δ² of two overlapping coded
 *   units = (b_ig − b_jh)² + (e_ig − e_jh)², of a coded unit inside the other coder's gap = its
 *   length², else 0; and
 * D_e = (2/L) Σ_{coded u} [ (N − 1)/3 · (2l_u³ − 3l_u² + l_u) + l_u² Σ_{gaps g, l_g ≥ l_u} (l_g − l_u + 1) ]
 *       / ( mL (mL − 1) − Σ_{coded u} l_u (l_u − 1) ),
 *   N = the number of coded units of all coders, gaps g of all coders.
 * NaN when no coder coded anything (D_e = 0) or the continuum is empty.
 */
export function unitizingAlpha(length: number, coders: readonly (readonly Interval[])[]): number {
  if (coders.length < 2 || length <= 0) return Number.NaN;
  return unitsAlpha(length, unitsOf(length, coders));
}
