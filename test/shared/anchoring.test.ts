import { describe, expect, it } from 'vitest';
import {
  createPositionMapper,
  isValidRange,
  quoteSelector,
  reanchor,
  splitsSurrogatePair,
  type AnchorMethod,
  type OrphanReason,
  type ReanchorResult,
  type StoredSegment,
} from '../../server/shared/anchoring';

/** Offset of the `occurrence`-th (1-based) `quote` in `text`; throws when absent, so a typo in a row fails loudly. */
function nth(text: string, quote: string, occurrence = 1): number {
  let at = -1;
  for (let i = 0; i < occurrence; i += 1) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" does not occur ${occurrence} time(s)`);
  }
  return at;
}

/** A stored segment on the `occurrence`-th `quote` of `text`, as the server would store it. */
function segmentOn(text: string, quote: string, occurrence = 1, id = 's1'): StoredSegment {
  const start = nth(text, quote, occurrence);
  return { id, start, end: start + quote.length, ...quoteSelector(text, start, start + quote.length) };
}

/** Every anchored result is a valid, surrogate-safe range whose quote is recomputed from the new text. */
function expectConsistent(newText: string, results: ReanchorResult[]) {
  for (const r of results) {
    if (r.status !== 'anchored') continue;
    expect(isValidRange(newText, r.start, r.end)).toEqual({ ok: true });
    expect({ exact: r.exact, prefix: r.prefix, suffix: r.suffix }).toEqual(quoteSelector(newText, r.start, r.end));
  }
}

const INTERVIEW = [
  'Where did you grow up?',
  'I grew up in a small village near Lyon, with my grandmohter and two brothers. We had a garden.',
  'What was school like?',
  'School was hard for me. My teacher, Madame Lefèvre, was strict but fair. I remember the long walk every morning, even in winter.',
  'And after school?',
  'I worked in a bakery in Besancon for ten years, then I moved to Paris with my wife.',
].join('\n\n');

const REPEATS = ['Did you like it?', "I don't know, really.", 'And your brother?', "I don't know, really.", 'And your parents?', "I don't know, really. Maybe."].join('\n\n');

// The same question and answer asked twice, so the answer's 32-character context is (nearly) the same at both places.
const TWICE = ['Interview one.', 'Can you say more about that?', 'I was afraid of the dark.', 'OK, thank you.', 'Later, in the second hour.', 'Can you say more about that?', 'I was afraid of the dark.', 'OK, thank you.', 'End.'].join('\n\n');
const FIRST_EXCHANGE = 'Can you say more about that?\n\nI was afraid of the dark.\n\nOK, thank you.\n\n';

const MOVE_A = 'We lived on the third floor of a grey building, next to the railway, and the trains woke us up every night.';
const MOVE_B = 'My father was a miner in the north.';
const MOVE_C = 'My mother worked at the post office, she knew everybody in the town and everybody knew her, for better or worse.';
const MOVED = [MOVE_A, MOVE_B, MOVE_C].join('\n\n');

const EMOJI = ['On Sunday we ate together 😀 every week.', 'My sister 👩‍👩‍👧 lived with us, and the dog 🐕 too.'].join('\n\n');

// Decomposed input (e + combining acute, etc.), NFC-normalised by the caller as every canonical text is.
const ACCENTS_OLD = 'Noe\u0308l a\u0300 Besanc\u0327on, c\u0327a va. Le cafe\u0301 e\u0301tait fermé.'.normalize('NFC');
const ACCENTS_NEW = 'Noe\u0308l a\u0300 Besanc\u0327on, c\u0327a va bien. Le cafe\u0301 e\u0301tait fermé.'.normalize('NFC');

type Expected = { exact: string; method: AnchorMethod; occurrence?: number } | { orphaned: OrphanReason };
interface Row {
  name: string;
  old: string;
  new: string;
  quote: string;
  occurrence?: number;
  expected: Expected;
}

const rows: Row[] = [
  { name: 'insertion just before the segment', old: INTERVIEW, new: INTERVIEW.replace('I grew up', 'Well, I grew up'), quote: 'I grew up in a small village near Lyon', expected: { exact: 'I grew up in a small village near Lyon', method: 'diff' } },
  { name: 'insertion just after the segment', old: INTERVIEW, new: INTERVIEW.replace('near Lyon', 'near Lyon, in the hills'), quote: 'I grew up in a small village near Lyon', expected: { exact: 'I grew up in a small village near Lyon', method: 'diff' } },
  { name: 'insertion inside: the segment grows to include it', old: INTERVIEW, new: INTERVIEW.replace('a small village', 'a very small village'), quote: 'I grew up in a small village near Lyon', expected: { exact: 'I grew up in a very small village near Lyon', method: 'diff' } },
  { name: 'a word corrected inside', old: INTERVIEW, new: INTERVIEW.replace('grandmohter', 'grandmother'), quote: 'with my grandmohter and two brothers', expected: { exact: 'with my grandmother and two brothers', method: 'diff' } },
  { name: 'a name removed inside', old: INTERVIEW, new: INTERVIEW.replace(', Madame Lefèvre,', ''), quote: 'My teacher, Madame Lefèvre, was strict but fair.', expected: { exact: 'My teacher was strict but fair.', method: 'diff' } },
  { name: 'a name replaced by a placeholder', old: INTERVIEW, new: INTERVIEW.replace('Madame Lefèvre', '[name]'), quote: 'My teacher, Madame Lefèvre, was strict but fair.', expected: { exact: 'My teacher, [name], was strict but fair.', method: 'diff' } },
  { name: 'an accent corrected inside (ç)', old: INTERVIEW, new: INTERVIEW.replace('Besancon', 'Besançon'), quote: 'I worked in a bakery in Besancon for ten years', expected: { exact: 'I worked in a bakery in Besançon for ten years', method: 'diff' } },
  { name: 'an edit in another turn', old: INTERVIEW, new: INTERVIEW.replace('Where did you grow up?', 'Where did you grow up, and when?'), quote: 'then I moved to Paris', expected: { exact: 'then I moved to Paris', method: 'diff' } },
  { name: 'the whole passage deleted', old: INTERVIEW, new: INTERVIEW.replace(' I remember the long walk every morning, even in winter.', ''), quote: 'I remember the long walk every morning, even in winter.', expected: { orphaned: 'DELETED' } },
  { name: 'most of the passage rewritten', old: INTERVIEW, new: INTERVIEW.replace('I remember the long walk every morning', 'Nothing else comes to mind about those years'), quote: 'I remember the long walk every morning, even in winter.', expected: { orphaned: 'DELETED' } },
  // Repeated phrases: the diff position wins over copies of the phrase elsewhere.
  { name: 'repeated phrase, edit before it: stays on the 2nd of 3', old: REPEATS, new: REPEATS.replace('And your brother?', 'And what about your older brother?'), quote: "I don't know, really.", occurrence: 2, expected: { exact: "I don't know, really.", method: 'diff', occurrence: 2 } },
  { name: 'repeated phrase, an earlier copy deleted: stays on the same words', old: REPEATS, new: REPEATS.replace("Did you like it?\n\nI don't know, really.\n\n", 'Did you like it?\n\n'), quote: "I don't know, really.", occurrence: 2, expected: { exact: "I don't know, really.", method: 'diff', occurrence: 1 } },
  { name: 'repeated phrase, edit inside the coded copy', old: REPEATS, new: REPEATS.replace("brother?\n\nI don't know, really.", "brother?\n\nI don't know him, really."), quote: "I don't know, really.", occurrence: 2, expected: { exact: "I don't know him, really.", method: 'diff' } },
  // Decision: a passage the diff shows as deleted does not take over a copy of its words that was already in
  // the old text, whatever its context (the copy is another passage, maybe coded on its own): orphaned for review.
  { name: 'the coded copy deleted, other copies of the words remain (different context)', old: REPEATS, new: REPEATS.replace("And your brother?\n\nI don't know, really.\n\n", ''), quote: "I don't know, really.", occurrence: 2, expected: { orphaned: 'DELETED' } },
  { name: 'the coded copy deleted, another copy with the same context remains', old: TWICE, new: TWICE.replace(FIRST_EXCHANGE, ''), quote: 'I was afraid of the dark.', occurrence: 1, expected: { orphaned: 'DELETED' } },
  { name: 'the coded copy deleted, a lightly corrected copy remains elsewhere', old: TWICE, new: TWICE.replace(FIRST_EXCHANGE, '').replace('of the dark.', 'of the dark!'), quote: 'I was afraid of the dark.', occurrence: 1, expected: { orphaned: 'DELETED' } },
  // …but words the lead wrote anew in the revision (a moved passage) do receive the segment.
  { name: 'the passage moved to another turn', old: INTERVIEW, new: INTERVIEW.replace(' I remember the long walk every morning, even in winter.', '').replace('We had a garden.', 'We had a garden. I remember the long walk every morning, even in winter.'), quote: 'I remember the long walk every morning, even in winter.', expected: { exact: 'I remember the long walk every morning, even in winter.', method: 'exact' } },
  { name: 'a turn moved elsewhere: the moved turn', old: MOVED, new: [MOVE_A, MOVE_C, MOVE_B].join('\n\n'), quote: MOVE_B, expected: { exact: MOVE_B, method: 'exact' } },
  { name: 'a turn moved elsewhere: a phrase inside the moved turn', old: MOVED, new: [MOVE_A, MOVE_C, MOVE_B].join('\n\n'), quote: 'a miner in the north', expected: { exact: 'a miner in the north', method: 'exact' } },
  { name: 'a turn moved elsewhere: a turn that stayed', old: MOVED, new: [MOVE_A, MOVE_C, MOVE_B].join('\n\n'), quote: 'she knew everybody in the town', expected: { exact: 'she knew everybody in the town', method: 'diff' } },
  { name: 'a turn moved and corrected', old: MOVED, new: [MOVE_A, MOVE_C, MOVE_B.replace('a miner', 'a coal miner')].join('\n\n'), quote: MOVE_B, expected: { exact: 'My father was a coal miner in the north.', method: 'fuzzy' } },
  // Surrogate pairs: 😃 and 😀 share their high surrogate, 🐶 and 🐕 too.
  { name: 'emoji inserted just before the segment', old: EMOJI, new: EMOJI.replace('😀 every', '😀 🎉 every'), quote: 'every week.', expected: { exact: 'every week.', method: 'diff' } },
  { name: 'emoji changed inside the segment', old: EMOJI, new: EMOJI.replace('😀', '😃'), quote: 'together 😀 every week', expected: { exact: 'together 😃 every week', method: 'diff' } },
  { name: 'emoji inserted before a segment starting with an emoji', old: EMOJI, new: EMOJI.replace('dog 🐕', 'dog 🐶🐕'), quote: '🐕 too.', expected: { exact: '🐕 too.', method: 'diff' } },
  { name: 'emoji inserted after a segment ending with an emoji', old: EMOJI, new: EMOJI.replace('dog 🐕', 'dog 🐕🐶'), quote: 'the dog 🐕', expected: { exact: 'the dog 🐕', method: 'diff' } },
  { name: 'word corrected next to a ZWJ emoji sequence', old: EMOJI, new: EMOJI.replace('lived with', 'lives with'), quote: 'My sister 👩‍👩‍👧 lived with us', expected: { exact: 'My sister 👩‍👩‍👧 lives with us', method: 'diff' } },
  { name: 'accents (ë, à, ç, é) from decomposed input', old: ACCENTS_OLD, new: ACCENTS_NEW, quote: 'Besançon, ça va', expected: { exact: 'Besançon, ça va', method: 'diff' } },
  { name: 'accents: segment grows with an insertion inside', old: ACCENTS_OLD, new: ACCENTS_NEW, quote: 'ça va. Le café était fermé.', expected: { exact: 'ça va bien. Le café était fermé.', method: 'diff' } },
  { name: 'the text emptied', old: INTERVIEW, new: '', quote: 'I grew up', expected: { orphaned: 'DELETED' } },
];

describe('reanchor: edit scenarios', () => {
  it.each(rows)('$name', (row) => {
    const segment = segmentOn(row.old, row.quote, row.occurrence);
    const [result] = reanchor(row.old, row.new, [segment]);
    expectConsistent(row.new, [result]);
    if ('orphaned' in row.expected) {
      expect(result).toEqual({ id: 's1', status: 'orphaned', reason: row.expected.orphaned });
      return;
    }
    const start = nth(row.new, row.expected.exact, row.expected.occurrence ?? 1);
    expect(result).toMatchObject({ id: 's1', status: 'anchored', method: row.expected.method, exact: row.expected.exact, start, end: start + row.expected.exact.length });
  });

  it('is the identity when the text did not change', () => {
    const segments = ['I grew up', 'Madame Lefèvre', 'with my wife.'].map((q, i) => segmentOn(INTERVIEW, q, 1, `s${i}`));
    expect(reanchor(INTERVIEW, INTERVIEW, segments)).toEqual(segments.map((s) => ({ ...s, status: 'anchored', method: 'diff' })));
  });

  it('keeps the order and the ids, with several segments at once', () => {
    const next = INTERVIEW.replace(' I remember the long walk every morning, even in winter.', '').replace('grandmohter', 'grandmother');
    const results = reanchor(INTERVIEW, next, [
      segmentOn(INTERVIEW, 'I remember the long walk', 1, 'a'),
      segmentOn(INTERVIEW, 'my grandmohter and two brothers', 1, 'b'),
      segmentOn(INTERVIEW, 'What was school like?', 1, 'c'),
    ]);
    expect(results.map((r) => [r.id, r.status])).toEqual([['a', 'orphaned'], ['b', 'anchored'], ['c', 'anchored']]);
  });

  it('reuses a mapper made for the same texts', () => {
    const next = INTERVIEW.replace('a small village', 'a very small village');
    const segment = segmentOn(INTERVIEW, 'I grew up in a small village near Lyon');
    const mapper = createPositionMapper(INTERVIEW, next);
    expect(reanchor(INTERVIEW, next, [segment], { mapper })).toEqual(reanchor(INTERVIEW, next, [segment]));
  });

  it('falls back to the quote when the stored offsets do not match the old text', () => {
    const stale = { ...segmentOn(INTERVIEW, 'School was hard for me.'), start: 3, end: 9 };
    expect(reanchor(INTERVIEW, INTERVIEW, [stale])[0]).toMatchObject({ status: 'anchored', method: 'exact', start: nth(INTERVIEW, 'School was hard for me.') });
    const gone = { ...stale, exact: 'Nobody ever said this.' };
    expect(reanchor(INTERVIEW, INTERVIEW, [gone])[0]).toEqual({ id: 's1', status: 'orphaned', reason: 'NOT_FOUND' });
    expect(reanchor(INTERVIEW, INTERVIEW, [{ ...stale, exact: '' }])[0]).toMatchObject({ status: 'orphaned', reason: 'NOT_FOUND' });
  });

  it('survives a diff that times out on a huge edit (exact search does the work)', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${words(mulberry32(i + 1), 60)}.`);
    const old = paragraphs.join('\n\n');
    const next = [...paragraphs].reverse().join('\n\n');
    const quotes = paragraphs.map((p) => p.slice(0, splitsSurrogatePair(p, 40) ? 41 : 40));
    const segments = quotes.map((q, i) => segmentOn(old, q, 1, `p${i}`));
    const results = reanchor(old, next, segments, { diffTimeoutSeconds: 1e-9 });
    expectConsistent(next, results);
    results.forEach((r, i) => expect(r).toMatchObject({ status: 'anchored', exact: quotes[i], start: nth(next, paragraphs[i]) }));
  });
});

describe('quoteSelector', () => {
  it('takes 32 code units of context, fewer at the edges', () => {
    const text = 'a'.repeat(40) + 'QUOTE' + 'b'.repeat(40);
    expect(quoteSelector(text, 40, 45)).toEqual({ exact: 'QUOTE', prefix: 'a'.repeat(32), suffix: 'b'.repeat(32) });
    expect(quoteSelector('Hello world', 0, 5)).toEqual({ exact: 'Hello', prefix: '', suffix: ' world' });
    expect(quoteSelector('Hello world', 6, 11, 3)).toEqual({ exact: 'world', prefix: 'lo ', suffix: '' });
  });

  it('does not cut a surrogate pair at the edge of the context', () => {
    const text = '😀abc😀';
    expect(quoteSelector(text, 2, 5, 1)).toEqual({ exact: 'abc', prefix: '', suffix: '' });
    expect(quoteSelector(text, 2, 5, 2)).toEqual({ exact: 'abc', prefix: '😀', suffix: '😀' });
  });

  it('refuses a range outside the text', () => {
    expect(() => quoteSelector('abc', 2, 1)).toThrow(RangeError);
    expect(() => quoteSelector('abc', 0, 4)).toThrow(RangeError);
    expect(() => quoteSelector('abc', 0.5, 2)).toThrow(RangeError);
  });
});

describe('isValidRange', () => {
  it.each([
    ['abc', 0, 3, { ok: true }],
    ['abc', 1, 2, { ok: true }],
    ['abc', 2, 2, { ok: false, reason: 'EMPTY' }],
    ['abc', 2, 1, { ok: false, reason: 'OUT_OF_RANGE' }],
    ['abc', -1, 2, { ok: false, reason: 'OUT_OF_RANGE' }],
    ['abc', 0, 4, { ok: false, reason: 'OUT_OF_RANGE' }],
    ['abc', 0.5, 2, { ok: false, reason: 'OUT_OF_RANGE' }],
    ['abc', 0, Number.NaN, { ok: false, reason: 'OUT_OF_RANGE' }],
    ['a😀b', 0, 3, { ok: true }],
    ['a😀b', 1, 3, { ok: true }],
    ['a😀b', 2, 4, { ok: false, reason: 'SPLITS_SURROGATE' }],
    ['a😀b', 0, 2, { ok: false, reason: 'SPLITS_SURROGATE' }],
    ['é', 0, 1, { ok: true }],
  ] as const)('%j [%d, %d)', (text, start, end, expected) => {
    expect(isValidRange(text, start, end)).toEqual(expected);
  });
});

describe('createPositionMapper', () => {
  it('maps around an insertion, with the bias deciding at the insertion point', () => {
    const m = createPositionMapper('abcdef', 'abcXYZdef');
    expect([m.map(2, 'start'), m.map(2, 'end')]).toEqual([2, 2]); // before
    expect(m.map(3, 'start')).toBe(6); // a start there does not swallow the text inserted just before it
    expect(m.map(3, 'end')).toBe(3); // an end there does not swallow the text inserted just after it
    expect([m.map(4, 'start'), m.map(6, 'end')]).toEqual([7, 9]); // after
  });

  it('maps into a deletion to the deletion point', () => {
    const m = createPositionMapper('abcXYZdef', 'abcdef');
    for (const offset of [3, 4, 5, 6]) expect([m.map(offset, 'start'), m.map(offset, 'end')]).toEqual([3, 3]);
    expect([m.map(2, 'start'), m.map(7, 'end'), m.map(9, 'end')]).toEqual([2, 4, 6]);
  });

  it('keeps the replacement of a replaced region inside the segment', () => {
    const m = createPositionMapper('the cat sat', 'the dog sat');
    expect([m.map(4, 'start'), m.map(7, 'end')]).toEqual([4, 7]);
    expect([m.map(5, 'start'), m.map(5, 'end')]).toEqual([4, 7]);
    expect([m.map(4, 'end'), m.map(7, 'start')]).toEqual([4, 7]);
  });

  it('handles edits at the very start and end of the text', () => {
    const m = createPositionMapper('middle', '>> middle <<');
    expect([m.map(0, 'start'), m.map(0, 'end'), m.map(6, 'start'), m.map(6, 'end')]).toEqual([3, 0, 12, 9]);
    expect(createPositionMapper('abc', '').map(2, 'end')).toBe(0);
    expect(createPositionMapper('', 'abc').map(0, 'start')).toBe(3);
  });

  it('is the identity for an unchanged text, and clamps offsets outside it', () => {
    const m = createPositionMapper('same', 'same');
    expect(m.identical).toBe(true);
    expect([m.map(0, 'start'), m.map(2, 'end'), m.map(4, 'end'), m.map(-3, 'start'), m.map(99, 'end')]).toEqual([0, 2, 4, 0, 4]);
  });

  it('never splits a surrogate pair', () => {
    const m = createPositionMapper('a😀b', 'a😃b');
    expect([m.map(1, 'start'), m.map(3, 'end')]).toEqual([1, 3]);
    expect([m.map(2, 'start'), m.map(2, 'end')]).toEqual([1, 3]); // an offset inside the pair snaps outwards
    const r = mulberry32(7);
    const old = words(r, 300);
    const next = edit(r, old, 20).text;
    const mapper = createPositionMapper(old, next);
    for (let offset = 0; offset <= old.length; offset += 1) {
      expect(splitsSurrogatePair(next, mapper.map(offset, 'start'))).toBe(false);
      expect(splitsSurrogatePair(next, mapper.map(offset, 'end'))).toBe(false);
    }
  });

  it('tells how much of a range the diff deleted, and how much of a new range it inserted', () => {
    const m = createPositionMapper('one two three four', 'one three four five');
    expect(m.deletedWithin(0, 18)).toBe(4); // "two "
    expect(m.deletedWithin(4, 8)).toBe(4);
    expect(m.deletedWithin(5, 6)).toBe(1);
    expect(m.deletedWithin(8, 18)).toBe(0);
    expect(m.insertedWithin(0, 19)).toBe(5); // " five"
    expect(m.insertedWithin(4, 14)).toBe(0); // "three four" is kept text
    expect(m.insertedWithin(12, 16)).toBe(2);
  });
});

// ---- property-style tests on synthetic text (seeded, so reproducible) ----

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'je tu il elle nous vous ils maison école père mère frère sœur garçon fille Noël été hiver très ça déjà où là ' +
  'Besançon Zoë naïve café crème we they the village school bakery winter summer Lyon grew up and but because ' +
  'remember morning evening work money father mother train station church market 😀 🐕 👩‍👩‍👧 🎉 😃 ' +
  'afraid happy tired always never sometimes friends neighbours street garden kitchen letter doctor teacher'
).split(' ');

function words(r: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(VOCABULARY[Math.floor(r() * VOCABULARY.length)]);
    if (r() < 0.08) out[out.length - 1] += '.';
    if (r() < 0.01) out[out.length - 1] += '\n\n';
  }
  return out.join(' ').replace(/\n\n /g, '\n\n');
}

interface Edit {
  start: number;
  end: number;
  insert: string;
}

/** `count` random non-overlapping inserts, deletes and replaces, none cutting a surrogate pair. */
function edit(r: () => number, text: string, count: number): { text: string; edits: Edit[] } {
  const edits: Edit[] = [];
  const slot = Math.floor(text.length / count);
  for (let i = 0; i < count; i += 1) {
    let start = i * slot + 1 + Math.floor(r() * (slot / 2));
    if (splitsSurrogatePair(text, start)) start += 1;
    const kind = r();
    let end = kind < 0.34 ? start : Math.min(text.length, start + 1 + Math.floor(r() * Math.min(300, slot / 3)));
    if (splitsSurrogatePair(text, end)) end += 1;
    const insert = kind >= 0.34 && kind < 0.67 ? '' : `${r() < 0.5 ? ' ' : ''}${words(r, 1 + Math.floor(r() * 8))} `;
    edits.push({ start, end, insert });
  }
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return { text: out, edits };
}

/** `count` random segments of 3–40 words, starting and ending at word boundaries. */
function randomSegments(r: () => number, text: string, count: number): StoredSegment[] {
  const starts = [...text.matchAll(/\S+/g)].map((m) => m.index);
  return Array.from({ length: count }, (_, i) => {
    const first = Math.floor(r() * (starts.length - 41));
    const last = starts[first + 2 + Math.floor(r() * 38)];
    const start = starts[first];
    const end = last + text.slice(last).match(/^\S+/)![0].length;
    return { id: `seg${i}`, start, end, ...quoteSelector(text, start, end) };
  });
}

describe('reanchor: random edits on a synthetic text', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: consistent results, untouched segments kept by the diff', (seed) => {
    const r = mulberry32(seed);
    const old = words(r, 5000);
    const { text: next, edits } = edit(r, old, 30);
    const segments = randomSegments(r, old, 200);
    const results = reanchor(old, next, segments);

    expect(results.map((x) => x.id)).toEqual(segments.map((s) => s.id));
    expectConsistent(next, results);
    let untouched = 0;
    segments.forEach((s, i) => {
      if (!edits.every((e) => e.end < s.start || e.start > s.end)) return;
      untouched += 1;
      const shift = edits.filter((e) => e.end < s.start).reduce((sum, e) => sum + e.insert.length - (e.end - e.start), 0);
      expect(results[i]).toMatchObject({ status: 'anchored', method: 'diff', exact: s.exact, start: s.start + shift });
    });
    expect(untouched).toBeGreaterThan(50);
  });

  it('re-anchors 2,000 segments on a 20,000-word text (no timing assertion: the test timeout is the guard)', () => {
    const r = mulberry32(42);
    const old = words(r, 20_000);
    const { text: next } = edit(r, old, 60);
    const segments = randomSegments(r, old, 2000);
    const results = reanchor(old, next, segments);
    expect(results).toHaveLength(2000);
    expectConsistent(next, results);
    expect(results.filter((x) => x.status === 'anchored' && x.method === 'diff').length).toBeGreaterThan(1500);
  });
});
