import { describe, expect, it } from 'vitest';
import { countWordsBetween, evaluateQuery, type QuerySegment, type TurnRange } from '../../server/features/queries/evaluate';
import { type CodebookEntry, formatQuery, parseQuery, QueryError, resolveQuery } from '../../server/features/queries/query-language';

describe('parseQuery: precedence and grouping', () => {
  it.each([
    ['[A] AND [B]', '[A] AND [B]'],
    ['[A] OR [B] AND [C]', '[A] OR ([B] AND [C])'],
    ['[A] AND [B] OR [C]', '([A] AND [B]) OR [C]'],
    ['[A] NOT [B] AND [C]', '([A] NOT [B]) AND [C]'],
    ['[A] AND [B] NOT [C]', '[A] AND ([B] NOT [C])'],
    ['[A] NOT [B] NOT [C]', '([A] NOT [B]) NOT [C]'],
    ['[A] OR [B] NOT [C] AND [D]', '[A] OR (([B] NOT [C]) AND [D])'],
    ['[A] AND [B] AND NOT [C]', '([A] AND [B]) NOT [C]'],
    ['([A] OR [B]) AND NOT [C]', '([A] OR [B]) NOT [C]'],
    ['[A] NEAR/5 [B] AND/TURN [C]', '([A] NEAR/5 [B]) AND/TURN [C]'],
    ['[A] AND ([B] OR [C])', '[A] AND ([B] OR [C])'],
    ['((([A])))', '[A]'],
    ['[A] and/turn [B] or [C] near/0 [D]', '([A] AND/TURN [B]) OR ([C] NEAR/0 [D])'],
    ['[A] ET [B] OU [C] SAUF [D]', '([A] AND [B]) OR ([C] NOT [D])'],
    ['[A] en/beurt [B] of [C] niet [D] nabij/3 [E]', '([A] AND/TURN [B]) OR (([C] NOT [D]) NEAR/3 [E])'],
    ['[A] et/tour [B] PRÈS/2 [C]', '([A] AND/TURN [B]) NEAR/2 [C]'],
    ['[A]AND[B]', '[A] AND [B]'],
  ])('%s reads as %s', (input, expected) => {
    expect(formatQuery(parseQuery(input))).toBe(expected);
  });

  it('builds the documented AST: names, paths, +, NEAR distance, positions', () => {
    expect(parseQuery('[Working mechanisms]+ NEAR/10 ( [Cost-effectiveness > Cost per client] OR [> Relapse] )')).toEqual({
      type: 'near', words: 10,
      left: { type: 'code', ref: 'Working mechanisms', path: ['Working mechanisms'], includeDescendants: true, position: 0 },
      right: {
        type: 'or',
        left: { type: 'code', ref: 'Cost-effectiveness > Cost per client', path: ['Cost-effectiveness', 'Cost per client'], includeDescendants: false, position: 32 },
        right: { type: 'code', ref: '> Relapse', path: ['Relapse'], includeDescendants: false, rooted: true, position: 74 },
      },
    });
    expect(parseQuery('[A] AND/TURN [B]')).toMatchObject({ type: 'and', mode: 'turn' });
    expect(parseQuery('[A] AND [B]')).toMatchObject({ type: 'and', mode: 'overlap' });
    expect(parseQuery('[  Cost   per client ]')).toMatchObject({ path: ['Cost per client'] });
    expect(parseQuery('[Costs \\> benefits \\] x]')).toMatchObject({ path: ['Costs > benefits ] x'] });
  });
});

describe('parseQuery: errors name the position', () => {
  it.each([
    ['', 0, 'The query is empty'],
    ['   ', 0, 'The query is empty'],
    ['[A] AND', 7, 'Expected a code in [brackets] but found the end of the query at position 7'],
    ['[A] AND OR [B]', 8, 'Expected a code in [brackets] but found OR at position 8'],
    ['[A] AND ()', 9, 'Expected a code in [brackets] but found )'],
    ['[A', 0, 'no closing ]'],
    ['[A] [B]', 4, 'Expected an operator'],
    ['([A] OR [B]', 11, 'Missing ) for the ( at position 0'],
    ['[A])', 3, 'Unexpected )'],
    ['NOT [A]', 0, 'NOT needs passages on its left'],
    ['[A] OR NOT [B]', 7, 'NOT needs passages on its left'],
    ['[A] NEAR [B]', 4, 'NEAR needs a distance in words'],
    ['[A] NEAR/x [B]', 4, 'NEAR needs a distance in words'],
    ['[A] NEAR/99999 [B]', 4, 'at most 10000 words'],
    ['[A] XOR [B]', 4, 'Unknown word "XOR"'],
    ['[]', 0, 'Empty code reference'],
    ['[A >  > B]', 0, 'empty name'],
    ['[A] + [B]', 4, 'A + belongs right after'],
    ['[A] AND B]', 8, 'Unknown word "B"'],
    ['[A] & [B]', 4, 'Unexpected "&"'],
  ])('%j fails at %i', (input, position, message) => {
    let error: unknown;
    try { parseQuery(input); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({ code: 'QUERY_SYNTAX', position });
    expect((error as Error).message).toContain(message);
  });
});

describe('resolveQuery', () => {
  const codebook: (CodebookEntry & { parent?: string })[] = [
    { id: 'out', path: ['Outcomes'] }, { id: 'rel1', path: ['Outcomes', 'Relapse'] }, { id: 'rel2', path: ['Risks', 'Relapse'] }, { id: 'risks', path: ['Risks'] },
    { id: 'ce', path: ['Cost-effectiveness'] }, { id: 'cpc', path: ['Cost-effectiveness', 'Cost per client'] },
    { id: 'wm', path: ['Working mechanisms'] }, { id: 'trust', path: ['Working mechanisms', 'Trust'] }, { id: 'early', path: ['Working mechanisms', 'Trust', 'Early trust'] },
    { id: 'prev', path: ['Prévention'] }, { id: 'house', path: ['Housing'] }, { id: 'house2', path: ['Outcomes', 'Housing'] },
  ];
  const below = (id: string) => codebook.filter((c) => c.path.length > 1 && codebook.find((p) => p.id === id)!.path.every((n, i) => c.path[i] === n) && c.id !== id).map((c) => c.id);
  const ids = (input: string) => {
    const q = resolveQuery(parseQuery(input), codebook, (id) => [id, ...below(id)]);
    return q.type === 'code' ? q.codeIds : null;
  };
  const failure = (input: string) => {
    try { resolveQuery(parseQuery(input), codebook, (id) => [id]); } catch (e) { return e as QueryError; }
    throw new Error('resolved');
  };

  it('finds codes by name or path, without case or accents, with sub-codes for +', () => {
    expect(ids('[Outcomes > relapse]')).toEqual(['rel1']);
    expect(ids('[cost PER client]')).toEqual(['cpc']);
    expect(ids('[Cost-effectiveness > Cost per client]')).toEqual(['cpc']);
    expect(ids('[PREVENTION]')).toEqual(['prev']);
    expect(ids('[Trust > Early trust]')).toEqual(['early']);
    expect(ids('[Working mechanisms]+')!.sort()).toEqual(['early', 'trust', 'wm']);
    expect(ids('[> Housing]')).toEqual(['house']);
    expect(ids('[> Outcomes > Housing]')).toEqual(['house2']);
  });

  it('refuses an ambiguous name, asking for the path, and an unknown code, naming it', () => {
    const ambiguous = failure('[Outcomes] OR [relapse]');
    expect(ambiguous).toMatchObject({ code: 'AMBIGUOUS_CODE', position: 14, candidates: ['Outcomes > Relapse', 'Risks > Relapse'] });
    expect(ambiguous.message).toContain('Write its path, e.g. [Outcomes > Relapse]');
    expect(failure('[Housing]').code).toBe('AMBIGUOUS_CODE');
    const unknown = failure('[Outcomes] AND [Relapses]');
    expect(unknown).toMatchObject({ code: 'UNKNOWN_CODE', position: 15 });
    expect(unknown.message).toContain('"Relapses"');
    expect(failure('[> Relapse]').code).toBe('UNKNOWN_CODE');
  });
});

// Words: one 0-3, two 4-7, three 8-13, four 14-18, five 19-23, six 24-27, seven 28-33, eight 34-39, nine 40-44, ten 45-48
const TEXT = 'one two three four five six seven eight nine ten';
const at = (word: string) => ({ start: TEXT.indexOf(word), end: TEXT.indexOf(word) + word.length });

type Seg = [id: string, start: number, end: number, code: string, doc?: string];
const CODES = ['A', 'B', 'C', 'D', 'P', 'P1'].map((id) => ({ id, path: id === 'P1' ? ['P', 'P1'] : [id] }));

function run(expression: string, segs: Seg[], extra: { turns?: TurnRange[]; coderId?: string; coders?: Record<string, string> } = {}) {
  const segments: QuerySegment[] = segs.map(([id, start, end, code, doc]) => ({ id, documentId: doc ?? 'd1', start, end, codeIds: code.split(','), coderId: extra.coders?.[id] ?? 'u1' }));
  const query = resolveQuery(parseQuery(expression), CODES, (id) => (id === 'P' ? ['P', 'P1'] : [id]));
  const passages = evaluateQuery(query, { segments, texts: new Map([['d1', TEXT], ['d2', TEXT]]), turns: new Map([['d1', extra.turns ?? []]]), coderId: extra.coderId });
  return passages.map((p) => `${p.documentId === 'd1' ? '' : `${p.documentId}:`}${p.start}-${p.end} ${p.segmentIds.join('+')}`);
}

describe('evaluateQuery on hand-made cases', () => {
  it('a code: its segments, identical ranges as one passage; + adds sub-codes once', () => {
    expect(run('[A]', [['a1', 10, 20, 'A'], ['a2', 0, 5, 'A'], ['a3', 0, 5, 'A'], ['b1', 0, 5, 'B']])).toEqual(['0-5 a2+a3', '10-20 a1']);
    expect(run('[P]+', [['p', 0, 5, 'P,P1'], ['q', 6, 9, 'P1'], ['r', 1, 2, 'A']])).toEqual(['0-5 p', '6-9 q']);
    expect(run('[P]', [['p', 0, 5, 'P,P1'], ['q', 6, 9, 'P1']])).toEqual(['0-5 p']);
  });

  it('OR: union, identical ranges merged, documents kept apart', () => {
    expect(run('[A] OR [B]', [['a1', 0, 5, 'A'], ['b1', 0, 5, 'B'], ['b2', 6, 9, 'B'], ['b3', 0, 5, 'B', 'd2']])).toEqual(['0-5 a1+b1', '6-9 b2', 'd2:0-5 b3']);
  });

  it('AND: overlapping pairs give the span covering both; touching ranges do not overlap', () => {
    expect(run('[A] AND [B]', [
      ['a1', 0, 5, 'A'], ['b1', 5, 9, 'B'], // touching: no
      ['a2', 10, 20, 'A'], ['b2', 15, 25, 'B'], // partial overlap
      ['a3', 30, 40, 'A'], ['b3', 32, 35, 'B'], // contained
      ['a4', 50, 60, 'A'], ['b4', 52, 55, 'B'], ['b5', 55, 58, 'B'], // two pairs, one span
      ['a5', 70, 80, 'A'], ['b6', 70, 80, 'B', 'd2'], // other document
    ])).toEqual(['10-25 a2+b2', '30-40 a3+b3', '50-60 a4+b4+b5']);
    expect(run('[A] AND [B]', [['a', 0, 10, 'A'], ['b1', 2, 4, 'B'], ['b2', 8, 14, 'B']])).toEqual(['0-10 a+b1', '0-14 a+b2']);
    expect(run('[A] AND [A]', [['a', 0, 10, 'A']])).toEqual(['0-10 a']);
  });

  it('AND/TURN: pairs starting in the same turn, the text after a turn belonging to it', () => {
    const turns = [{ start: 0, end: 20 }, { start: 22, end: 40 }, { start: 42, end: 60 }];
    expect(run('[A] AND/TURN [B]', [
      ['a1', 2, 5, 'A'], ['b1', 10, 15, 'B'], // same turn, apart
      ['b2', 20, 30, 'B'], // starts in the blank line after turn 1: turn 1
      ['a2', 25, 30, 'A'], ['b3', 44, 50, 'B'], // different turns
    ], { turns })).toEqual(['2-15 a1+b1', '2-30 a1+b2']);
    expect(run('[A] AND/TURN [B]', [['a', 18, 25, 'A'], ['b', 23, 24, 'B']], { turns })).toEqual([]); // overlapping, but a starts in turn 1
    expect(run('[A] AND/TURN [B]', [['a', 0, 3, 'A'], ['b', 40, 44, 'B', 'd2']], {})).toEqual([]);
    expect(run('[A] AND/TURN [B]', [['a', 0, 3, 'A', 'd2'], ['b', 40, 44, 'B', 'd2']], {})).toEqual(['d2:0-44 a+b']); // no turns: one turn
  });

  it('NOT: passages of the left overlapping nothing on the right', () => {
    expect(run('[A] NOT [B]', [
      ['a1', 0, 5, 'A'], ['b1', 5, 9, 'B'], // touching: kept
      ['a2', 10, 20, 'A'], ['b2', 19, 21, 'B'], // overlap at one character: dropped
      ['a3', 30, 40, 'A'], ['b3', 0, 100, 'B', 'd2'], // B only elsewhere: kept
      ['a4', 50, 60, 'A'], ['b4', 40, 70, 'B'], // inside B: dropped
      ['a5', 0, 5, 'A', 'd2'], // overlaps b3 in d2: dropped
      ['a6', 200, 210, 'A', 'd2'],
    ])).toEqual(['0-5 a1', '30-40 a3', 'd2:200-210 a6']);
  });

  it('NEAR/n: at most n words strictly between; exactly n is in, n + 1 is out; touching and overlapping are 0 apart', () => {
    const one = ['a', at('one').start, at('one').end, 'A'] as Seg;
    const b = (word: string, id = word) => [id, at(word).start, at(word).end, 'B'] as Seg;
    expect(run('[A] NEAR/1 [B]', [one, b('three'), b('four')])).toEqual(['0-13 a+three']);
    expect(run('[A] NEAR/2 [B]', [one, b('three'), b('four'), b('five')])).toEqual(['0-13 a+three', '0-18 a+four']);
    expect(run('[A] NEAR/0 [B]', [one, b('two'), b('three')])).toEqual(['0-7 a+two']);
    expect(run('[A] NEAR/0 [B]', [one, ['t', 0, 3, 'B'], ['u', 2, 6, 'B']])).toEqual(['0-3 a+t', '0-6 a+u']);
    // B before A, the same rule mirrored: "eight" … "ten" has one word between.
    const ten = ['a', at('ten').start, at('ten').end, 'A'] as Seg;
    expect(run('[A] NEAR/1 [B]', [ten, b('eight'), b('seven')])).toEqual(['34-48 a+eight']);
    expect(run('[B] NEAR/1 [A]', [ten, b('eight'), b('seven')])).toEqual(['34-48 a+eight']);
    // A word cut by a passage edge counts: "e two " holds 2 words.
    expect(run('[A] NEAR/1 [B]', [['a', 0, 2, 'A'], b('three')])).toEqual([]);
    expect(run('[A] NEAR/2 [B]', [['a', 0, 2, 'A'], b('three')])).toEqual(['0-13 a+three']);
  });

  it('counts words between offsets', () => {
    expect(countWordsBetween(TEXT, 3, 8)).toBe(1);
    expect(countWordsBetween(TEXT, 3, 14)).toBe(2);
    expect(countWordsBetween(TEXT, 2, 8)).toBe(2);
    expect(countWordsBetween(TEXT, 5, 5)).toBe(0);
    expect(countWordsBetween(TEXT, 9, 2)).toBe(0);
    expect(countWordsBetween('l’été, c’est ça', 0, 15)).toBe(5);
  });

  it('nests: ([A] OR [B]) AND NOT [C], [A] AND ([B] NEAR/1 [C]), coder restriction', () => {
    const segs: Seg[] = [['a', 0, 3, 'A'], ['b', 8, 13, 'B'], ['c', 12, 18, 'C'], ['a2', 40, 48, 'A']];
    expect(run('([A] OR [B]) AND NOT [C]', segs)).toEqual(['0-3 a', '40-48 a2']);
    expect(run('([A] OR [B]) AND [C]', segs)).toEqual(['8-18 b+c']);
    expect(run('[A] NEAR/1 ([B] AND [C])', segs)).toEqual(['0-18 a+b+c']);
    expect(run('[A] NEAR/0 ([B] AND [C])', segs)).toEqual([]);
    expect(run('[A] OR [B]', segs, { coderId: 'u2', coders: { b: 'u2' } })).toEqual(['8-13 b']);
  });

  it('agrees with a brute-force reading on random data', () => {
    let seed = 7;
    const random = (n: number) => { seed = (seed * 16807) % 2147483647; return seed % n; };
    const words = (from: number, to: number) => (to <= from ? 0 : TEXT.slice(from, to).match(/[\p{L}\p{N}]+/gu)?.length ?? 0);
    const turns = [{ start: 0, end: 13 }, { start: 14, end: 33 }, { start: 34, end: 48 }];
    const turnOf = (x: number) => turns.filter((t) => t.start <= x).length - 1;
    for (let round = 0; round < 40; round++) {
      const segs: Seg[] = Array.from({ length: 12 }, (_, i) => {
        const start = random(44);
        return [`s${String(i).padStart(2, '0')}`, start, start + 1 + random(8), random(2) ? 'A' : 'B'];
      });
      const A = segs.filter((s) => s[3] === 'A');
      const B = segs.filter((s) => s[3] === 'B');
      const expected = (keep: (a: Seg, b: Seg) => boolean) => [...new Set(A.flatMap((a) => B.filter((b) => keep(a, b)).map((b) => `${Math.min(a[1], b[1])}-${Math.max(a[2], b[2])}`)))].sort();
      const spans = (expression: string) => run(expression, segs, { turns }).map((p) => p.split(' ')[0]!).sort();
      const overlap = (a: Seg, b: Seg) => a[1] < b[2] && b[1] < a[2];
      const gap = (a: Seg, b: Seg) => (a[2] <= b[1] ? words(a[2], b[1]) : b[2] <= a[1] ? words(b[2], a[1]) : 0);
      expect(spans('[A] AND [B]')).toEqual(expected(overlap));
      expect(spans('[A] AND/TURN [B]')).toEqual(expected((a, b) => turnOf(a[1]) === turnOf(b[1])));
      for (const n of [0, 1, 3]) expect(spans(`[A] NEAR/${n} [B]`)).toEqual(expected((a, b) => gap(a, b) <= n));
      expect(spans('[A] NOT [B]')).toEqual([...new Set(A.filter((a) => !B.some((b) => overlap(a, b))).map((a) => `${a[1]}-${a[2]}`))].sort());
    }
  });
});
