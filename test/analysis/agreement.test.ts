import { describe, expect, it } from 'vitest';
import {
  binaryAgreementFromIntervals, brennanPrediger, characterAgreement, cohenKappa, cohenKappaFromTable, coverageHistogram,
  documentLevelAgreement, fleissKappa, krippendorffAlpha, multiCoderCharacterAgreement, percentAgreement, unitizingAlpha,
} from '../../server/analysis/agreement';

const _ = null;
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, missing data.
const RELIABILITY_DATA = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("Krippendorff's alpha", () => {
  it('reproduces the worked example for every level of measurement', () => {
    expect(krippendorffAlpha(RELIABILITY_DATA, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(RELIABILITY_DATA, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(RELIABILITY_DATA, 'interval')).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(RELIABILITY_DATA, 'ratio')).toBeCloseTo(0.797, 3);
  });

  it('reproduces the binary two-observer example', () => {
    expect(krippendorffAlpha([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]], 'nominal')).toBeCloseTo(0.095, 3);
  });

  it('is NaN when undefined', () => {
    expect(krippendorffAlpha([], 'nominal')).toBeNaN();
    expect(krippendorffAlpha([[1, _], [_, 2]], 'nominal')).toBeNaN(); // nothing pairable
    expect(krippendorffAlpha([['a', 'a'], ['a', 'a']], 'nominal')).toBeNaN(); // one category only
    expect(() => krippendorffAlpha([['a'], ['b']], 'interval')).toThrow(RangeError);
  });
});

describe("Cohen's kappa, percent agreement and Brennan–Prediger", () => {
  it('reproduces the standard 2×2 example (κ = 0.4)', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 3);
    expect(cohenKappaFromTable([[20, 5], [10, 15]])).toBeCloseTo(0.4, 3);
  });

  it('reproduces a three-category textbook table', () => {
    // A 3×3 table: p_o = 0.65; p_e from the margins (30·35 + 40·50 + 30·15)/100² = 0.35 → κ = 0.4615.
    const table = [[25, 5, 0], [5, 30, 5], [5, 15, 10]];
    expect(percentAgreement(table)).toBeCloseTo(0.65, 3);
    const n = 100;
    const pe = (30 * 35 + 40 * 50 + 30 * 15) / (n * n);
    expect(cohenKappaFromTable(table)).toBeCloseTo((0.65 - pe) / (1 - pe), 6);
    expect(cohenKappaFromTable(table)).toBeCloseTo(0.462, 3);
  });

  it('computes Brennan–Prediger with chance 1/q', () => {
    expect(brennanPrediger([[20, 5], [10, 15]])).toBeCloseTo((0.7 - 0.5) / 0.5, 6);
    expect(brennanPrediger([[25, 5, 0], [5, 30, 5], [5, 15, 10]])).toBeCloseTo((0.65 - 1 / 3) / (2 / 3), 6);
  });

  it('is NaN when undefined, and refuses lists of different lengths', () => {
    expect(cohenKappa([], [])).toBeNaN();
    expect(cohenKappa(['a', 'a'], ['a', 'a'])).toBeNaN();
    expect(() => cohenKappa(['a'], ['a', 'b'])).toThrow(RangeError);
    expect(percentAgreement([[0]])).toBeNaN();
  });
});

describe("Fleiss' kappa", () => {
  it('reproduces the worked example (10 subjects, 14 raters, 5 categories → 0.210)', () => {
    const counts = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(counts)).toBeCloseTo(0.21, 3);
    expect(() => fleissKappa([[1, 1], [2, 1]])).toThrow(RangeError);
    expect(fleissKappa([])).toBeNaN();
  });
});

/** Seeded random numbers for property checks. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('character-level agreement from coded intervals', () => {
  it('counts both, only one, and neither exactly like a character loop', () => {
    const rand = random(7);
    for (let round = 0; round < 50; round++) {
      const length = 50 + Math.floor(rand() * 200);
      const make = () => Array.from({ length: Math.floor(rand() * 6) }, () => {
        const start = Math.floor(rand() * length);
        return { start, end: start + 1 + Math.floor(rand() * 40) };
      });
      const a = make();
      const b = make();
      const expected = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
      for (let c = 0; c < length; c++) {
        const inA = a.some((i) => i.start <= c && c < i.end);
        const inB = b.some((i) => i.start <= c && c < i.end);
        expected[inA && inB ? 'both' : inA ? 'onlyA' : inB ? 'onlyB' : 'neither'] += 1;
      }
      expect(binaryAgreementFromIntervals(length, a, b)).toEqual(expected);
      const histogram = coverageHistogram(length, [a, b]);
      expect(histogram).toEqual([expected.neither, expected.onlyA + expected.onlyB, expected.both]);
    }
  });

  it('agrees with the general formulas on the same data', () => {
    const counts = { both: 30, onlyA: 10, onlyB: 5, neither: 155 };
    const result = characterAgreement(counts);
    expect(result.percent).toBeCloseTo(185 / 200, 6);
    expect(result.cohenKappa).toBeCloseTo(cohenKappaFromTable([[30, 10], [5, 155]]), 6);
    const a = [...Array(40).fill(1), ...Array(5).fill(0), ...Array(155).fill(0)];
    const b = [...Array(30).fill(1), ...Array(10).fill(0), ...Array(5).fill(1), ...Array(155).fill(0)];
    expect(result.krippendorffAlpha).toBeCloseTo(krippendorffAlpha([a, b], 'nominal'), 6);
    const multi = multiCoderCharacterAgreement([155, 15, 30]);
    expect(multi.krippendorffAlpha).toBeCloseTo(result.krippendorffAlpha, 6);
    // Fleiss on the same characters as one row per character.
    const rows = [...Array(155).fill([2, 0]), ...Array(15).fill([1, 1]), ...Array(30).fill([0, 2])];
    expect(multi.fleissKappa).toBeCloseTo(fleissKappa(rows), 6);
    expect(characterAgreement({ both: 0, onlyA: 0, onlyB: 0, neither: 100 }).cohenKappa).toBeNaN();
  });

  it('handles three coders through the histogram', () => {
    const histogram = coverageHistogram(100, [[{ start: 10, end: 30 }], [{ start: 15, end: 30 }], [{ start: 10, end: 25 }]]);
    expect(histogram).toEqual([80, 0, 10, 10]);
    const rows = [...Array(80).fill([3, 0]), ...Array(10).fill([1, 2]), ...Array(10).fill([0, 3])];
    expect(multiCoderCharacterAgreement(histogram).fleissKappa).toBeCloseTo(fleissKappa(rows), 6);
  });
});

describe("Krippendorff's unitizing alpha", () => {
  it('is 1 for identical unitizing and symmetric in the coders', () => {
    const a = [{ start: 2, end: 6 }, { start: 20, end: 30 }];
    expect(unitizingAlpha(40, [a, a])).toBeCloseTo(1, 10);
    const b = [{ start: 3, end: 7 }, { start: 20, end: 31 }];
    expect(unitizingAlpha(40, [a, b])).toBeCloseTo(unitizingAlpha(40, [b, a]), 10);
  });

  it('matches a case computed by hand from the formula', () => {
    // L = 10; A codes [2,6), B codes [3,7).
    // D_o: the two coded units overlap: (2−3)² + (6−7)² = 2, counted for (A,B) and (B,A) → 4 / (2·1·10²) = 0.02.
    // D_e: coded lengths 4, 4 (N = 2); gaps 2, 4 (A) and 3, 3 (B).
    //   per coded unit: (N−1)/3·(2·4³ − 3·4² + 4) = 28, plus 4²·Σ_{gaps ≥ 4}(l_g − 4 + 1) = 16·1 → 44; two units → 88;
    //   numerator 2/10 · 88 = 17.6; denominator 20·19 − (4·3 + 4·3) = 356 → D_e = 0.049438…
    // α_u = 1 − 0.02 / 0.049438 = 0.5955.
    expect(unitizingAlpha(10, [[{ start: 2, end: 6 }], [{ start: 3, end: 7 }]])).toBeCloseTo(0.5955, 3);
  });

  it('falls as the boundaries drift apart, and is NaN without units', () => {
    const base = [{ start: 100, end: 200 }];
    const near = unitizingAlpha(1000, [base, [{ start: 105, end: 205 }]]);
    const far = unitizingAlpha(1000, [base, [{ start: 150, end: 250 }]]);
    expect(near).toBeGreaterThan(far);
    expect(unitizingAlpha(100, [[], []])).toBeNaN();
    expect(unitizingAlpha(100, [[{ start: 0, end: 10 }]])).toBeNaN();
  });

  it('copes with 100,000 intervals', () => {
    const rand = random(3);
    const make = () => Array.from({ length: 50_000 }, (_, i) => ({ start: i * 40 + Math.floor(rand() * 10), end: i * 40 + 20 + Math.floor(rand() * 10) }));
    const alpha = unitizingAlpha(2_000_000, [make(), make()]);
    expect(alpha).toBeGreaterThan(0);
    expect(alpha).toBeLessThan(1);
  });
});

describe('document-level agreement', () => {
  it('compares presence per document', () => {
    const result = documentLevelAgreement([[true, true, false, false], [true, false, false, false]]);
    expect(result.percent).toBe(0.75);
    expect(result.cohenKappa).toBeCloseTo(cohenKappa(['t', 't', 'f', 'f'], ['t', 'f', 'f', 'f']), 6);
    expect(result.krippendorffAlpha).toBeCloseTo(krippendorffAlpha([[1, 1, 0, 0], [1, 0, 0, 0]], 'nominal'), 6);
  });
});
