import { normalizeTerm, words } from '../search/text-tokens';

// Words too common to tell codes apart, in the study's three languages.
const STOPWORDS = new Set(`
the and that this with have for you not but are was were they them their there what which who when where how about from into
than then also just very more most some such can could would should will been being has had does did our your its his her
een het van dat die niet zijn wat maar ook voor met als dan nog wel want door naar over hebben heeft wordt worden zij hun
er bij uit tot dus heel veel mijn onze deze dit waar wie hoe omdat echt eigenlijk gewoon zo ja nee
les des une est pas que qui dans pour par sur avec mais plus sont ont ils elles leur nous vous mon notre cette ces comme
tout tous fait faire être avoir aux ont été donc alors aussi très bien oui non
`.split(/\s+/).filter(Boolean).map(normalizeTerm));

type Vector = Map<string, number>;

/** Folded content words of a text (no stop words, at least three letters). */
export function contentTerms(text: string): string[] {
  return words(text).map(normalizeTerm).filter((t) => t.length >= 3 && !STOPWORDS.has(t) && !/^\d+$/.test(t));
}

function normalise(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

export interface CodedExample {
  text: string;
  codeIds: string[];
}

export interface Suggestion {
  codeId: string;
  score: number;
}

/**
 * Code suggestions learned from a project's own codings, with no outside service: every code is
 * the TF-IDF centroid of the passages coded with it; a new passage gets the codes whose centroid
 * is closest (cosine similarity).
 *
 * @example
 * const suggest = trainSuggester([{ text: 'sleeping rough near the station', codeIds: ['housing'] }]);
 * suggest('they sleep near the station', 3) // [{ codeId: 'housing', score: 0.5… }]
 */
export function trainSuggester(examples: CodedExample[]): (text: string, limit?: number) => Suggestion[] {
  const docs = examples.map((e) => ({ terms: contentTerms(e.text), codeIds: e.codeIds }));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const vectorOf = (terms: string[]): Vector => {
    const v: Vector = new Map();
    for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
    for (const [t, tf] of v) v.set(t, (1 + Math.log(tf)) * idf(t));
    return normalise(v);
  };
  const centroids = new Map<string, Vector>();
  for (const d of docs) {
    const v = vectorOf(d.terms);
    for (const codeId of d.codeIds) {
      const c = centroids.get(codeId) ?? new Map();
      for (const [t, x] of v) c.set(t, (c.get(t) ?? 0) + x);
      centroids.set(codeId, c);
    }
  }
  for (const c of centroids.values()) normalise(c);
  return (text, limit = 5) => {
    const q = vectorOf(contentTerms(text));
    if (q.size === 0) return [];
    const scored: Suggestion[] = [];
    for (const [codeId, c] of centroids) {
      let dot = 0;
      for (const [t, x] of q) dot += x * (c.get(t) ?? 0);
      if (dot > 0) scored.push({ codeId, score: dot });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  };
}
