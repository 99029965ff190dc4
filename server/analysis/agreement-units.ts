/**
 * The kernels of character-level agreement and unitizing alpha, on coded units held in flat typed
 * arrays: no object per unit or per pair, one linear sweep per pair of coders. The interval-list
 * functions of `agreement-intervals.ts` and the per code × transcript tables both call these.
 */

/**
 * Coded units of m coders: coder c's sorted, disjoint, non-touching units are
 * [start[k], end[k]) for k in [first[c], first[c + 1]); first[coders] is the number of units.
 */
export interface CoderUnits {
  readonly coders: number;
  readonly first: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
}

/**
 * Growable units, coder after coder: `open` the next coder, then `add` intervals of that coder in
 * order of start; overlapping or touching ones are joined, as `unionIntervals` does. The builder
 * is itself the units so far, and can be `reset` and refilled without allocating.
 */
export class UnitsBuilder implements CoderUnits {
  coders = 0;
  first = new Int32Array(8);
  start: Float64Array;
  end: Float64Array;

  constructor(capacity = 64) {
    this.start = new Float64Array(Math.max(4, capacity));
    this.end = new Float64Array(Math.max(4, capacity));
  }

  /** Starts the units of the next coder. */
  open(): void {
    const size = this.first[this.coders]!;
    this.coders++;
    if (this.coders + 1 > this.first.length) {
      const first = new Int32Array(this.first.length * 2);
      first.set(this.first);
      this.first = first;
    }
    this.first[this.coders] = size;
  }

  /** Adds [start, end) to the open coder; `start` must not be below the previous start of that coder. */
  add(start: number, end: number): void {
    if (end <= start) return;
    const size = this.first[this.coders]!;
    const last = size - 1;
    if (last >= this.first[this.coders - 1]! && start <= this.end[last]!) {
      if (end > this.end[last]!) this.end[last] = end;
      return;
    }
    if (size === this.start.length) this.grow();
    this.start[size] = start;
    this.end[size] = end;
    this.first[this.coders] = size + 1;
  }

  reset(): void {
    this.coders = 0;
    this.first[0] = 0;
  }

  private grow() {
    const start = new Float64Array(this.start.length * 2);
    const end = new Float64Array(this.end.length * 2);
    start.set(this.start);
    end.set(this.end);
    this.start = start;
    this.end = end;
  }
}

/** Characters coder c coded. */
export function coveredLength(u: CoderUnits, c: number): number {
  let s = 0;
  for (let k = u.first[c]!; k < u.first[c + 1]!; k++) s += u.end[k]! - u.start[k]!;
  return s;
}

/** Characters both coder a and coder b coded. */
export function overlapLength(u: CoderUnits, a: number, b: number): number {
  let both = 0;
  let i = u.first[a]!;
  let j = u.first[b]!;
  const ta = u.first[a + 1]!;
  const tb = u.first[b + 1]!;
  while (i < ta && j < tb) {
    const lo = Math.max(u.start[i]!, u.start[j]!);
    const hi = Math.min(u.end[i]!, u.end[j]!);
    if (hi > lo) both += hi - lo;
    if (u.end[i]! < u.end[j]!) i++;
    else j++;
  }
  return both;
}

let boundaryScratch = new Float64Array(256);

/** `histogram[j]` = characters of [0, length) coded by exactly j of the coders (j = 0…m). */
export function unitsHistogram(length: number, u: CoderUnits): number[] {
  const m = u.coders;
  const n = u.first[m]!;
  if (boundaryScratch.length < 2 * n) boundaryScratch = new Float64Array(2 * n);
  // Sorted starts and sorted ends: the depth at any point is (starts passed) − (ends passed).
  const starts = boundaryScratch.subarray(0, n);
  const ends = boundaryScratch.subarray(n, 2 * n);
  starts.set(u.start.subarray(0, n));
  ends.set(u.end.subarray(0, n));
  starts.sort();
  ends.sort();
  const histogram = new Array<number>(m + 1).fill(0);
  let depth = 0;
  let at = 0;
  for (let i = 0, j = 0; i < n || j < n;) {
    // At equal positions, ends first: zero-length stretches add nothing either way.
    const position = j < n && (i >= n || ends[j]! <= starts[i]!) ? ends[j]! : starts[i]!;
    histogram[depth]! += position - at;
    at = position;
    if (j < n && (i >= n || ends[j]! <= starts[i]!)) {
      depth--;
      j++;
    } else {
      depth++;
      i++;
    }
  }
  histogram[0]! += length - at;
  return histogram;
}

// Whole numbers whose square / cube is exact in a double: there l·l·l equals l ** 3 (a pow call,
// which returns the exact integer when it is representable) and is much faster.
const square = (l: number) => (Math.abs(l) <= 94_906_265 && Number.isInteger(l) ? l * l : l ** 2);
const cube = (l: number) => (Math.abs(l) <= 208_063 && Number.isInteger(l) ? l * l * l : l ** 3);

/**
 * Σ δ² over the sections of coders a and b (both orders count once here): overlapping coded units
 * add (b_a − b_b)² + (e_a − e_b)²; a coded unit that overlaps none of the other coder's units lies
 * inside one of that coder's gaps and adds its length².
 */
function pairDistance(u: CoderUnits, a: number, b: number): number {
  let sum = 0;
  let i = u.first[a]!;
  let j = u.first[b]!;
  const ta = u.first[a + 1]!;
  const tb = u.first[b + 1]!;
  let hitA = false;
  let hitB = false;
  while (i < ta && j < tb) {
    const sa = u.start[i]!;
    const ea = u.end[i]!;
    const sb = u.start[j]!;
    const eb = u.end[j]!;
    if (sa < eb && sb < ea) {
      sum += square(sa - sb) + square(ea - eb);
      hitA = true;
      hitB = true;
    }
    if (ea <= eb) {
      if (!hitA) sum += square(ea - sa);
      i++;
      hitA = false;
    } else {
      if (!hitB) sum += square(eb - sb);
      j++;
      hitB = false;
    }
  }
  for (; i < ta; i++, hitA = false) if (!hitA) sum += square(u.end[i]! - u.start[i]!);
  for (; j < tb; j++, hitB = false) if (!hitB) sum += square(u.end[j]! - u.start[j]!);
  return sum;
}

let gapScratch = new Float64Array(256);

let suffixScratch = new Float64Array(257);

/**
 * Krippendorff's unitizing alpha α_u of the units on a continuum of `length` characters; see
 * `unitizingAlpha` in `agreement-intervals.ts` for the formula. With whole-number offsets (text
 * offsets) D_o's terms are whole numbers and D_e's sums run in the order of the formula's
 * reference loop, so the results are those of that loop to the last bit.
 */
export function unitsAlpha(length: number, u: CoderUnits): number {
  const m = u.coders;
  if (m < 2 || length <= 0) return Number.NaN;
  let observed = 0;
  // δ² is symmetric, so each unordered pair of coders counts twice (all terms are whole numbers).
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) observed += 2 * pairDistance(u, a, b);
  const dO = observed / (m * (m - 1) * length ** 2);
  const n = u.first[m]!;
  if (n === 0) return Number.NaN;
  // Every coder's gaps: before, between and after its units.
  if (gapScratch.length < n + m) gapScratch = new Float64Array(2 * (n + m));
  let g = 0;
  for (let c = 0; c < m; c++) {
    let at = 0;
    for (let k = u.first[c]!; k < u.first[c + 1]!; k++) {
      if (u.start[k]! > at) gapScratch[g++] = u.start[k]! - at;
      at = u.end[k]!;
    }
    if (at < length) gapScratch[g++] = length - at;
  }
  const gaps = gapScratch;
  if (g > 32) gaps.subarray(0, g).sort();
  else {
    // Few gaps (one transcript): insertion sort, without a typed-array view per call.
    for (let i = 1; i < g; i++) {
      const x = gaps[i]!;
      let j = i - 1;
      for (; j >= 0 && gaps[j]! > x; j--) gaps[j + 1] = gaps[j]!;
      gaps[j + 1] = x;
    }
  }
  // Suffix sums over gaps sorted by length, for Σ_{l_g ≥ l} (l_g − l + 1).
  if (suffixScratch.length < g + 1) suffixScratch = new Float64Array(2 * (g + 1));
  const suffixLength = suffixScratch;
  suffixLength[g] = 0;
  for (let k = g - 1; k >= 0; k--) suffixLength[k] = suffixLength[k + 1]! + gaps[k]!;
  let numerator = 0;
  let correction = 0;
  for (let k = 0; k < n; k++) {
    const l = u.end[k]! - u.start[k]!;
    let lo = 0;
    let hi = g;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]! >= l) hi = mid;
      else lo = mid + 1;
    }
    const count = g - lo;
    const l2 = square(l);
    numerator += ((n - 1) / 3) * (2 * cube(l) - 3 * l2 + l) + l2 * (suffixLength[lo]! - count * (l - 1));
    correction += l * (l - 1);
  }
  const dE = ((2 / length) * numerator) / (m * length * (m * length - 1) - correction);
  return dE === 0 ? Number.NaN : 1 - dO / dE;
}
