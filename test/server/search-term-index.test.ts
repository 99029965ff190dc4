import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUERIES } from '../../scripts/bench/search';
import { generateCorpus } from '../../scripts/generate-corpus';
import { type IndexedDocument, type IndexedNote, ProjectIndex } from '../../server/features/search/project-index';
import { decodeSnapshot, encodeSnapshot } from '../../server/features/search/snapshot-codec';
import { normalizeTerm, parseSearch, words } from '../../server/features/search/text-tokens';

/**
 * The compact term index must rank exactly as the MiniSearch index it replaced (same options as the
 * workbench used): same turns and notes, same order, same scores (to rounding), same matched words;
 * after corrections, deletions and replaced notes; and after a snapshot round trip.
 */
interface Entry { id: string; kind: string; documentId?: string; turn?: number; role?: string | null; ownerId?: string; text: string; title?: string }

class Reference {
  readonly search = new MiniSearch<Entry>({
    fields: ['text', 'title'], storeFields: ['kind', 'documentId', 'turn', 'role', 'ownerId', 'title'],
    tokenize: words, processTerm: (term: string) => normalizeTerm(term) || null, searchOptions: { boost: { title: 2 } }, autoVacuum: false,
  });
  private docs = new Map<string, IndexedDocument>();
  private notes: string[] = [];

  put(doc: IndexedDocument) {
    this.remove(doc.id);
    this.docs.set(doc.id, doc);
    this.search.addAll(doc.turns.map((t, turn) => ({ id: `${doc.id}:${turn}`, kind: 'turn', documentId: doc.id, turn, role: t.role, text: doc.text.slice(t.start, t.end) })));
  }

  remove(id: string) {
    const old = this.docs.get(id);
    if (!old) return;
    for (let turn = 0; turn < old.turns.length; turn++) this.search.discard(`${id}:${turn}`);
    this.docs.delete(id);
  }

  setNotes(notes: IndexedNote[]) {
    for (const id of this.notes) this.search.discard(id);
    this.notes = notes.map((n) => `${n.kind}:${n.id}`);
    this.search.addAll(notes.map((n) => ({ id: `${n.kind}:${n.id}`, kind: n.kind, ownerId: n.id, title: n.title, text: n.text })));
  }

  query(terms: { term: string; exact: boolean }[]) {
    return this.search.search({
      combineWith: 'AND',
      queries: terms.map(({ term, exact }) => ({ queries: [term], combineWith: 'OR', prefix: !exact && term.length >= 3, fuzzy: !exact && term.length >= 5 ? 0.2 : false })),
    });
  }
}

const EXTRA = ['police "police"', '"dealers" dealers', 'the', 'de', 'people police', 'evaluat', 'jeune quartier', 'xyzzy', 'polic', '"the the"', 'Politie', 'évaluation', 'rival', 'definition networks'];

function termsOf(q: string) {
  const p = parseSearch(q);
  return [...p.terms.map((term) => ({ term, exact: false })), ...p.phrases.flat().map((term) => ({ term, exact: true }))];
}

function expectSameRanking(reference: Reference, index: ProjectIndex) {
  for (const q of [...QUERIES, ...EXTRA]) {
    const terms = termsOf(q);
    const expected = reference.query(terms);
    const actual = index.query(terms, () => true);
    const expectedTurns = expected.filter((r) => r.kind === 'turn');
    const expectedNotes = expected.filter((r) => r.kind !== 'turn');
    expect(actual.turns.map((r) => `${r.documentId}:${r.turn}`), q).toEqual(expectedTurns.map((r) => `${r.documentId}:${r.turn}`));
    expect(actual.notes.map((r) => r.ownerId), q).toEqual(expectedNotes.map((r) => r.ownerId));
    actual.turns.forEach((r, i) => {
      const e = expectedTurns[i]!;
      expect(Math.abs(r.score - e.score) / e.score, q).toBeLessThan(1e-12);
      expect([...r.terms].sort(), q).toEqual([...e.terms].sort());
      expect(r.termCount).toBe(e.terms.length);
      expect(r.role).toBe(e.role);
    });
    actual.notes.forEach((r, i) => expect(Math.abs(r.score - expectedNotes[i]!.score) / expectedNotes[i]!.score, q).toBeLessThan(1e-12));
  }
}

describe('compact term index: the ranking MiniSearch gave', () => {
  let docs: IndexedDocument[];
  const notes: IndexedNote[] = [
    { kind: 'code', id: 'c1', title: 'Police work', text: 'Police prevention and outreach near the station' },
    { kind: 'memo', id: 'm1', title: 'Jeunes', text: 'Les jeunes du quartier et la police' },
    { kind: 'code', id: 'c2', title: 'Systemic crime', text: 'Violence between rival dealers' },
    { kind: 'memo', id: 'm2', title: 'Rivalry', text: 'Compare the rival networks' },
  ];

  beforeAll(async () => {
    const corpus = await generateCorpus({ transcripts: 12, words: 1500, seed: 3 });
    docs = corpus.map((t, i) => {
      // Turns: one per paragraph, roles alternating, as the importer would give.
      const turns: IndexedDocument['turns'] = [];
      let at = 0;
      for (const para of t.text.split('\n\n')) {
        if (para.trim()) turns.push({ start: at, end: at + para.length, role: turns.length % 2 ? 'respondent' : 'interviewer', speaker: null, mediaStartMs: null });
        at += para.length + 2;
      }
      return { id: `d${i}`, revisionId: 'r1', text: t.text, turns };
    });
  });

  it('ranks, scores and marks as MiniSearch did, through edits and a snapshot', async () => {
    const reference = new Reference();
    const index = new ProjectIndex();
    for (const d of docs) {
      reference.put(d);
      index.putDocument(d);
    }
    reference.setNotes(notes);
    index.setNotes(notes);
    index.trim();
    expectSameRanking(reference, index);

    // Corrections, deletions and new notes: compared with MiniSearch once vacuumed (clean postings).
    for (const d of docs.slice(0, 3)) {
      const corrected = { ...d, revisionId: 'r2', text: d.text.replace(/police/gi, 'politie') };
      reference.put(corrected);
      index.putDocument(corrected);
    }
    for (const d of docs.slice(3, 5)) {
      reference.remove(d.id);
      index.removeDocument(d.id);
    }
    reference.setNotes(notes.slice(1));
    index.setNotes(notes.slice(1));
    await reference.search.vacuum();
    expectSameRanking(reference, index);

    expectSameRanking(reference, ProjectIndex.fromParts(decodeSnapshot(Buffer.concat(encodeSnapshot({ lastEventId: 0, parts: index.toParts() }))).parts));
  });

  it('finds nothing for an empty or unknown query', () => {
    const index = new ProjectIndex();
    index.putDocument(docs[0]!);
    expect(index.query([], () => true)).toEqual({ turns: [], notes: [] });
    expect(index.turns(termsOf('zzzqqq'), () => true)).toEqual([]);
    index.removeDocument(docs[0]!.id);
    expect(index.turns(termsOf('the'), () => true)).toEqual([]);
  });
});
