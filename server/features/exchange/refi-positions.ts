import type { Translate } from '../../i18n/translator';
import { CodePointIndex } from './positions';

/**
 * REFI-QDA positions in a source's plain text, and the producers' conventions: the standard
 * counts Unicode code points of the file's text (CRLF being two); NVivo counts UTF-16 units;
 * some tools count CRLF as one. The workbench keeps the source text nearly as it is (BOM dropped,
 * CRLF → LF, NFC) and maps each position through that normalisation.
 */
export interface PositionConvention {
  units: 'codepoints' | 'utf16';
  /** How many positions a CRLF line end takes. */
  crlf: 1 | 2;
}

export const STANDARD_CONVENTION: PositionConvention = { units: 'codepoints', crlf: 2 };
export const CONVENTIONS: PositionConvention[] = [
  STANDARD_CONVENTION, { units: 'utf16', crlf: 2 }, { units: 'codepoints', crlf: 1 }, { units: 'utf16', crlf: 1 },
];

/** Words for a researcher, in the reader's language: "Unicode code points (the standard), a Windows line end counted as two". */
export const describeConvention = (c: PositionConvention, t: Translate) =>
  `${c.units === 'codepoints' ? t('exchange.convention.codepoints') : t('exchange.convention.utf16')}, ${c.crlf === 2 ? t('exchange.convention.crlfTwo') : t('exchange.convention.crlfOne')}`;

/**
 * A source text normalised for the workbench, with the map from the raw text's UTF-16 offsets
 * (BOM already removed) to the normalised text's offsets.
 */
export class NormalisedSource {
  readonly text: string;
  /** map[i] = offset in `text` of the raw boundary i (inside a composed sequence: its start). */
  private readonly map: Int32Array;
  private readonly rawCp: CodePointIndex;
  private readonly lfCp: CodePointIndex;
  /** Offsets in the CRLF→LF text where a CRLF was folded (ascending). */
  private readonly folds: number[] = [];

  constructor(readonly raw: string) {
    this.map = new Int32Array(raw.length + 1);
    const out: string[] = [];
    let length = 0;
    let lfLength = 0;
    // Chunks that NFC may compose: a character with its combining marks; CRLF as one chunk.
    const chunk = /\r\n|\P{M}\p{M}*|\p{M}+/gsu;
    let m: RegExpExecArray | null;
    while ((m = chunk.exec(raw))) {
      const piece = m[0] === '\r\n' ? '\n' : m[0].normalize('NFC');
      if (m[0] === '\r\n') this.folds.push(lfLength + 1);
      lfLength += m[0] === '\r\n' ? 1 : m[0].length;
      for (let i = 0; i < m[0].length; i++) this.map[m.index + i] = length;
      out.push(piece);
      length += piece.length;
    }
    this.map[raw.length] = length;
    this.text = out.join('');
    this.rawCp = new CodePointIndex(raw);
    this.lfCp = new CodePointIndex(raw.replace(/\r\n/g, '\n'));
  }

  /** Raw UTF-16 offset of a REFI position under a convention (clamped to the text). */
  rawOffset(position: number, c: PositionConvention): number {
    if (c.crlf === 2) return Math.min(this.raw.length, c.units === 'utf16' ? position : this.rawCp.toUtf16(position));
    const lf = c.units === 'utf16' ? Math.min(position, this.lfCp.utf16Length) : this.lfCp.toUtf16(position);
    // Each fold at or before `lf` hides one raw character (the CR).
    let lo = 0;
    let hi = this.folds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.folds[mid]! <= lf) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(this.raw.length, lf + lo);
  }

  /** The normalised range of a REFI selection under a convention (start maps down, end up). */
  range(start: number, end: number, c: PositionConvention): { start: number; end: number } {
    const a = this.map[this.rawOffset(Math.max(0, start), c)]!;
    let rawEnd = this.rawOffset(Math.max(0, end), c);
    // An end inside a composed sequence or a CRLF covers the whole of it.
    while (rawEnd < this.raw.length && rawEnd > 0 && this.map[rawEnd] === this.map[rawEnd - 1]) rawEnd++;
    return { start: a, end: Math.max(a, this.map[rawEnd]!) };
  }
}

const WORD = /[\p{L}\p{N}_]/u;
const isWord = (s: string | undefined) => s !== undefined && s !== '' && WORD.test(s);

/** True when `start`–`end` neither begins nor ends inside a word (nor splits a surrogate pair). */
export function onWordBoundaries(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  const splits = (i: number) => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]!);
  if (splits(start) || splits(end)) return false;
  const startOk = start === 0 || !(isWord(text[start - 1]) && isWord(text[start]));
  const endOk = end >= text.length || !(isWord(text[end - 1]) && isWord(text[end]));
  return startOk && endOk;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * True when the passage matches a selection's name: the whole passage, or its beginning when the
 * name was shortened with "…". Names that are labels (empty, "Quotation 6:1") are not evidence: null.
 */
export function matchesName(passage: string, name: string): boolean | null {
  const n = squash(name.normalize('NFC'));
  if (n.length < 4 || /^(quotation|zitat|citation|selection)\s*\d/i.test(n)) return null;
  const p = squash(passage);
  if (n.endsWith('…') || n.endsWith('...')) return p.startsWith(n.replace(/(…|\.\.\.)$/, '').trimEnd());
  return p === n || p.startsWith(n);
}

export interface SourceSelections {
  source: NormalisedSource;
  selections: { start: number; end: number; name: string }[];
}

export interface ConventionScore {
  convention: PositionConvention;
  /** Selections that begin and end on word boundaries. */
  onBoundaries: number;
  /** Selections whose text matches their name (among those with a usable name). */
  nameMatches: number;
  named: number;
  total: number;
}

/**
 * Scores every convention on the file's own selections and picks the best: matching names weigh
 * most, then word boundaries; ties go to the standard. Files without astral characters and CRLF
 * score the same under all, and get the standard.
 */
export function detectConvention(sources: SourceSelections[]): { best: ConventionScore; scores: ConventionScore[] } {
  const scores = CONVENTIONS.map((convention) => {
    const score: ConventionScore = { convention, onBoundaries: 0, nameMatches: 0, named: 0, total: 0 };
    for (const { source, selections } of sources) {
      for (const sel of selections) {
        const { start, end } = source.range(sel.start, sel.end, convention);
        score.total += 1;
        if (onWordBoundaries(source.text, start, end)) score.onBoundaries += 1;
        const named = matchesName(source.text.slice(start, end), sel.name);
        if (named !== null) {
          score.named += 1;
          if (named) score.nameMatches += 1;
        }
      }
    }
    return score;
  });
  const value = (s: ConventionScore) => s.nameMatches * 3 + s.onBoundaries;
  const best = scores.reduce((a, b) => (value(b) > value(a) ? b : a));
  return { best, scores };
}
