import { describe, expect, it } from 'vitest';
import { codeFrequencies, cooccurrence, crosstab, type Passage, type Turn } from '../../server/analysis/code-tables';

const p = (segmentId: string, documentId: string, start: number, end: number, codeId: string, coderId = 'u1'): Passage => ({ segmentId, documentId, start, end, codeId, coderId });

// Document d1: turn 0 [0,20) interviewer, turn 1 [22,60) respondent r1, turn 2 [62,90) respondent r1.
// Document d2: turn 0 [0,40) respondent r2.
const turns = new Map<string, Turn[]>([
  ['d1', [{ start: 0, end: 20, speakerId: 'i', role: 'interviewer' }, { start: 22, end: 60, speakerId: 'r1', role: 'respondent' }, { start: 62, end: 90, speakerId: 'r1', role: 'respondent' }]],
  ['d2', [{ start: 0, end: 40, speakerId: 'r2', role: 'respondent' }]],
]);

const passages = [
  p('s1', 'd1', 25, 40, 'A'), p('s1', 'd1', 25, 40, 'B'), // one segment, two codes
  p('s2', 'd1', 35, 50, 'C'), // overlaps s1
  p('s3', 'd1', 40, 45, 'A', 'u2'), // touches s1 (no overlap), overlaps s2
  p('s4', 'd1', 70, 80, 'C'), // turn 2
  p('s5', 'd2', 5, 10, 'A'), p('s6', 'd2', 30, 35, 'B'),
];

describe('code tables', () => {
  it('counts passages, transcripts, respondents and coders per code', () => {
    const byCode = Object.fromEntries(codeFrequencies(passages, turns).map((f) => [f.codeId, f]));
    expect(byCode.A).toEqual({ codeId: 'A', segments: 3, documents: 2, respondents: 2, coders: 2 });
    expect(byCode.B).toEqual({ codeId: 'B', segments: 2, documents: 2, respondents: 2, coders: 1 });
    expect(byCode.C).toEqual({ codeId: 'C', segments: 2, documents: 1, respondents: 1, coders: 1 });
  });

  it('crosstabs codes by an attribute with row and column percentages', () => {
    const group = new Map([['d1', 'belgian'], ['d2', 'international'], ['d3', 'belgian']]);
    const docs = crosstab(passages, group, ['A', 'C'], 'documents');
    expect(docs.columns).toEqual(['belgian', 'international']);
    expect(docs.columnTotals).toEqual([2, 1]);
    expect(docs.rows[0]!.cells.map((c) => c.count)).toEqual([1, 1]);
    expect(docs.rows[0]!.cells.map((c) => c.columnPercent)).toEqual([50, 100]);
    expect(docs.rows[0]!.cells.map((c) => c.rowPercent)).toEqual([50, 50]);
    expect(docs.rows[1]!.cells.map((c) => c.count)).toEqual([1, 0]);
    const segs = crosstab(passages, group, ['A'], 'segments');
    expect(segs.rows[0]!.cells.map((c) => c.count)).toEqual([2, 1]);
    expect(segs.rows[0]!.total).toBe(3);
  });

  it('counts overlapping passages and shared turns', () => {
    const overlap = cooccurrence(passages, ['A', 'B', 'C'], 'overlap', turns);
    // A–B: s1 holds both. A–C: s1 overlaps s2, s3 overlaps s2. B–C: s1 overlaps s2.
    expect(overlap).toEqual([
      [3, 1, 2],
      [1, 2, 1],
      [2, 1, 2],
    ]);
    const turn = cooccurrence(passages, ['A', 'B', 'C'], 'turn', turns);
    // Turns with codes: d1 turn1 {A,B,C}, d1 turn2 {C}, d2 turn0 {A,B}.
    expect(turn).toEqual([
      [2, 2, 1],
      [2, 2, 1],
      [1, 1, 2],
    ]);
  });
});
