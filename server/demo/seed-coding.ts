import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database, ProjectRole } from '../db/schema';
import type { Services } from '../services';

/**
 * Codes the fictional demo transcripts as two fictional coders, through the real services
 * (`CodesService.create`, `SegmentsService.code`, `MemosService.create`), so the demo has a codebook,
 * double-coded documents with realistic disagreement, and memos.
 *
 * Everything is deterministic: passages come from keyword patterns in `fixtures/demo/codebook.json`,
 * and every coding decision from a hash of the document, the passage and the code (no Math.random),
 * so two loads of the demo give the same codings at the same offsets.
 *
 * - A passage is a sentence of a respondent turn containing a keyword of a leaf code, or two
 *   consecutive sentences (a run of matching sentences, or the sentence with the next one for context).
 *   A turn gets its main themes only (up to three codes, each once); inductive codes are used from the
 *   interview they emerged in (`emergedIn`), so new codes appear mostly in the first interviews.
 * - Lotte (coder 1) codes every transcript and misses a few passages.
 * - Camille (coder 2) codes the Dutch and French transcripts and the first two English ones by interview
 *   date (double coding to calibrate the codebook). Against Lotte's passages she agrees most of the
 *   time, sometimes takes a longer span (the whole turn or one more sentence), sometimes picks a sibling
 *   code, sometimes misses the passage, and she codes most of the passages Lotte missed.
 */

export const CODEBOOK_FILE = fileURLToPath(new URL('../../fixtures/demo/codebook.json', import.meta.url));

export interface CodebookEntry {
  name: string;
  color?: string;
  definition?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  /** Leaf codes only: English, Dutch and French patterns (see `keywordPattern`). */
  keywords?: string[];
  /** Inductive codes: the transcript (file name) in which the code was first noticed; it is used from that interview on. */
  emergedIn?: string;
  children?: CodebookEntry[];
}

export interface Codebook {
  about: string;
  codes: CodebookEntry[];
}

export function readCodebook(file = CODEBOOK_FILE): Codebook {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Codebook;
}

const WORD = '[\\p{L}\\p{N}]';

/**
 * One regular expression for a code's keywords: case-insensitive, whole words; a trailing `*` allows
 * any word ending (`debt*` matches "debts"), a space any whitespace, an apostrophe either ' or ’.
 */
export function keywordPattern(keywords: string[]): RegExp {
  const alternatives = keywords.map((keyword) => {
    const stem = keyword.trim().normalize('NFC');
    const wildcard = stem.endsWith('*');
    const body = (wildcard ? stem.slice(0, -1) : stem)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+')
      .replace(/['’]/g, "['’]");
    return wildcard ? `${body}${WORD}*` : body;
  });
  return new RegExp(`(?<!${WORD})(?:${alternatives.join('|')})(?!${WORD})`, 'iu');
}

interface Span {
  start: number;
  end: number;
}

/**
 * Sentences of `text[start, end)` as trimmed document offsets. A sentence ends at a newline, or after
 * . ! ? … (and closing quotes or brackets) followed by whitespace and a capital, a quote or a bracket.
 */
export function sentenceSpans(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let from = start;
  const push = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) spans.push({ start: a, end: b });
    from = to;
  };
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      continue;
    }
    if (!'.!?…'.includes(ch)) continue;
    let j = i + 1;
    while (j < end && '.!?…"»”’)]'.includes(text[j]!)) j++;
    if (j >= end || !/[ \t\u00a0]/.test(text[j]!)) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < end && /[ \t\u00a0]/.test(text[k]!)) k++;
    if (k < end && /[\p{Lu}«"“(\[]/u.test(text[k]!)) push(j);
    i = j - 1;
  }
  push(end);
  return spans;
}

/** FNV-1a: a stable hash of `key`, as a number in [0, 1). */
export function unitHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

interface Leaf {
  id: string;
  name: string;
  parentId: string | null;
  pattern: RegExp;
  /** The transcript from whose interview date on the code is used (null: from the start). */
  emergedIn: string | null;
}

/** A passage coded with one code, before it is grouped with the other codes on the same span. */
interface Unit {
  start: number;
  end: number;
  codeId: string;
}

interface TurnSentences {
  turn: Span;
  sentences: Span[];
}

/** Lotte's rates: a passage she misses; a one-sentence passage she extends with the next sentence. */
const LOTTE_MISSES = 0.08;
const LOTTE_EXTENDS = 0.2;
/** Camille, for a passage Lotte coded: cumulative thresholds of a hash in [0, 1). */
const CAMILLE = { same: 0.55, longer: 0.67, sibling: 0.79, missed: 0.92 } as const;
/** Camille codes this share of the passages Lotte missed. */
const CAMILLE_CATCHES = 0.65;
const MAX_CODES_PER_SENTENCE = 2;
/** A coder codes the main themes of a turn (at most this many), each once: the first run of sentences that mention it. */
const MAX_THEMES_PER_TURN = 3;
const MAX_PASSAGES_PER_CODE_AND_TURN = 1;
const MAX_SENTENCES_PER_PASSAGE = 2;
/** A turn up to this long is taken whole when Camille takes a longer span. */
const SHORT_TURN = 650;

/** Candidate passages of a document: runs of sentences matching a leaf code, per respondent turn. */
function candidateUnits(fileName: string, text: string, turns: TurnSentences[], leaves: Leaf[]): (Unit & { turn: number; sentence: [number, number] })[] {
  const units: (Unit & { turn: number; sentence: [number, number] })[] = [];
  turns.forEach(({ sentences }, turnIndex) => {
    const matched = sentences.map((s) => {
      const sentence = text.slice(s.start, s.end);
      return leaves
        .map((leaf) => ({ leaf, at: sentence.search(leaf.pattern) }))
        .filter((m) => m.at >= 0)
        .sort((a, b) => a.at - b.at)
        .slice(0, MAX_CODES_PER_SENTENCE)
        .map((m) => m.leaf.id);
    });
    // The turn's main themes: the codes mentioned in most sentences, then the earliest.
    const themes = leaves
      .map((leaf) => ({ leaf, hits: matched.filter((m) => m.includes(leaf.id)).length, first: matched.findIndex((m) => m.includes(leaf.id)) }))
      .filter((t) => t.hits > 0)
      .sort((a, b) => b.hits - a.hits || a.first - b.first)
      .slice(0, MAX_THEMES_PER_TURN)
      .map((t) => t.leaf);
    for (const leaf of themes) {
      let i = 0;
      let passages = 0;
      while (i < sentences.length && passages < MAX_PASSAGES_PER_CODE_AND_TURN) {
        if (!matched[i]!.includes(leaf.id)) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < sentences.length && j + 1 - i < MAX_SENTENCES_PER_PASSAGE && matched[j + 1]!.includes(leaf.id)) j++;
        if (j === i && j + 1 < sentences.length && unitHash(`${fileName}|${sentences[i]!.start}|${leaf.name}|context`) < LOTTE_EXTENDS) j++;
        units.push({ start: sentences[i]!.start, end: sentences[j]!.end, codeId: leaf.id, turn: turnIndex, sentence: [i, j] });
        passages += 1;
        i = j + 1;
      }
    }
  });
  return units;
}

/** Groups units by span: one segment per span with all its codes, in text order. */
function groupBySpan(units: Unit[]) {
  const bySpan = new Map<string, { start: number; end: number; codeIds: string[] }>();
  for (const u of units) {
    const key = `${u.start}:${u.end}`;
    const entry = bySpan.get(key) ?? { start: u.start, end: u.end, codeIds: [] };
    if (!entry.codeIds.includes(u.codeId)) entry.codeIds.push(u.codeId);
    bySpan.set(key, entry);
  }
  return [...bySpan.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Share of units (of both coders) that the other coder also coded with the same code on an overlapping span. */
function overlapShare(a: Unit[], b: Unit[]) {
  const agrees = (u: Unit, others: Unit[]) => others.some((o) => o.codeId === u.codeId && o.start < u.end && u.start < o.end);
  const agreeing = a.filter((u) => agrees(u, b)).length + b.filter((u) => agrees(u, a)).length;
  return { agreeing, total: a.length + b.length };
}

export interface DemoCodingResult {
  codes: number;
  segments: number;
  codings: Record<string, number>;
  documents: { coded: Record<string, number>; doubleCoded: number };
  /** Passage-level agreement in the double-coded documents (0–1), see `overlapShare`. */
  overlap: number;
  memos: number;
}

export async function seedDemoCoding(
  db: Kysely<Database>,
  services: Services,
  options: { projectId: string; ownerId: string; coderIds: [string, string] },
): Promise<DemoCodingResult> {
  const { projectId, ownerId } = options;
  const [lotteId, camilleId] = options.coderIds;
  const actor = (userId: string, role: ProjectRole = 'coder') => ({ userId, role });

  // 1. The codebook, depth first, through CodesService.
  const leaves: Leaf[] = [];
  const codeIdByName = new Map<string, string>();
  let codeCount = 0;
  const createCodes = async (entries: CodebookEntry[], parentId: string | null, emergedIn: string | null) => {
    for (const entry of entries) {
      const emerged = entry.emergedIn ?? emergedIn;
      const row = await services.codes.create(projectId, ownerId, {
        name: entry.name, parentId, ...(entry.color ? { color: entry.color } : {}),
        definition: entry.definition ?? '', inclusion: entry.inclusion ?? '', exclusion: entry.exclusion ?? '', example: entry.example ?? '',
      });
      codeCount += 1;
      codeIdByName.set(entry.name, row.id);
      if (entry.children?.length) await createCodes(entry.children, row.id, emerged);
      else if (entry.keywords?.length) leaves.push({ id: row.id, name: entry.name, parentId, pattern: keywordPattern(entry.keywords), emergedIn: emerged });
    }
  };
  await createCodes(readCodebook().codes, null, null);
  const siblingsOf = (leaf: Leaf) => leaves.filter((l) => l.parentId !== null && l.parentId === leaf.parentId && l.id !== leaf.id);
  const leafById = new Map(leaves.map((l) => [l.id, l]));

  // 2. The documents in interview order; Camille double-codes the Dutch and French ones and the first two English ones.
  const documents = await db.selectFrom('documents').select(['id', 'file_name', 'language', 'interview_date'])
    .where('project_id', '=', projectId).orderBy('interview_date').orderBy('file_name').execute();
  const firstEnglish = documents.filter((d) => d.language === 'en').slice(0, 2).map((d) => d.id);
  const camilleCodes = (d: (typeof documents)[number]) => d.language === 'nl' || d.language === 'fr' || firstEnglish.includes(d.id);
  const dateOf = new Map(documents.map((d) => [d.file_name, d.interview_date ?? '']));
  for (const leaf of leaves) {
    if (leaf.emergedIn !== null && !dateOf.has(leaf.emergedIn)) throw new Error(`demo codebook: "${leaf.name}" emerged in "${leaf.emergedIn}", which is not a demo transcript`);
  }
  /** The codes in use at the interview date of `d`: deductive ones, and inductive ones that emerged by then. */
  const leavesFor = (d: (typeof documents)[number]) => leaves.filter((l) => l.emergedIn === null || dateOf.get(l.emergedIn)! <= (d.interview_date ?? ''));

  const segmentsOf = new Map<string, { coderId: string; documentFile: string; start: number; end: number; codeIds: string[]; id: string }[]>();
  const codingCounts: Record<string, number> = { [lotteId]: 0, [camilleId]: 0 };
  const codedDocuments: Record<string, Set<string>> = { [lotteId]: new Set(), [camilleId]: new Set() };
  let agreeing = 0;
  let compared = 0;
  let segmentCount = 0;

  const apply = async (coderId: string, documentId: string, fileName: string, text: string, units: Unit[]) => {
    for (const passage of groupBySpan(units)) {
      const { segment: { id } } = await services.segments.code(projectId, documentId, actor(coderId), {
        start: passage.start, end: passage.end, exact: text.slice(passage.start, passage.end), codeIds: passage.codeIds,
      });
      segmentCount += 1;
      codingCounts[coderId] = (codingCounts[coderId] ?? 0) + passage.codeIds.length;
      const list = segmentsOf.get(coderId) ?? [];
      list.push({ coderId, documentFile: fileName, ...passage, id });
      segmentsOf.set(coderId, list);
    }
    if (units.length > 0) codedDocuments[coderId]!.add(documentId);
  };

  for (const document of documents) {
    const { revision, turns, speakers } = await services.documents.get(document.id);
    const text = await services.documents.revisionText(revision.id);
    const respondents = new Set(speakers.filter((s) => s.role === 'respondent').map((s) => s.id));
    const respondentTurns: TurnSentences[] = turns
      .filter((t) => t.speaker_id !== null && respondents.has(t.speaker_id))
      .map((t) => ({ turn: { start: t.start_offset, end: t.end_offset }, sentences: sentenceSpans(text, t.start_offset, t.end_offset) }));
    const candidates = candidateUnits(document.file_name, text, respondentTurns, leavesFor(document));
    const key = (u: Unit, salt: string) => `${document.file_name}|${u.start}|${u.end}|${leafById.get(u.codeId)!.name}|${salt}`;

    const lotte: Unit[] = [];
    const camille: Unit[] = [];
    for (const unit of candidates) {
      const lotteMisses = unitHash(key(unit, 'lotte')) < LOTTE_MISSES;
      if (!lotteMisses) lotte.push({ start: unit.start, end: unit.end, codeId: unit.codeId });
      if (!camilleCodes(document)) continue;
      const h = unitHash(key(unit, 'camille'));
      if (lotteMisses) {
        if (h < CAMILLE_CATCHES) camille.push({ start: unit.start, end: unit.end, codeId: unit.codeId });
        continue;
      }
      if (h < CAMILLE.same) {
        camille.push({ start: unit.start, end: unit.end, codeId: unit.codeId });
      } else if (h < CAMILLE.longer) {
        const { turn, sentences } = respondentTurns[unit.turn]!;
        const [first, last] = unit.sentence;
        const wholeTurn = turn.end - turn.start <= SHORT_TURN || sentences.length <= last - first + 2;
        const span = wholeTurn
          ? { start: sentences[0]!.start, end: sentences[sentences.length - 1]!.end }
          : last + 1 < sentences.length
            ? { start: unit.start, end: sentences[last + 1]!.end }
            : { start: sentences[first - 1]!.start, end: unit.end };
        camille.push({ ...span, codeId: unit.codeId });
      } else if (h < CAMILLE.sibling) {
        const siblings = siblingsOf(leafById.get(unit.codeId)!);
        const other = siblings.length > 0 ? siblings[Math.floor(unitHash(key(unit, 'sibling')) * siblings.length)]! : leafById.get(unit.codeId)!;
        camille.push({ start: unit.start, end: unit.end, codeId: other.id });
      } else if (h >= CAMILLE.missed) {
        camille.push({ start: unit.start, end: unit.end, codeId: unit.codeId });
      }
    }

    await apply(lotteId, document.id, document.file_name, text, lotte);
    if (camilleCodes(document)) {
      await apply(camilleId, document.id, document.file_name, text, camille);
      const share = overlapShare(lotte, camille);
      agreeing += share.agreeing;
      compared += share.total;
    }
  }

  // 3. Memos: one on the project, three on codes, four on segments (both coders).
  const code = (name: string) => {
    const id = codeIdByName.get(name);
    if (!id) throw new Error(`demo codebook: no code named "${name}"`);
    return id;
  };
  const doubleCoded = [...codedDocuments[camilleId]!].filter((id) => codedDocuments[lotteId]!.has(id)).length;
  let memoCount = 0;
  const memo = async (authorId: string, role: ProjectRole, input: Parameters<Services['memos']['create']>[2]) => {
    await services.memos.create(projectId, actor(authorId, role), input);
    memoCount += 1;
  };
  await memo(ownerId, 'owner', {
    targetType: 'project', title: 'Fictional demo: how this project was coded',
    body: [
      '**Fictional demo data.** The interviews, respondents, coders and figures in this project are invented for SOCPREV Workbench; any resemblance to real persons is coincidental.',
      '',
      'Coding conventions agreed before the first interview was coded:',
      '',
      '- Code *respondent turns only*; interviewer questions stay uncoded.',
      '- A passage is a sentence, or two when the second is needed to understand the first.',
      '- Use the most specific sub-code; a parent code only when no sub-code fits.',
      '- Write a memo when a passage could go to two sibling codes.',
      '',
      `Lotte coded all ${documents.length} interviews. Camille double-coded ${doubleCoded} of them (the Dutch and French interviews and the first two English ones) so that we can check agreement *before* the codebook is frozen.`,
    ].join('\n'),
  });
  await memo(lotteId, 'coder', {
    targetType: 'code', targetId: code('Focused deterrence'), title: 'Respondents disagree on focused deterrence',
    codeIds: [code('Dealer violence')],
    body: [
      'The respondents do **not** agree on whether focused deterrence fits Belgium:',
      '',
      '1. *In favour*: the Swedish respondent and the Charleroi commissioner (for the few who organise violence).',
      '2. *Sceptical*: the Brussels harm-reduction coordinator and the Charleroi street educator ("deterrence without an alternative").',
      '3. *Not for addicted offenders*: the Dutch respondent.',
      '',
      'Keep the disagreement visible in the report rather than averaging it away.',
    ].join('\n'),
  });
  await memo(camilleId, 'coder', {
    targetType: 'code', targetId: code('Professional secrecy'), title: 'Boundary with police cooperation',
    codeIds: [code('Police–social services cooperation'), code('Data access and privacy')],
    body: [
      'Use *Professional secrecy* only when information about **individuals** is shared or refused (case consultation, art. 458ter, names).',
      '',
      '- General platforms on trends and places → *Police–social services cooperation*.',
      '- Data for research or evaluation → *Data access and privacy*.',
      '',
      'Lotte and I coded the Charleroi duo differently at first; this is the rule we agreed on.',
    ].join('\n'),
  });
  await memo(ownerId, 'owner', {
    targetType: 'code', targetId: code('Cost per client'), title: 'Cost per client as an indicator',
    codeIds: [code('Missing cost data')],
    body: [
      'Two readings of the same figure:',
      '',
      '- the EU respondent *recommends* cost per client as a minimal indicator;',
      '- the Namur debt counsellor warns that it makes services **pick the easy cases**.',
      '',
      'Report unit costs together with who is reached, never alone.',
    ].join('\n'),
  });
  const segmentWith = (coderId: string, file: string, codeName: string) => {
    const codeId = code(codeName);
    const mine = segmentsOf.get(coderId) ?? [];
    return mine.find((s) => s.documentFile === file && s.codeIds.includes(codeId)) ?? mine.find((s) => s.codeIds.includes(codeId));
  };
  const segmentMemos: { coderId: string; file: string; codeName: string; title: string; body: string }[] = [
    {
      coderId: lotteId, file: 'nl-mechelen-case-management.txt', codeName: 'Relapse', title: 'Relapse as the moment that counts',
      body: 'The coordinator frames relapse as **normal**: it is when the case manager is needed most.\n\n- compare with the Ghent liaison (relapse "belongs to it")\n- contrast with the debt plans in Namur, which a relapse can end',
    },
    {
      coderId: lotteId, file: 'en-pt-dissuasion-commissions.txt', codeName: 'Drug treatment court / diversion', title: 'Health or justice?',
      body: 'The Portuguese respondent asks why a *judge* should decide about health at all.\n\n- possible sub-code: **decriminalisation**?\n- discuss at the next codebook meeting',
    },
    {
      coderId: camilleId, file: 'fr-charleroi-police-social.vtt', codeName: 'Professional secrecy', title: 'Two voices, one turn apart',
      body: 'The street educator refuses case consultation; the commissioner wants it "for very serious situations".\n\n- *« si les gens pensent qu\'on transmet des informations à la police, on perd tout »*\n- same disagreement as Antwerp outreach vs. Mechelen',
    },
    {
      coderId: camilleId, file: 'fr-namur-debt-counselling.txt', codeName: 'Cost per client', title: 'Creaming',
      body: 'The debt counsellor expects that evaluating on **cost per closed case** would make services select the easy cases.\n\n1. link to the code memo on *Cost per client*\n2. check whether other respondents say the same',
    },
  ];
  for (const m of segmentMemos) {
    const segment = segmentWith(m.coderId, m.file, m.codeName);
    if (segment) await memo(m.coderId, 'coder', { targetType: 'segment', targetId: segment.id, title: m.title, body: m.body, codeIds: [code(m.codeName)] });
  }

  return {
    codes: codeCount,
    segments: segmentCount,
    codings: codingCounts,
    documents: { coded: { [lotteId]: codedDocuments[lotteId]!.size, [camilleId]: codedDocuments[camilleId]!.size }, doubleCoded },
    overlap: compared === 0 ? 0 : agreeing / compared,
    memos: memoCount,
  };
}
