import MiniSearch, { type SearchResult } from 'minisearch';
import { normalizeTerm, words } from './text-tokens';

export interface IndexedTurn {
  start: number;
  end: number;
  role: string | null;
  speaker: string | null;
  mediaStartMs: number | null;
}

/** What the index keeps of a document: its current text and turns (for hits and context). */
export interface IndexedDocument {
  id: string;
  /** The revision indexed; a snapshot is checked against the database's current revision. */
  revisionId: string;
  text: string;
  turns: IndexedTurn[];
}

export interface IndexedNote {
  kind: 'memo' | 'code';
  id: string;
  title: string;
  text: string;
}

interface Entry {
  id: string;
  kind: 'turn' | 'memo' | 'code';
  documentId?: string;
  turn?: number;
  role?: string | null;
  ownerId?: string;
  text: string;
  title?: string;
}

const OPTIONS = {
  fields: ['text', 'title'],
  storeFields: ['kind', 'documentId', 'turn', 'role', 'ownerId', 'title'],
  tokenize: words,
  processTerm: (term: string) => normalizeTerm(term) || null,
  searchOptions: { boost: { title: 2 } },
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 1000, batchWait: 10 },
};

/**
 * One project's full-text index (MiniSearch): every turn of every document, plus memos and
 * code definitions. It remembers the documents' texts and turns to place hits exactly.
 */
export class ProjectIndex {
  readonly search: MiniSearch<Entry>;
  readonly documents = new Map<string, IndexedDocument>();
  private notes = new Set<string>();

  constructor(search?: MiniSearch<Entry>) {
    this.search = search ?? new MiniSearch<Entry>(OPTIONS);
  }

  putDocument(doc: IndexedDocument) {
    this.removeDocument(doc.id);
    this.documents.set(doc.id, doc);
    this.search.addAll(doc.turns.map((t, turn) => ({ id: `${doc.id}:${turn}`, kind: 'turn' as const, documentId: doc.id, turn, role: t.role, text: doc.text.slice(t.start, t.end) })));
  }

  removeDocument(id: string) {
    const old = this.documents.get(id);
    if (!old) return;
    for (let turn = 0; turn < old.turns.length; turn++) this.search.discard(`${id}:${turn}`);
    this.documents.delete(id);
  }

  /** Replaces every memo and code definition with `notes`. */
  setNotes(notes: IndexedNote[]) {
    for (const id of this.notes) this.search.discard(id);
    this.notes = new Set(notes.map((n) => `${n.kind}:${n.id}`));
    this.search.addAll(notes.map((n) => ({ id: `${n.kind}:${n.id}`, kind: n.kind, ownerId: n.id, title: n.title, text: n.text })));
  }

  /** Turns (of `documentIds`, when given) that contain every word; prefix and typo tolerance where asked. */
  turns(terms: { term: string; exact: boolean }[], allow: (r: SearchResult) => boolean): SearchResult[] {
    if (terms.length === 0) return [];
    return this.search.search({
      combineWith: 'AND',
      queries: terms.map(({ term, exact }) => ({
        queries: [term], combineWith: 'OR',
        prefix: !exact && term.length >= 3,
        fuzzy: !exact && term.length >= 5 ? 0.2 : false,
      })),
    }, { filter: (r) => r.kind === 'turn' && allow(r) });
  }

  notesMatching(terms: { term: string; exact: boolean }[]): SearchResult[] {
    if (terms.length === 0) return [];
    return this.search.search({
      combineWith: 'AND',
      queries: terms.map(({ term, exact }) => ({ queries: [term], prefix: !exact && term.length >= 3, fuzzy: !exact && term.length >= 5 ? 0.2 : false })),
    }, { filter: (r) => r.kind !== 'turn' });
  }

  toJSON() {
    return { search: this.search.toJSON(), documents: [...this.documents.values()], notes: [...this.notes] };
  }

  static fromJSON(json: { search: unknown; documents: IndexedDocument[]; notes: string[] }): ProjectIndex {
    const index = new ProjectIndex(MiniSearch.loadJS(json.search as never, OPTIONS) as MiniSearch<Entry>);
    for (const doc of json.documents) index.documents.set(doc.id, doc);
    index.notes = new Set(json.notes);
    return index;
  }
}
