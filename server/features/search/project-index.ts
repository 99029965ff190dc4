import { type Ranked, TermIndex, type TermIndexParts, type TermQuery } from './term-index';

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

/** A turn that matched: its document, position and speaker role, its score and the indexed words that matched. */
export class TurnResult {
  readonly kind = 'turn';

  constructor(
    readonly documentId: string,
    readonly turn: number,
    readonly role: string | null,
    readonly score: number,
    /** How many distinct indexed words matched (the length of `terms`). */
    readonly termCount: number,
    private readonly ranked: Ranked,
    private readonly rank: number,
  ) {}

  /** The indexed words that matched, found when asked (only the hits shown need them). */
  get terms(): string[] {
    return this.ranked.termsAt(this.rank);
  }
}

export interface NoteResult {
  kind: 'memo' | 'code';
  ownerId: string;
  title: string;
  score: number;
  terms: string[];
}

/** A project index as plain data (for a snapshot): the term index, and documents and notes with their first entry id. */
export interface ProjectIndexParts {
  search: TermIndexParts;
  documents: (IndexedDocument & { entry: number })[];
  notes: (IndexedNote & { entry: number })[];
}

/**
 * One project's full-text index: every turn of every document, plus memos and code definitions,
 * each an entry of a compact term index. It remembers the documents' texts and turns to place
 * hits exactly; an entry id maps back to its turn through the document's first entry id.
 */
export class ProjectIndex {
  readonly documents = new Map<string, IndexedDocument>();
  /** Each document's first entry id (its turns are consecutive entries). */
  private firstEntry = new Map<string, number>();
  /** Entry id → its document or note (a sparse array: ids are not reused). */
  private owners: (IndexedDocument | (IndexedNote & { entry: number }) | undefined)[] = [];
  private notes: (IndexedNote & { entry: number })[] = [];

  constructor(private readonly search = new TermIndex()) {}

  putDocument(doc: IndexedDocument) {
    this.removeDocument(doc.id);
    this.documents.set(doc.id, doc);
    doc.turns.forEach((t, turn) => {
      const id = this.search.add(doc.text.slice(t.start, t.end));
      if (turn === 0) this.firstEntry.set(doc.id, id);
      this.owners[id] = doc;
    });
  }

  removeDocument(id: string) {
    const old = this.documents.get(id);
    if (!old) return;
    const first = this.firstEntry.get(id);
    if (first !== undefined) {
      this.search.remove(old.turns.map((t, turn) => ({ id: first + turn, text: old.text.slice(t.start, t.end) })));
      for (let turn = 0; turn < old.turns.length; turn++) this.owners[first + turn] = undefined;
    }
    this.firstEntry.delete(id);
    this.documents.delete(id);
  }

  /** Replaces every memo and code definition with `notes`. */
  setNotes(notes: IndexedNote[]) {
    this.search.remove(this.notes.map((n) => ({ id: n.entry, text: n.text, title: n.title })));
    for (const n of this.notes) this.owners[n.entry] = undefined;
    this.notes = notes.map((n) => {
      const note = { kind: n.kind, id: n.id, title: n.title, text: n.text, entry: this.search.add(n.text, n.title) };
      this.owners[note.entry] = note;
      return note;
    });
  }

  /** Gives back spare capacity after indexing many documents at once. */
  trim() {
    this.search.trim();
  }

  /**
   * Turns (that `allow` lets through) and notes containing every word, best first; prefix and typo
   * tolerance where asked. One pass over the index answers both.
   */
  query(terms: TermQuery[], allow: (r: TurnResult) => boolean): { turns: TurnResult[]; notes: NoteResult[] } {
    const turns: TurnResult[] = [];
    const notes: NoteResult[] = [];
    const ranked = this.search.search(terms);
    for (let i = 0; i < ranked.length; i++) {
      const id = ranked.ids[i]!;
      const owner = this.owners[id];
      if (!owner) continue;
      if ('turns' in owner) {
        const turn = id - this.firstEntry.get(owner.id)!;
        const r = new TurnResult(owner.id, turn, owner.turns[turn]?.role ?? null, ranked.scores[i]!, ranked.termCounts[i]!, ranked, i);
        if (allow(r)) turns.push(r);
      } else notes.push({ kind: owner.kind, ownerId: owner.id, title: owner.title, score: ranked.scores[i]!, terms: ranked.termsAt(i) });
    }
    return { turns, notes };
  }

  /** Turns (that `allow` lets through) that contain every word. */
  turns(terms: TermQuery[], allow: (r: TurnResult) => boolean): TurnResult[] {
    return this.query(terms, allow).turns;
  }

  notesMatching(terms: TermQuery[]): NoteResult[] {
    return this.query(terms, () => false).notes;
  }

  toParts(): ProjectIndexParts {
    return {
      search: this.search.toParts(),
      documents: [...this.documents.values()].map((d) => ({ ...d, entry: this.firstEntry.get(d.id) ?? -1 })),
      notes: this.notes,
    };
  }

  static fromParts(parts: ProjectIndexParts): ProjectIndex {
    const index = new ProjectIndex(TermIndex.fromParts(parts.search));
    for (const { entry, ...doc } of parts.documents) {
      index.documents.set(doc.id, doc);
      if (entry < 0) continue;
      index.firstEntry.set(doc.id, entry);
      for (let turn = 0; turn < doc.turns.length; turn++) index.owners[entry + turn] = doc;
    }
    index.notes = parts.notes;
    for (const n of parts.notes) index.owners[n.entry] = n;
    return index;
  }
}
