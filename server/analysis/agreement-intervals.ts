/**
 * Coded stretches of text as intervals [start, end): the per-character counts that character-level
 * agreement needs, and Krippendorff's unitizing alpha. Pure and O(n log n) in the number of intervals.
 */
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

const covered = (intervals: readonly Interval[]) => intervals.reduce((s, i) => s + i.end - i.start, 0);

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
  const ua = unionIntervals(a, length);
  const ub = unionIntervals(b, length);
  let both = 0;
  for (let i = 0, j = 0; i < ua.length && j < ub.length;) {
    both += Math.max(0, Math.min(ua[i]!.end, ub[j]!.end) - Math.max(ua[i]!.start, ub[j]!.start));
    if (ua[i]!.end < ub[j]!.end) i++;
    else j++;
  }
  const ca = covered(ua);
  const cb = covered(ub);
  return { both, onlyA: ca - both, onlyB: cb - both, neither: length - ca - cb + both };
}

/**
 * For m coders over `length` characters: `histogram[j]` = characters coded by exactly j coders
 * (j = 0…m). The unit data of character-level agreement among three or more coders.
 */
export function coverageHistogram(length: number, coders: readonly (readonly Interval[])[]): number[] {
  const events: [number, number][] = [];
  for (const intervals of coders) for (const i of unionIntervals(intervals, length)) events.push([i.start, 1], [i.end, -1]);
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const histogram = new Array<number>(coders.length + 1).fill(0);
  let depth = 0;
  let at = 0;
  for (const [position, step] of events) {
    histogram[depth]! += position - at;
    at = position;
    depth += step;
  }
  histogram[0]! += length - at;
  return histogram;
}

interface Section {
  start: number;
  end: number;
  coded: boolean;
}

/** A coder's continuum: coded units and the gaps between them, covering [0, length). */
function sections(length: number, intervals: readonly Interval[]): Section[] {
  const out: Section[] = [];
  let at = 0;
  for (const i of unionIntervals(intervals, length)) {
    if (i.start > at) out.push({ start: at, end: i.start, coded: false });
    out.push({ start: i.start, end: i.end, coded: true });
    at = i.end;
  }
  if (at < length) out.push({ start: at, end: length, coded: false });
  return out;
}

/** Krippendorff's δ² between a section of one coder and a section of another. */
function unitDistance(u: Section, v: Section): number {
  const lu = u.end - u.start;
  const lv = v.end - v.start;
  if (u.coded && v.coded) {
    const overlap = u.start < v.end && v.start < u.end;
    return overlap ? (u.start - v.start) ** 2 + (u.end - v.end) ** 2 : 0;
  }
  if (u.coded && !v.coded) return v.start <= u.start && u.end <= v.end ? lu ** 2 : 0;
  if (!u.coded && v.coded) return u.start <= v.start && v.end <= u.end ? lv ** 2 : 0;
  return 0;
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
  const m = coders.length;
  if (m < 2 || length <= 0) return Number.NaN;
  const all = coders.map((c) => sections(length, c));
  let observed = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      // Sections are sorted: only pairs that touch the same stretch can contribute.
      let h0 = 0;
      for (const u of all[i]!) {
        while (h0 < all[j]!.length && all[j]![h0]!.end <= u.start) h0++;
        for (let h = h0; h < all[j]!.length && all[j]![h]!.start < u.end; h++) observed += unitDistance(u, all[j]![h]!);
      }
    }
  }
  const dO = observed / (m * (m - 1) * length ** 2);
  const coded = all.flat().filter((s) => s.coded).map((s) => s.end - s.start);
  const gaps = all.flat().filter((s) => !s.coded).map((s) => s.end - s.start).sort((a, b) => a - b);
  if (coded.length === 0) return Number.NaN;
  // Suffix sums over gaps sorted by length, for Σ_{l_g ≥ l} (l_g − l + 1).
  const suffixLength = new Array<number>(gaps.length + 1).fill(0);
  for (let g = gaps.length - 1; g >= 0; g--) suffixLength[g] = suffixLength[g + 1]! + gaps[g]!;
  const firstAtLeast = (l: number) => {
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]! >= l) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const n = coded.length;
  let numerator = 0;
  let correction = 0;
  for (const l of coded) {
    const from = firstAtLeast(l);
    const count = gaps.length - from;
    numerator += ((n - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l ** 2 * (suffixLength[from]! - count * (l - 1));
    correction += l * (l - 1);
  }
  const dE = ((2 / length) * numerator) / (m * length * (m * length - 1) - correction);
  return dE === 0 ? Number.NaN : 1 - dO / dE;
}
