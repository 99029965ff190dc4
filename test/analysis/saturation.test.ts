import { describe, expect, it } from 'vitest';
import { firstAppearances, guestSaturation, newCodesPerInterview, rollUpCodes, sensitivityTable } from '../../server/analysis/saturation';

// Ten interviews. Base of 4 holds 20 codes (c1..c20); then the new codes per interview are
// 5: c21, 6: none, 7: c22, 8: none, 9: none, 10: none.
const base = Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => `c${i * 5 + j + 1}`));
const interviews = [...base, ['c1', 'c21'], ['c2'], ['c22', 'c3'], ['c4'], ['c5'], ['c6']];

describe('saturation (Guest, Namey & Chen 2020)', () => {
  it('finds new codes per interview and the cumulative curve', () => {
    const curve = newCodesPerInterview(interviews);
    expect(curve.map((c) => c.newCodes.length)).toEqual([5, 5, 5, 5, 1, 0, 1, 0, 0, 0]);
    expect(curve.map((c) => c.cumulative)).toEqual([5, 10, 15, 20, 21, 21, 22, 22, 22, 22]);
  });

  it('reports b+n with runs and ratios to the base', () => {
    // Base 4 (20 codes), run 2, ≤5 %: run 5–6 brings c21 → 1/20 = 5 % ≤ 5 % → reached at "4+2".
    const five = guestSaturation(interviews, { baseSize: 4, runLength: 2, threshold: 0.05 });
    expect(five).toMatchObject({ reached: true, label: '4+2', baseCodes: 20, saturationIndex: 6 });
    expect(five.runs).toEqual([{ start: 4, end: 5, newCodes: ['c21'], ratio: 0.05 }]);
    // With 0 %: 5–6 (c21), 6–7 (c22), 7–8 (c22) bring something; 8–9 brings nothing → "4+5".
    const zero = guestSaturation(interviews, { baseSize: 4, runLength: 2, threshold: 0 });
    expect(zero.label).toBe('4+5');
    expect(zero.runs.map((r) => r.newCodes)).toEqual([['c21'], ['c22'], ['c22'], []]);
    // Run of 3 with 0 %: 5–7 (c21, c22), 6–8 (c22), 7–9 (c22), 8–10 (none) → "4+6".
    expect(guestSaturation(interviews, { baseSize: 4, runLength: 3, threshold: 0 }).label).toBe('4+6');
  });

  it('is not reached when every complete run brings too much, or the data is too short', () => {
    const busy = [['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g']];
    const result = guestSaturation(busy, { baseSize: 4, runLength: 2, threshold: 0.05 });
    expect(result).toMatchObject({ reached: false, label: null, saturationIndex: null });
    expect(result.runs.map((r) => r.ratio)).toEqual([0.5, 0.5]); // 5–6 and 6–7; no incomplete run
    expect(guestSaturation([['a'], ['b']], { baseSize: 4, runLength: 2, threshold: 0.05 }).reached).toBe(false);
    const empty = guestSaturation([[], [], [], [], ['a'], []], { baseSize: 4, runLength: 2, threshold: 0.05 });
    expect(empty.reached).toBe(false);
    expect(empty.runs[0]!.ratio).toBeNaN();
    expect(() => guestSaturation(interviews, { baseSize: 0, runLength: 2, threshold: 0 })).toThrow(RangeError);
  });

  it('gives a sensitivity table over base sizes, run lengths and thresholds', () => {
    const table = sensitivityTable(interviews);
    expect(table).toHaveLength(12);
    expect(table.find((r) => r.baseSize === 4 && r.runLength === 2 && r.threshold === 0.05)!.label).toBe('4+2');
    expect(table.find((r) => r.baseSize === 6 && r.runLength === 2 && r.threshold === 0)!.label).toBe('6+3'); // 7–8 (c22), 8–9 none
    expect(table.find((r) => r.baseSize === 5 && r.runLength === 3 && r.threshold === 0)!.label).toBe('5+5');
  });

  it('tells where each code first appeared, and rolls codes up the hierarchy', () => {
    const ids = interviews.map((_, i) => `i${i + 1}`);
    const first = firstAppearances(interviews, ids);
    expect(first.find((f) => f.code === 'c22')).toEqual({ code: 'c22', firstInterview: 'i7', firstIndex: 6, interviews: 1 });
    expect(first.find((f) => f.code === 'c1')).toMatchObject({ firstInterview: 'i1', interviews: 2 });
    const parents = new Map<string, string | null>([['root', null], ['mid', 'root'], ['leaf', 'mid'], ['other', null]]);
    expect(rollUpCodes([['leaf', 'mid'], ['other']], parents, 1)).toEqual([['root'], ['other']]);
    expect(rollUpCodes([['leaf', 'mid'], ['other']], parents, 2)).toEqual([['mid'], ['other']]);
  });
});
