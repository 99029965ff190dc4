import { editDistance, Postings } from './postings';
import { normalizeTerm, words } from './text-tokens';

/**
 * A compact inverted index with MiniSearch's ranking (BM25+ with k 1.2, b 0.7, d 0.5; prefix weight
 * 0.375 and fuzzy weight 0.45 scaled by distance; the title field boosted ×2; AND of sub-queries
 * scaled by the number of query terms matched), so results and their order are those MiniSearch
 * gave. Postings are typed arrays and entries are numbers, which keeps a project of 4 million
 * words in tens of megabytes instead of hundreds, and scores queries without an object per match.
 */

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;
export const TEXT = 0;
export const TITLE = 1;
const FIELD_BOOST = [1, 2];

export interface TermQuery {
  term: string;
  /** No prefix or typo tolerance (words of "exact phrases"). */
  exact: boolean;
}

/** Matching entries, best first, as parallel arrays (no object per match until one is asked for). */
export class Ranked {
  constructor(
    readonly ids: Int32Array,
    readonly scores: Float64Array,
    /** How many distinct indexed words matched each entry. */
    readonly termCounts: Uint16Array,
    private readonly index: TermIndex,
    private readonly derivedTerms: string[],
  ) {}

  get length() {
    return this.ids.length;
  }

  /** The indexed words that matched the entry at rank `i` (after prefix and typo expansion). */
  termsAt(i: number): string[] {
    const id = this.ids[i]!;
    return this.derivedTerms.filter((term) => this.index.contains(term, id));
  }
}

const NONE = new Ranked(new Int32Array(0), new Float64Array(0), new Uint16Array(0), null as never, []);

interface Derived {
  term: string;
  weight: number;
}

/** Scratch arrays reused across queries (one query runs at a time: search is synchronous). */
class Scratch {
  score = new Float64Array(0);
  seen = new Uint8Array(0);
  list: number[] = [];

  ensure(size: number) {
    if (this.score.length >= size) return;
    // An eighth of room to grow: entries are added a document at a time, and three of these live per index.
    this.score = new Float64Array(size + (size >> 3));
    this.seen = new Uint8Array(size + (size >> 3));
  }

  reset() {
    for (const id of this.list) {
      this.seen[id] = 0;
      this.score[id] = 0;
    }
    this.list = [];
  }
}

export class TermIndex {
  private postings: [Map<string, Postings>, Map<string, Postings>] = [new Map(), new Map()];
  /** Unique (unfolded) words per field of each entry, as MiniSearch counts field length. */
  private fieldLength: [Uint32Array, Uint32Array] = [new Uint32Array(1024), new Uint32Array(1024)];
  /** Which fields each entry has (bit 1: text, bit 2: title). */
  private present: Uint8Array = new Uint8Array(1024);
  private nextId = 0;
  private documentCount = 0;
  private avgFieldLength = [0, 0];
  private vocabulary: string[] | null = null;
  /** Expansions of query words for the current vocabulary (researchers repeat and refine searches). */
  private derivedCache = new Map<string, Derived[]>();
  private spec = new Scratch();
  private sub = new Scratch();
  private acc = new Scratch();
  private row = new Uint32Array(64);

  get size() {
    return this.documentCount;
  }

  /** Indexes one entry; returns its id. */
  add(text: string | null | undefined, title?: string | null): number {
    const id = this.nextId++;
    this.documentCount += 1;
    if (id >= this.present.length) this.grow(id + 1);
    if (text != null) this.addField(TEXT, id, text);
    if (title != null) this.addField(TITLE, id, title);
    return id;
  }

  /** Removes entries (given with the text and title they were indexed with, to find their words). */
  remove(entries: { id: number; text?: string | null; title?: string | null }[]) {
    if (entries.length === 0) return;
    const dead = new Uint8Array(this.nextId);
    const touched: [Set<string>, Set<string>] = [new Set(), new Set()];
    for (const { id, text, title } of entries) {
      dead[id] = 1;
      // The same arithmetic as MiniSearch's discard, so the average lengths stay identical.
      for (const field of [TEXT, TITLE]) {
        if (!(this.present[id]! & (1 << field))) continue;
        const length = this.fieldLength[field][id]!;
        const count = this.documentCount;
        this.avgFieldLength[field] = count === 1 ? 0 : (this.avgFieldLength[field]! * count - length) / (count - 1);
      }
      this.documentCount -= 1;
      if (text != null) for (const w of words(text)) touched[TEXT].add(normalizeTerm(w));
      if (title != null) for (const w of words(title)) touched[TITLE].add(normalizeTerm(w));
      this.present[id] = 0;
    }
    for (const field of [TEXT, TITLE]) {
      for (const term of touched[field]) {
        const p = this.postings[field].get(term);
        if (!p) continue;
        p.removeWhere(dead);
        if (p.length === 0) {
          this.postings[field].delete(term);
          this.vocabulary = null;
        }
      }
    }
  }

  /**
   * Gives back spare capacity after a bulk build: each field's postings move into one pair of
   * arrays, as views (one allocation per field instead of two per word).
   */
  trim() {
    for (const map of this.postings) {
      let total = 0;
      for (const p of map.values()) total += p.length;
      const ids = new Uint32Array(total);
      const freqs = new Uint32Array(total);
      let at = 0;
      for (const p of map.values()) {
        ids.set(p.ids.subarray(0, p.length), at);
        freqs.set(p.freqs.subarray(0, p.length), at);
        p.ids = ids.subarray(at, at + p.length);
        p.freqs = freqs.subarray(at, at + p.length);
        at += p.length;
      }
    }
  }

  /**
   * Entries containing every query term (AND; each term with prefixes from 3 letters and one typo per
   * 5 letters unless exact), best first, exactly as MiniSearch ranked them.
   */
  search(queries: TermQuery[]): Ranked {
    if (queries.length === 0) return NONE;
    const { acc } = this;
    acc.ensure(this.nextId);
    const alive = new Uint16Array(this.nextId);
    let order: number[] = [];
    const specTerms = new Set<string>();
    let oneTermEach = true;
    const derivedBySpec = new Map<string, Derived[]>();
    try {
      for (let q = 0; q < queries.length; q++) {
        const { term, exact } = queries[q]!;
        const processed = words(term).map((w) => normalizeTerm(w)).filter(Boolean);
        if (processed.length !== 1) oneTermEach = false;
        // A sub-query: the OR of its processed words (normally one).
        const sub = this.sub;
        sub.ensure(this.nextId);
        for (const p of processed) {
          specTerms.add(p);
          // The same word may come exact (in a phrase) and with prefixes and typos: each expands on its own.
          const derived = this.cachedDerive(p, !exact && term.length >= 3, !exact && term.length >= 5);
          derivedBySpec.set(p, [...(derivedBySpec.get(p) ?? []), ...derived]);
          this.scoreSpec(derived);
          for (const id of this.spec.list) {
            if (!sub.seen[id]) {
              sub.seen[id] = 1;
              sub.list.push(id);
            }
            sub.score[id] += this.spec.score[id]!;
          }
          this.spec.reset();
        }
        // AND: keep what every sub-query matched, in the order of the last one.
        const next: number[] = [];
        for (const id of sub.list) {
          if (q > 0 && alive[id] !== q) continue;
          acc.score[id] = q === 0 ? sub.score[id]! : acc.score[id]! + sub.score[id]!;
          alive[id] = q + 1;
          if (q === 0) acc.list.push(id);
          next.push(id);
        }
        order = next;
        sub.reset();
        if (order.length === 0) return NONE;
      }
      const position = new Int32Array(this.nextId).fill(-1);
      for (let i = 0; i < order.length; i++) position[order[i]!] = i;
      const derivedTerms = [...new Set([...derivedBySpec.values()].flatMap((d) => d.map((x) => x.term)))];
      const termCounts = this.countTerms(order.length, position, derivedTerms);
      const quality = oneTermEach ? null : this.quality(order.length, position, derivedBySpec);
      const n = specTerms.size || 1;
      const scores = new Float64Array(order.length);
      for (let i = 0; i < order.length; i++) scores[i] = acc.score[order[i]!]! * (quality ? quality[i]! || 1 : n);
      // Best first; equal scores keep MiniSearch's order (that of the last sub-query).
      const rank = Uint32Array.from(order.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
      const ids = new Int32Array(order.length);
      const sortedScores = new Float64Array(order.length);
      const sortedCounts = new Uint16Array(order.length);
      rank.forEach((from, i) => {
        ids[i] = order[from]!;
        sortedScores[i] = scores[from]!;
        sortedCounts[i] = termCounts[from]!;
      });
      return new Ranked(ids, sortedScores, sortedCounts, this, derivedTerms);
    } finally {
      acc.reset();
      this.sub.reset();
      this.spec.reset();
    }
  }

  private cachedDerive(term: string, prefix: boolean, fuzzy: boolean): Derived[] {
    this.sortedVocabulary(); // clears the cache when the vocabulary changed
    const key = `${prefix ? 1 : 0}${fuzzy ? 1 : 0}${term}`;
    let derived = this.derivedCache.get(key);
    if (!derived) {
      derived = this.derive(term, prefix, fuzzy);
      if (this.derivedCache.size >= 2000) this.derivedCache.clear();
      this.derivedCache.set(key, derived);
    }
    return derived;
  }

  /** The indexed words a query word stands for: itself, then longer words it begins, then words one or two typos away. */
  private derive(term: string, prefix: boolean, fuzzy: boolean): Derived[] {
    const out: Derived[] = [];
    if (this.postings[TEXT].has(term) || this.postings[TITLE].has(term)) out.push({ term, weight: 1 });
    const vocabulary = this.sortedVocabulary();
    const prefixed = new Set<string>();
    if (prefix) {
      let lo = 0;
      let hi = vocabulary.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (vocabulary[mid]! < term) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < vocabulary.length && vocabulary[i]!.startsWith(term); i++) {
        const word = vocabulary[i]!;
        prefixed.add(word);
        const distance = word.length - term.length;
        if (distance) out.push({ term: word, weight: (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * distance) });
      }
    }
    if (fuzzy) {
      const max = Math.min(MAX_FUZZY, Math.round(term.length * 0.2));
      if (max > 0) {
        if (this.row.length <= term.length) this.row = new Uint32Array(term.length * 2 + 1);
        for (const word of vocabulary) {
          if (Math.abs(word.length - term.length) > max || prefixed.has(word)) continue;
          const distance = editDistance(word, term, max, this.row);
          if (distance > 0 && distance <= max) out.push({ term: word, weight: (FUZZY_WEIGHT * word.length) / (word.length + distance) });
        }
      }
    }
    return out;
  }

  /** BM25+ of each derived word, summed per entry into `spec` (MiniSearch's termResults). */
  private scoreSpec(derived: Derived[]) {
    const { spec } = this;
    spec.ensure(this.nextId);
    for (const { term, weight } of derived) {
      for (const field of [TEXT, TITLE]) {
        const p = this.postings[field].get(term);
        if (!p) continue;
        const boost = FIELD_BOOST[field]!;
        const avg = this.avgFieldLength[field]!;
        const lengths = this.fieldLength[field];
        const matching = p.length;
        const idf = Math.log(1 + (this.documentCount - matching + 0.5) / (matching + 0.5));
        for (let k = 0; k < p.length; k++) {
          const id = p.ids[k]!;
          const tf = p.freqs[k]!;
          const raw = idf * (D + tf * (K + 1) / (tf + K * (1 - B + B * lengths[id]! / avg)));
          const weighted = weight * 1 * boost * 1 * raw;
          if (!spec.seen[id]) {
            spec.seen[id] = 1;
            spec.list.push(id);
            spec.score[id] = weighted;
          } else spec.score[id] += weighted;
        }
      }
    }
  }

  /** How many distinct indexed words matched each result. */
  private countTerms(size: number, position: Int32Array, derivedTerms: string[]): Uint16Array {
    const count = new Uint16Array(size);
    const last = new Int32Array(size).fill(-1);
    derivedTerms.forEach((term, t) => {
      for (const field of [TEXT, TITLE]) {
        const p = this.postings[field].get(term);
        if (!p) continue;
        for (let k = 0; k < p.length; k++) {
          const at = position[p.ids[k]!]!;
          if (at < 0 || last[at] === t) continue;
          last[at] = t;
          count[at]! += 1;
        }
      }
    });
    return count;
  }

  /** Whether `term` is indexed for entry `id` (postings are in id order). */
  contains(term: string, id: number): boolean {
    for (const field of [TEXT, TITLE]) {
      const p = this.postings[field].get(term);
      if (!p) continue;
      let lo = 0;
      let hi = p.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p.ids[mid]! < id) lo = mid + 1;
        else hi = mid;
      }
      if (lo < p.length && p.ids[lo] === id) return true;
    }
    return false;
  }

  /** How many distinct query words each result matched (only needed when a query word folds into several). */
  private quality(size: number, position: Int32Array, derivedBySpec: Map<string, Derived[]>): Uint16Array {
    const count = new Uint16Array(size);
    const last = new Int32Array(size).fill(-1);
    let s = 0;
    for (const derived of derivedBySpec.values()) {
      for (const { term } of derived) {
        for (const field of [TEXT, TITLE]) {
          const p = this.postings[field].get(term);
          if (!p) continue;
          for (let k = 0; k < p.length; k++) {
            const at = position[p.ids[k]!]!;
            if (at < 0 || last[at] === s) continue;
            last[at] = s;
            count[at]! += 1;
          }
        }
      }
      s++;
    }
    return count;
  }

  private sortedVocabulary(): string[] {
    if (!this.vocabulary) {
      this.derivedCache.clear();
      this.vocabulary = [...new Set([...this.postings[TEXT].keys(), ...this.postings[TITLE].keys()])].sort();
    }
    return this.vocabulary;
  }

  private addField(field: number, id: number, value: string) {
    const tokens = words(value);
    const length = new Set(tokens).size;
    this.fieldLength[field]![id] = length;
    this.present[id]! |= 1 << field;
    // MiniSearch's running average (count includes entries without this field), for identical scores.
    const count = this.documentCount - 1;
    this.avgFieldLength[field] = ((this.avgFieldLength[field] || 0) * count + length) / (count + 1);
    const freqs = new Map<string, number>();
    for (const token of tokens) {
      const term = normalizeTerm(token);
      if (term) freqs.set(term, (freqs.get(term) ?? 0) + 1);
    }
    const map = this.postings[field];
    for (const [term, freq] of freqs) {
      let p = map.get(term);
      if (!p) {
        map.set(term, (p = new Postings()));
        this.vocabulary = null;
      }
      p.push(id, freq);
    }
  }

  private grow(size: number) {
    const capacity = Math.max(size, this.present.length * 2);
    const grown = (a: Uint32Array) => {
      const b = new Uint32Array(capacity);
      b.set(a);
      return b;
    };
    this.fieldLength = [grown(this.fieldLength[TEXT]), grown(this.fieldLength[TITLE])];
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.present = present;
  }

  /** The index as plain arrays (for a snapshot): postings term by term, in the order of the sorted vocabulary. */
  toParts(): TermIndexParts {
    const terms = this.sortedVocabulary();
    const fields = this.postings.map((map) => {
      const counts = new Uint32Array(terms.length);
      let total = 0;
      terms.forEach((t, i) => (total += counts[i] = map.get(t)?.length ?? 0));
      const ids = new Uint32Array(total);
      const freqs = new Uint32Array(total);
      let at = 0;
      for (const t of terms) {
        const p = map.get(t);
        if (!p) continue;
        ids.set(p.ids.subarray(0, p.length), at);
        freqs.set(p.freqs.subarray(0, p.length), at);
        at += p.length;
      }
      return { counts, ids, freqs };
    });
    return {
      nextId: this.nextId, documentCount: this.documentCount, avgFieldLength: [...this.avgFieldLength],
      fieldLength: [this.fieldLength[TEXT].subarray(0, this.nextId), this.fieldLength[TITLE].subarray(0, this.nextId)],
      present: this.present.subarray(0, this.nextId), terms, fields,
    };
  }

  /** An index over `parts` (its arrays are used in place, not copied: postings are views on them). */
  static fromParts(parts: TermIndexParts): TermIndex {
    const index = new TermIndex();
    index.nextId = parts.nextId;
    index.documentCount = parts.documentCount;
    index.avgFieldLength = [...parts.avgFieldLength];
    index.fieldLength = [parts.fieldLength[TEXT], parts.fieldLength[TITLE]];
    index.present = parts.present;
    parts.fields.forEach(({ counts, ids, freqs }, field) => {
      let at = 0;
      parts.terms.forEach((term, i) => {
        const n = counts[i]!;
        if (n > 0) index.postings[field]!.set(term, new Postings(ids.subarray(at, at + n), freqs.subarray(at, at + n)));
        at += n;
      });
    });
    index.vocabulary = parts.terms;
    return index;
  }
}

export interface TermIndexParts {
  nextId: number;
  documentCount: number;
  avgFieldLength: number[];
  /** Per field, each entry's number of unique words (`nextId` long). */
  fieldLength: [Uint32Array, Uint32Array];
  /** Which fields each entry has (`nextId` long). */
  present: Uint8Array;
  /** Every indexed word, sorted. */
  terms: string[];
  /** Per field: each term's number of postings (0: not in the field), then all ids and frequencies, term after term. */
  fields: { counts: Uint32Array; ids: Uint32Array; freqs: Uint32Array }[];
}
