/**
 * Agreement between coders: pure functions with their formulas and references. Undefined cases
 * (no data, a single category, no variation to compare) return NaN, never a number that looks valid.
 * Character-level counting and unitizing live in `agreement-intervals.ts`; both are re-exported here.
 */
export * from './agreement-intervals';
import type { BinaryCounts } from './agreement-intervals';

export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio';
type Value = string | number;

/**
 * Cohen's kappa for two coders over the same units (Cohen 1960):
 * κ = (p_o − p_e) / (1 − p_e), with p_o the share of units both coders labelled alike and
 * p_e = Σ_c p_A(c)·p_B(c) the agreement expected from each coder's own label frequencies.
 *
 * @example
 * cohenKappa(['y', 'y', 'n', 'n'], ['y', 'n', 'n', 'n']) // 0.5
 */
export function cohenKappa(a: readonly Value[], b: readonly Value[]): number {
  if (a.length !== b.length) throw new RangeError('cohenKappa needs two label lists of the same length');
  const labels = [...new Set([...a, ...b])];
  const index = new Map(labels.map((l, i) => [l, i]));
  const table = labels.map(() => labels.map(() => 0));
  a.forEach((x, i) => table[index.get(x)!]![index.get(b[i]!)!]! += 1);
  return cohenKappaFromTable(table);
}

/** Cohen's kappa from a k×k table: `table[i][j]` = units coder A put in category i and coder B in j. */
export function cohenKappaFromTable(table: readonly (readonly number[])[]): number {
  const n = sum(table.map(sum));
  if (n === 0) return Number.NaN;
  const po = sum(table.map((row, i) => row[i]!)) / n;
  const pe = sum(table.map((row, i) => (sum(row) / n) * (sum(table.map((r) => r[i]!)) / n)));
  return pe === 1 ? Number.NaN : (po - pe) / (1 - pe);
}

/** Share of units on which the coders agree (the diagonal of the table), or NaN without units. */
export function percentAgreement(table: readonly (readonly number[])[]): number {
  const n = sum(table.map(sum));
  return n === 0 ? Number.NaN : sum(table.map((row, i) => row[i]!)) / n;
}

/**
 * Brennan & Prediger's (1981) kappa, with chance agreement 1/q for q categories:
 * κ_n = (p_o − 1/q) / (1 − 1/q). `categories` defaults to the table's size.
 */
export function brennanPrediger(table: readonly (readonly number[])[], categories = table.length): number {
  if (categories < 2) return Number.NaN;
  const po = percentAgreement(table);
  return (po - 1 / categories) / (1 - 1 / categories);
}

/**
 * Fleiss' kappa for any number of raters (Fleiss 1971). `counts[i][j]` = raters who put subject i
 * in category j; every subject has the same number of raters n.
 * P_i = (Σ_j n_ij² − n) / (n(n − 1)), P̄ = mean P_i, p_j = Σ_i n_ij / (N n), P̄_e = Σ_j p_j²,
 * κ = (P̄ − P̄_e) / (1 − P̄_e).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number {
  if (counts.length === 0) return Number.NaN;
  const raters = sum(counts[0]!);
  if (counts.some((row) => sum(row) !== raters)) throw new RangeError('fleissKappa needs the same number of raters for every subject');
  if (raters < 2) return Number.NaN;
  const subjects = counts.length;
  const pBar = sum(counts.map((row) => (sum(row.map((x) => x * x)) - raters) / (raters * (raters - 1)))) / subjects;
  const categories = counts[0]!.length;
  const p = Array.from({ length: categories }, (_, j) => sum(counts.map((row) => row[j]!)) / (subjects * raters));
  const pe = sum(p.map((x) => x * x));
  return pe === 1 ? Number.NaN : (pBar - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability";
 * Krippendorff 2019, Content Analysis, ch. 12). `data` is coders × units, `null` = missing.
 * Units with fewer than two values are not pairable and drop out. From the coincidences
 * o_ck = Σ_u (pairs c–k in unit u) / (m_u − 1), n_c = Σ_k o_ck and n = Σ_c n_c:
 * α = 1 − (n − 1) · Σ_{c,k} o_ck δ²_ck / Σ_{c,k} n_c n_k δ²_ck, with
 * nominal δ² = [c ≠ k]; interval δ² = (c − k)²; ratio δ² = ((c − k)/(c + k))²;
 * ordinal δ²_ck = (Σ_{g from c to k} n_g − (n_c + n_k)/2)² over the ordered values.
 *
 * @example
 * krippendorffAlpha([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]], 'nominal') // 0.095
 */
export function krippendorffAlpha(data: readonly (readonly (Value | null)[])[], level: Level): number {
  const values = [...new Set(data.flat().filter((v): v is Value => v !== null))];
  if (level !== 'nominal' && values.some((v) => typeof v !== 'number')) throw new RangeError(`${level} alpha needs numbers`);
  values.sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))));
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const units = Math.max(0, ...data.map((row) => row.length));
  for (let u = 0; u < units; u++) {
    const inUnit = data.map((row) => row[u] ?? null).filter((v): v is Value => v !== null).map((v) => index.get(v)!);
    const m = inUnit.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[inUnit[i]!]![inUnit[j]!]! += 1 / (m - 1);
  }
  return alphaFromCoincidences(o, values, level);
}

/** Krippendorff's alpha from a coincidence matrix over the (ordered) `values`. */
export function alphaFromCoincidences(o: readonly (readonly number[])[], values: readonly Value[], level: Level): number {
  const nc = o.map(sum);
  const n = sum(nc);
  if (n <= 1) return Number.NaN;
  const delta = metric(values, nc, level);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      observed += o[c]![k]! * delta(c, k);
      expected += nc[c]! * nc[k]! * delta(c, k);
    }
  }
  return expected === 0 ? Number.NaN : 1 - ((n - 1) * observed) / expected;
}

function metric(values: readonly Value[], nc: number[], level: Level): (c: number, k: number) => number {
  const num = (i: number) => values[i] as number;
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (num(c) - num(k)) ** 2;
    case 'ratio':
      return (c, k) => (num(c) + num(k) === 0 ? 0 : ((num(c) - num(k)) / (num(c) + num(k))) ** 2);
    case 'ordinal': {
      const cumulative = [0];
      for (const x of nc) cumulative.push(cumulative[cumulative.length - 1]! + x);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1]! - cumulative[lo]! - (nc[c]! + nc[k]!) / 2) ** 2;
      };
    }
  }
}

/** Presence of a code per document by each coder (`presence[coder][document]`): kappa (two coders) and nominal alpha. */
export function documentLevelAgreement(presence: readonly (readonly (boolean | null)[])[]) {
  // Two coders: the 2×2 table of documents both judged (with cohenKappa's label order it gives the same value).
  let pairs = 0;
  let alike = 0;
  const table = [[0, 0], [0, 0]];
  const seen = [false, false];
  if (presence.length === 2) {
    const [a, b] = presence as [readonly (boolean | null)[], readonly (boolean | null)[]];
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i] ?? null;
      if (x === null || x === undefined || y === null) continue;
      pairs++;
      if (x === y) alike++;
      table[x ? 0 : 1]![y ? 0 : 1]! += 1;
      seen[x ? 0 : 1] = true;
      seen[y ? 0 : 1] = true;
    }
  }
  const labels = [0, 1].filter((l) => seen[l]);
  return {
    krippendorffAlpha: presenceAlpha(presence),
    cohenKappa: pairs > 0 ? cohenKappaFromTable(labels.map((i) => labels.map((j) => table[i]![j]!))) : Number.NaN,
    percent: pairs > 0 ? alike / pairs : Number.NaN,
  };
}

/**
 * `krippendorffAlpha` of presence data (true = 1, false = 0, null = missing), nominal, without a
 * list per unit: the same coincidences, added in the same order, so the same value to the last bit.
 */
function presenceAlpha(presence: readonly (readonly (boolean | null)[])[]): number {
  const units = Math.max(0, ...presence.map((row) => row.length));
  let seen0 = false;
  let seen1 = false;
  // o[c][k] as o00, o01, o10, o11 over the values 0 and 1.
  let o00 = 0;
  let o01 = 0;
  let o10 = 0;
  let o11 = 0;
  for (let u = 0; u < units; u++) {
    let ones = 0;
    let m = 0;
    for (const row of presence) {
      const v = row[u] ?? null;
      if (v === null) continue;
      m++;
      if (v) ones++;
    }
    if (ones > 0) seen1 = true;
    if (m - ones > 0) seen0 = true;
    if (m < 2) continue;
    const w = 1 / (m - 1);
    // The reference adds w once per ordered pair i ≠ j; repeated additions, as there.
    for (let i = 0; i < presence.length; i++) {
      const vi = presence[i]![u] ?? null;
      if (vi === null) continue;
      for (let j = 0; j < presence.length; j++) {
        if (j === i) continue;
        const vj = presence[j]![u] ?? null;
        if (vj === null) continue;
        if (vi) {
          if (vj) o11 += w;
          else o10 += w;
        } else if (vj) o01 += w;
        else o00 += w;
      }
    }
  }
  if (seen0 && seen1) return alphaFromCoincidences([[o00, o01], [o10, o11]], [0, 1], 'nominal');
  // One value only: a single category, no variation to compare.
  const only = seen1 ? o11 : o00;
  return alphaFromCoincidences([[only]], [seen1 ? 1 : 0], 'nominal');
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/**
 * Character-level agreement of two coders from per-character counts: every character of the
 * documents is a unit, coded or not by each coder; a character coded by neither is agreement on
 * absence. Percent agreement, Cohen's kappa, Krippendorff's binary alpha and Brennan–Prediger.
 * The general formulas on the 2×2 table, written out (called per code × transcript): the same
 * operations in the same order, so the same values to the last bit.
 */
export function characterAgreement(counts: BinaryCounts) {
  const { both, onlyA, onlyB, neither } = counts;
  const n = (both + onlyA) + (onlyB + neither);
  const disagree = onlyA + onlyB;
  // Table [[both, onlyA], [onlyB, neither]]: rows r, columns c.
  const po = (both + neither) / n;
  const pe = ((both + onlyA) / n) * ((both + onlyB) / n) + ((onlyB + neither) / n) * ((onlyA + neither) / n);
  const percent = n === 0 ? Number.NaN : po;
  // Two coders, every character pairable: o_01 = o_10 = disagreements, o_11 = 2·both, o_00 = 2·neither.
  const nc0 = 2 * neither + disagree;
  const nc1 = disagree + 2 * both;
  const pairs = nc0 + nc1;
  const expected = nc0 * nc1 + nc1 * nc0;
  return {
    percent,
    cohenKappa: n === 0 || pe === 1 ? Number.NaN : (po - pe) / (1 - pe),
    krippendorffAlpha: pairs <= 1 || expected === 0 ? Number.NaN : 1 - ((pairs - 1) * (disagree + disagree)) / expected,
    brennanPrediger: (percent - 1 / 2) / (1 - 1 / 2),
    counts,
  };
}

/**
 * Character-level agreement of m ≥ 2 coders from `histogram[j]` = characters coded by exactly j
 * coders: Fleiss' kappa and Krippendorff's binary alpha (each character a unit with m values),
 * and the mean pairwise agreement P̄.
 */
export function multiCoderCharacterAgreement(histogram: readonly number[]) {
  const m = histogram.length - 1;
  const units = sum(histogram);
  if (m < 2 || units === 0) return { fleissKappa: Number.NaN, krippendorffAlpha: Number.NaN, percent: Number.NaN };
  let pairsAlike = 0;
  let ones = 0;
  const o = [[0, 0], [0, 0]];
  histogram.forEach((h, j) => {
    pairsAlike += (h * (j * (j - 1) + (m - j) * (m - j - 1))) / (m * (m - 1));
    ones += h * j;
    o[1]![1]! += (h * j * (j - 1)) / (m - 1);
    o[0]![0]! += (h * (m - j) * (m - j - 1)) / (m - 1);
    o[0]![1]! += (h * j * (m - j)) / (m - 1);
    o[1]![0]! += (h * j * (m - j)) / (m - 1);
  });
  const pBar = pairsAlike / units;
  const p1 = ones / (units * m);
  const pe = p1 ** 2 + (1 - p1) ** 2;
  return {
    fleissKappa: pe === 1 ? Number.NaN : (pBar - pe) / (1 - pe),
    krippendorffAlpha: alphaFromCoincidences(o, [0, 1], 'nominal'),
    percent: pBar,
  };
}
