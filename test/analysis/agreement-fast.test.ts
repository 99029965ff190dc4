/**
 * The fast agreement paths (typed-array sweeps, grouped passages, written-out 2×2 formulas) against
 * straightforward reference computations on random data: the same numbers, to the last bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryAgreementFromIntervals, characterAgreement, coverageHistogram, documentLevelAgreement, unitizingAlpha, type Interval,
} from '../../server/analysis/agreement';
import { agreementTables } from '../../server/features/analysis/agreement-tables';
import type { AnalysisData } from '../../server/features/analysis/analysis-data';
import {
  refAgreementTables, refBinaryCounts, refCharacterAgreement, refDocumentLevel, refHistogram, refUnitizingAlpha,
} from './agreement-reference';

const RUNS = { numRuns: 300 };

/** Intervals on a text of `length`: some overlapping, touching, empty, or reaching past either end. */
const intervals = (length: number) => fc.array(
  fc.tuple(fc.integer({ min: -5, max: length + 5 }), fc.integer({ min: -3, max: 60 })).map(([start, size]): Interval => ({ start, end: start + size })),
  { maxLength: 12 },
);
const coded = fc.integer({ min: 1, max: 300 }).chain((length) => fc.tuple(fc.constant(length), fc.array(intervals(length), { minLength: 2, maxLength: 4 })));

/** Same number, NaN included. */
const same = (actual: number, expected: number) => expect(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected))).toBe(true);

describe('fast interval kernels against the reference loops', () => {
  it('counts characters like a loop over every pair of units and every character', () => {
    fc.assert(fc.property(coded, ([length, coders]) => {
      expect(binaryAgreementFromIntervals(length, coders[0]!, coders[1]!)).toEqual(refBinaryCounts(length, coders[0]!, coders[1]!));
      expect(coverageHistogram(length, coders)).toEqual(refHistogram(length, coders));
    }), RUNS);
  });

  it('gives the unitizing alpha of the section-by-section formula, bit for bit', () => {
    fc.assert(fc.property(coded, ([length, coders]) => {
      same(unitizingAlpha(length, coders), refUnitizingAlpha(length, coders));
    }), RUNS);
  });

  it('gives the same unitizing alpha for long units (beyond exact cubes) and a long continuum', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 1, max: 400_000 })), { maxLength: 6 }), { minLength: 2, maxLength: 3 }),
      (raw) => {
        const coders = raw.map((list) => list.map(([start, size]) => ({ start, end: start + size })));
        same(unitizingAlpha(3_500_000, coders), refUnitizingAlpha(3_500_000, coders));
      },
    ), { numRuns: 100 });
  });

  it('computes character-level metrics like the general table formulas', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 ** 40 }));
    fc.assert(fc.property(fc.record({ both: count, onlyA: count, onlyB: count, neither: count }), (counts) => {
      const fast = characterAgreement(counts);
      const ref = refCharacterAgreement(counts);
      for (const k of ['percent', 'cohenKappa', 'krippendorffAlpha', 'brennanPrediger'] as const) same(fast[k], ref[k]);
    }), RUNS);
  });

  it('computes document-level agreement like krippendorffAlpha and cohenKappa on label lists', () => {
    const presence = fc.integer({ min: 0, max: 12 }).chain((documents) => fc.array(
      fc.array(fc.oneof(fc.boolean(), fc.constant(null)), { minLength: documents, maxLength: documents }),
      { minLength: 2, maxLength: 5 },
    ));
    fc.assert(fc.property(presence, (rows) => {
      const fast = documentLevelAgreement(rows);
      const ref = refDocumentLevel(rows);
      for (const k of ['percent', 'cohenKappa', 'krippendorffAlpha'] as const) same(fast[k], ref[k]);
    }), RUNS);
  });
});

/** A small project: documents, codes under a group, passages by a few coders (some past the text's end). */
const project = fc.record({
  lengths: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 5 }),
  codes: fc.integer({ min: 1, max: 4 }),
  coders: fc.integer({ min: 2, max: 4 }),
  raw: fc.array(fc.record({
    // Starts and ends at a document's edges are frequent: units touching across documents join on the continuum.
    doc: fc.nat(), code: fc.nat(), coder: fc.nat({ max: 5 }),
    start: fc.oneof(fc.constantFrom(-2, 0, 1000), fc.integer({ min: -2, max: 210 })), size: fc.oneof(fc.constantFrom(-1, 0, 1000), fc.integer({ min: -1, max: 80 })),
  }), { maxLength: 60 }),
  spill: fc.boolean(),
}).map(({ lengths, codes, coders, raw, spill }): AnalysisData => ({
  documents: lengths.map((length, i) => ({ id: `d${i}`, name: `Doc ${i}`, respondentGroup: null, language: 'en', interviewDate: null, createdAt: '', length, revisionId: `r${i}` })),
  codes: [
    { id: 'g', parentId: null, name: 'Group', color: '#000', archived: false, position: 0 },
    ...Array.from({ length: codes }, (_, i) => ({ id: `k${i}`, parentId: 'g', name: `Code ${codes - i}`, color: '#000', archived: false, position: i })),
  ],
  passages: raw.map((p, i) => {
    const length = lengths[p.doc % lengths.length]!;
    // Mostly inside the document; with `spill`, passages may reach past its end as stale offsets would.
    const start = spill ? p.start : Math.max(0, Math.min(length, p.start));
    const end = spill ? start + p.size : Math.min(length, start + Math.max(0, p.size));
    // (1000 stands for "to the end": clamped inside the document unless `spill`.)
    return { segmentId: `s${i}`, documentId: `d${p.doc % lengths.length}`, start, end, coderId: p.coder < coders ? `c${p.coder}` : null, codeId: `k${p.code % codes}` };
  }),
}));

describe('agreement tables against the per code × transcript reference loop', () => {
  const requests = fc.record({
    coderIds: fc.option(fc.array(fc.constantFrom('c0', 'c1', 'c2', 'c3', 'c0'), { minLength: 2, maxLength: 4 }), { nil: undefined }),
    documentIds: fc.option(fc.array(fc.constantFrom('d0', 'd1', 'd2', 'd9'), { maxLength: 3 }), { nil: undefined }),
    codeIds: fc.option(fc.array(fc.constantFrom('k0', 'k1', 'k2', 'k0', 'none'), { maxLength: 3 }), { nil: undefined }),
  });

  it('gives the same cells, per-code rows and pooled counts', () => {
    fc.assert(fc.property(project, requests, (data, request) => {
      let expected;
      try {
        expected = refAgreementTables(data, request);
      } catch {
        // Fewer than two coders: the reference cannot run, the service refuses.
        expect(() => agreementTables(data, request)).toThrow(/two coders/);
        return;
      }
      expect(agreementTables(data, request)).toEqual(expected);
      // A second request on the same (cached) columns gives the same again.
      expect(agreementTables(data, request)).toEqual(expected);
    }), { numRuns: 400 });
  });
});

describe('agreement tables on edge cases', () => {
  const doc = (id: string, length: number) => ({ id, name: id, respondentGroup: null, language: 'en', interviewDate: null, createdAt: '', length, revisionId: `r-${id}` });
  const passage = (i: number, documentId: string, coderId: string, start: number, end: number) => ({ segmentId: `s${i}`, documentId, start, end, coderId, codeId: 'k' });

  it('joins a unit that ends a transcript with one that starts the next on the continuum, as the reference does', () => {
    const data: AnalysisData = {
      documents: [doc('d0', 10), doc('d1', 10)],
      codes: [{ id: 'k', parentId: null, name: 'K', color: '#000', archived: false, position: 0 }],
      passages: [
        passage(0, 'd0', 'a', 5, 10), passage(1, 'd1', 'a', 0, 5), passage(2, 'd1', 'a', 5, 7),
        passage(3, 'd0', 'b', 4, 10), passage(4, 'd1', 'b', 0, 6),
      ],
    };
    const result = agreementTables(data, {});
    expect(result).toEqual(refAgreementTables(data, {}));
    // a's units laid end to end: [5, 17) as one unit; b's: [4, 16).
    expect(result.perCode[0]!.unitizingAlpha).toBe(Math.round(refUnitizingAlpha(20, [[{ start: 5, end: 17 }], [{ start: 4, end: 16 }]]) * 10_000) / 10_000);
  });
});
