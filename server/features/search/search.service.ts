import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest } from '../../errors';
import { allowedDocuments, type DocumentFilter } from './document-filter';
import type { ProjectIndex, TurnResult } from './project-index';
import type { SearchIndexes } from './search-indexes';
import { parseSearch, tokensWithOffsets, type ParsedSearch } from './text-tokens';

export interface SearchFilter extends DocumentFilter {
  /** Only turns of speakers with this role. */
  role?: 'respondent' | 'interviewer' | 'other';
}

export interface SearchHit {
  documentId: string;
  documentName: string;
  /** UTF-16 offsets of the match in the document's current text. */
  start: number;
  end: number;
  match: string;
  before: string;
  after: string;
  turnIndex: number;
  speaker: string | null;
  speakerRole: string | null;
  mediaStartMs: number | null;
  score: number;
}

const CONTEXT = 70;
const NO_NAMES = new Map<string, string>();
const MAX_HITS = 300;

function contextBefore(text: string, from: number, start: number) {
  const slice = text.slice(Math.max(from, start - CONTEXT), start);
  const cut = start - CONTEXT > from ? slice.indexOf(' ') : -1;
  return cut >= 0 ? `…${slice.slice(cut + 1)}` : slice;
}

function contextAfter(text: string, end: number, to: number) {
  const slice = text.slice(end, Math.min(to, end + CONTEXT));
  const cut = end + CONTEXT < to ? slice.lastIndexOf(' ') : -1;
  return cut >= 0 ? `${slice.slice(0, cut)}…` : slice;
}

/** Where in one turn the query matched: every phrase occurrence and every matched word outside them. */
export function matchesInTurn(text: string, parsed: ParsedSearch, matchedTerms: Set<string>): { start: number; end: number }[] | null {
  const tokens = tokensWithOffsets(text);
  const spans: { start: number; end: number }[] = [];
  const inPhrase = new Set<number>();
  for (const phrase of parsed.phrases) {
    let found = false;
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((term, k) => tokens[i + k]!.term === term)) {
        spans.push({ start: tokens[i]!.start, end: tokens[i + phrase.length - 1]!.end });
        for (let k = 0; k < phrase.length; k++) inPhrase.add(i + k);
        found = true;
      }
    }
    if (!found) return null; // the words are there, but not as that phrase
  }
  if (parsed.terms.length > 0) {
    tokens.forEach((token, i) => {
      if (!inPhrase.has(i) && matchedTerms.has(token.term)) spans.push({ start: token.start, end: token.end });
    });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Full-text search across a project's transcripts: words, prefixes, typo tolerance, "exact
 * phrases", case- and accent-insensitive, ranked by BM25 (MiniSearch), answered as
 * keyword-in-context hits with exact offsets; plus matching memos and code definitions.
 */
export class SearchService {
  constructor(private readonly db: Kysely<Database>, private readonly indexes: SearchIndexes) {}

  /** Turns matching the query (after filters), with the index they came from. */
  async matchingTurns(projectId: string, q: string, filter: SearchFilter) {
    const parsed = parseSearch(q);
    if (parsed.terms.length === 0 && parsed.phrases.length === 0) throw badRequest('EMPTY_QUERY', 'errors.emptyQuery');
    const [index, allowed] = await Promise.all([this.indexes.get(projectId), allowedDocuments(this.db, projectId, filter)]);
    const terms = [...parsed.terms.map((term) => ({ term, exact: false })), ...parsed.phrases.flat().map((term) => ({ term, exact: true }))];
    // Turns and notes come from one pass over the index.
    const { turns: results, notes } = index.query(terms, (r) => (!allowed || allowed.has(r.documentId)) && (!filter.role || r.role === filter.role));
    return { parsed, index, results, notes };
  }

  async search(projectId: string, q: string, filter: SearchFilter = {}) {
    const { parsed, index, results, notes: matchedNotes } = await this.matchingTurns(projectId, q, filter);
    // Documents by summed turn score (summed best turn first, as ranked), then id; turns in text order.
    const byDocument = new Map<string, { id: string; score: number; turns: TurnResult[] }>();
    for (const r of results) {
      const d = byDocument.get(r.documentId);
      if (d) {
        d.score += r.score;
        d.turns.push(r);
      } else byDocument.set(r.documentId, { id: r.documentId, score: r.score, turns: [r] });
    }
    const ordered: TurnResult[] = [];
    for (const d of [...byDocument.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))) {
      for (const r of d.turns.sort((a, b) => a.turn - b.turn)) ordered.push(r);
    }
    // Hits are placed in the best turns first; past MAX_HITS the remaining turns are only counted.
    const hits: SearchHit[] = [];
    let total = 0;
    for (const r of ordered) {
      if (hits.length >= MAX_HITS) {
        total += Math.max(1, r.termCount);
        continue;
      }
      const found = this.hitsOf(index, r, parsed, NO_NAMES);
      total += found.length;
      for (const hit of found) if (hits.length < MAX_HITS) hits.push(hit);
    }
    // Names only of the documents shown, not of every document that matched.
    const names = await this.documentNames(projectId, [...new Set(hits.map((h) => h.documentId))]);
    for (const hit of hits) hit.documentName = names.get(hit.documentId) ?? '';
    const notes = matchedNotes.slice(0, 50).map((n) => ({ kind: n.kind, id: n.ownerId, title: n.title, score: n.score }));
    return { query: q, total, truncated: total > hits.length, documents: byDocument.size, hits, notes };
  }

  hitsOf(index: ProjectIndex, r: TurnResult, parsed: ParsedSearch, names: Map<string, string>): SearchHit[] {
    const doc = index.documents.get(r.documentId);
    const turn = doc?.turns[r.turn];
    if (!doc || !turn) return [];
    const spans = matchesInTurn(doc.text.slice(turn.start, turn.end), parsed, new Set(r.terms));
    if (!spans) return [];
    return spans.map((s) => {
      const start = turn.start + s.start;
      const end = turn.start + s.end;
      return {
        documentId: doc.id, documentName: names.get(doc.id) ?? '', start, end, match: doc.text.slice(start, end),
        before: contextBefore(doc.text, turn.start, start), after: contextAfter(doc.text, end, turn.end),
        turnIndex: r.turn, speaker: turn.speaker, speakerRole: turn.role, mediaStartMs: turn.mediaStartMs, score: r.score,
      };
    });
  }

  async documentNames(projectId: string, ids: string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await this.db.selectFrom('documents').select(['id', 'name']).where('project_id', '=', projectId).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
