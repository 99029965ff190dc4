import { describe, expect, it } from 'vitest';
import { unfoldNameHierarchy } from '../../server/features/exchange/refi-read';
import { CONVENTIONS, detectConvention, matchesName, NormalisedSource, onWordBoundaries } from '../../server/features/exchange/refi-positions';
import { paragraphTurns, splitCodeDescription } from '../../server/features/exchange/refi-plan';

/** Positions of `word` in `raw` as a producer with the given convention would write them. */
function producerRange(raw: string, word: string, units: 'codepoints' | 'utf16', crlf: 1 | 2) {
  const at = raw.indexOf(word);
  const text = crlf === 1 ? raw.replace(/\r\n/g, '\n') : raw;
  const start = text.indexOf(word);
  const count = (s: string) => (units === 'utf16' ? s.length : [...s].length);
  expect(at).toBeGreaterThanOrEqual(0);
  return { start: count(text.slice(0, start)), end: count(text.slice(0, start + word.length)) };
}

describe('NormalisedSource', () => {
  const raw = 'Line one 😀 café\r\nSecond 𝔘 line with cafe\u0301\r\n\r\nThird 👍🏽 part: relapse';

  it('keeps the text, only CRLF → LF and NFC', () => {
    const n = new NormalisedSource(raw);
    expect(n.text).toBe(raw.replace(/\r\n/g, '\n').normalize('NFC'));
  });

  it.each(CONVENTIONS)('maps positions written as $units, CRLF = $crlf, onto the same words', (c) => {
    const n = new NormalisedSource(raw);
    for (const word of ['one', 'café', 'Second', 'line with', 'Third', 'part: relapse', 'relapse']) {
      const p = producerRange(raw, word, c.units, c.crlf);
      const r = n.range(p.start, p.end, c);
      expect(n.text.slice(r.start, r.end)).toBe(word.normalize('NFC'));
    }
    // A selection ending on a decomposed "é" covers the composed character.
    const p = producerRange(raw, 'cafe\u0301', c.units, c.crlf);
    const r = n.range(p.start, p.end, c);
    expect(n.text.slice(r.start, r.end)).toBe('café');
  });

  it('detects each convention from the file, the standard when nothing tells them apart', () => {
    const words = ['Second', 'line', 'Third', 'relapse', 'part'];
    for (const c of CONVENTIONS) {
      const n = new NormalisedSource(raw);
      const selections = words.map((w) => ({ ...producerRange(raw, w, c.units, c.crlf), name: '' }));
      expect(detectConvention([{ source: n, selections }]).best.convention).toEqual(c);
    }
    const plain = new NormalisedSource('no line ends and no emoji here');
    expect(detectConvention([{ source: plain, selections: [{ start: 3, end: 7, name: '' }] }]).best.convention).toEqual(CONVENTIONS[0]);
  });

  it('uses selection names as evidence, shortened with … or not', () => {
    expect(matchesName('For some reason babies aren\'t supposed', 'For some reason…')).toBe(true);
    expect(matchesName('or some reason babies', 'For some reason…')).toBe(false);
    expect(matchesName('anything', 'Quotation 6:1')).toBeNull();
    expect(matchesName('anything', '')).toBeNull();
  });
});

describe('helpers', () => {
  it('tells word boundaries', () => {
    expect(onWordBoundaries('the relapse was', 4, 11)).toBe(true);
    expect(onWordBoundaries('the relapse was', 5, 11)).toBe(false);
    expect(onWordBoundaries('a 😀 b', 2, 3)).toBe(false);
  });

  it('splits paragraphs into turns without changing the text', () => {
    expect(paragraphTurns('a\n\nb c\n\n\nd')).toEqual([{ start: 0, end: 1 }, { start: 3, end: 6 }, { start: 9, end: 10 }]);
    expect(paragraphTurns('a\nb')).toEqual([{ start: 0, end: 1 }, { start: 2, end: 3 }]);
  });

  it('puts A::B codes under A (creating A when missing)', () => {
    const code = (name: string) => ({ guid: name, name, color: null, description: '', children: [], noteRefs: [] });
    const tree = unfoldNameHierarchy([code('Coke::diet'), code('Coke'), code('X::Y::Z')]);
    expect(tree.map((c) => [c.name, c.children.map((x) => x.name)])).toEqual([['Coke', ['diet']], ['X', ['Y']]]);
    expect(tree[1]!.children[0]!.children[0]!.name).toBe('Z');
  });

  it('splits a description written by the workbench back into codebook fields', () => {
    expect(splitCodeDescription('Def.\n\nInclusion criteria: in\n\nExample: ex')).toEqual({ definition: 'Def.', inclusion: 'in', exclusion: '', example: 'ex' });
  });
});
