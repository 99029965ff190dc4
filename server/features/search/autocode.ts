import type { SearchFilter, SearchService } from './search.service';

export type AutocodeUnit = 'match' | 'sentence' | 'turn';

export interface ProposedPassage {
  documentId: string;
  documentName: string;
  start: number;
  end: number;
  text: string;
}

const SENTENCE_END = /[.!?…]+["'”»)]*(?=\s|$)/g;

/** The sentence around `start`–`end` within `[from, to)` of `text` (sentences end in . ! ? …). */
export function sentenceAround(text: string, from: number, to: number, start: number, end: number) {
  let sentenceStart = from;
  let sentenceEnd = to;
  SENTENCE_END.lastIndex = from;
  for (let m = SENTENCE_END.exec(text); m && m.index < to; m = SENTENCE_END.exec(text)) {
    const after = m.index + m[0].length;
    if (after <= start) sentenceStart = after;
    else if (m.index >= end - 1 || after >= end) {
      sentenceEnd = Math.min(after, to);
      break;
    }
  }
  while (sentenceStart < start && /\s/.test(text[sentenceStart]!)) sentenceStart++;
  return { start: sentenceStart, end: Math.max(sentenceEnd, end) };
}

/**
 * What auto-coding a search would code: each hit as the matched words, their sentence or their
 * whole turn; the same passage found twice is proposed once.
 */
export async function proposePassages(search: SearchService, projectId: string, q: string, filter: SearchFilter, unit: AutocodeUnit): Promise<ProposedPassage[]> {
  const { parsed, index, results } = await search.matchingTurns(projectId, q, filter);
  const names = await search.documentNames(projectId, [...new Set(results.map((r) => r.documentId))]);
  const seen = new Set<string>();
  const out: ProposedPassage[] = [];
  for (const r of results) {
    const doc = index.documents.get(r.documentId);
    const turn = doc?.turns[r.turn];
    if (!doc || !turn) continue;
    for (const hit of search.hitsOf(index, r, parsed, names)) {
      const range = unit === 'turn' ? { start: turn.start, end: turn.end }
        : unit === 'sentence' ? sentenceAround(doc.text, turn.start, turn.end, hit.start, hit.end)
          : { start: hit.start, end: hit.end };
      const key = `${doc.id}:${range.start}:${range.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ documentId: doc.id, documentName: names.get(doc.id) ?? '', start: range.start, end: range.end, text: doc.text.slice(range.start, range.end) });
    }
  }
  return out.sort((a, b) => a.documentId.localeCompare(b.documentId) || a.start - b.start);
}
