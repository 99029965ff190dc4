/**
 * Subtitle cues (WebVTT and SRT) → raw speaker turns.
 *
 * Speakers come from voice spans (`<v Name>`), `Name:` or `[Name]` at the start of a cue line.
 * A cue without a speaker continues the previous speaker's turn unless it shows another,
 * unnamed speaker (dialogue dashes `- …`, `>>`). Consecutive cues of one speaker are merged by
 * `assembleTranscript` (`mergeSameSpeaker`). Every step is a linear scan.
 */
import type { RawTurn } from './canonical-text';
import { checkLabel, findLabelColon, isAnnotation } from './speaker-labels';
import { isKnownRoleLabel, normaliseSpeakerKey } from './speaker-roles';

/** One cue as a reader found it. */
export interface SubtitleCue {
  startMs: number;
  endMs: number;
  /** Cue payload, lines joined by `\n`, markup still in. */
  text: string;
}

export interface CueOptions {
  /** YouTube-style rolling captions: drop lines repeated from the previous cue, group cues. */
  rolling?: boolean;
}

interface Segment {
  voice: string | null;
  text: string;
}

interface Piece {
  label: string | null;
  source: 'voice' | 'colon' | 'bracket' | null;
  text: string;
  /** The line as displayed (label included), used when a label is rejected. */
  raw: string;
  dash: boolean;
  change: boolean;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', apos: "'", lrm: '', rlm: '', shy: '',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
};

/**
 * Decode the HTML entities subtitles use (`&amp; &lt; &gt; &nbsp; &lrm;`, numeric `&#39;`).
 * @example decodeEntities('Q&amp;A') // 'Q&A'
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/gu, (whole, name: string) => {
    if (name.startsWith('#')) {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Strip cue markup: voice spans become segments, `<c>`, `<i>`, `<b>`, `<u>`, `<font>`, `<ruby>`,
 * `<lang>`, inline timestamps `<00:05:04.199>` and SSA overrides `{\an8}` are removed.
 * @example parseCueMarkup('<v.loud Anna>Hi <i>there</i></v>') // [{ voice: 'Anna', text: 'Hi there' }]
 */
export function parseCueMarkup(text: string): Segment[] {
  const segments: Segment[] = [];
  let voice: string | null = null;
  let chunks: string[] = [];
  let runStart = 0;
  const pushSegment = () => {
    const joined = decodeEntities(chunks.join(''));
    if (joined.trim() !== '') segments.push({ voice, text: joined });
    chunks = [];
  };
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3c /* < */ || (ch === 0x7b /* { */ && text.charAt(i + 1) === '\\')) {
      const closeChar = ch === 0x3c ? '>' : '}';
      let close = -1;
      for (let j = i + 1; j < text.length && j <= i + 200; j++) {
        const c = text.charAt(j);
        if (c === closeChar) {
          close = j;
          break;
        }
        if (c === '\n' || c === '<') break;
      }
      const tag = close > 0 ? text.slice(i + 1, close) : '';
      if (close > 0 && (ch === 0x7b || /^[A-Za-z/0-9]/u.test(tag))) {
        chunks.push(text.slice(runStart, i));
        if (ch === 0x3c) {
          const name = tag.replace(/^\//u, '').split(/[.\s]/u)[0].toLowerCase();
          if (name === 'v') {
            pushSegment();
            if (tag.startsWith('/')) voice = null;
            else {
              const space = tag.search(/\s/u);
              const annotation = space < 0 ? '' : tag.slice(space).trim();
              voice = annotation === '' ? null : decodeEntities(annotation);
            }
          }
        }
        i = close + 1;
        runStart = i;
        continue;
      }
    }
    i++;
  }
  chunks.push(text.slice(runStart));
  pushSegment();
  return segments;
}

function parseLinePiece(line: string): Piece | null {
  let text = line.trim();
  if (text === '') return null;
  let change = false;
  if (text.startsWith('>>')) {
    text = text.slice(2).trim();
    change = true;
  }
  const dash = /^[-–—]\s/u.test(text);
  const piece: Piece = { label: null, source: null, text, raw: text, dash, change };
  if (dash || text === '') return text === '' ? null : piece;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close > 1 && close <= 41) {
      const inner = text.slice(1, close).trim();
      if (checkLabel(inner).ok && !isAnnotation(inner)) {
        const after = text.slice(close + 1).trim().replace(/^[:：]\s*/u, '');
        return { ...piece, label: inner, source: 'bracket', text: after };
      }
    }
  }
  const colon = findLabelColon(text);
  if (colon > 0) {
    const after = text.slice(colon + 1);
    const name = text.slice(0, colon).trim();
    if (!after.startsWith('//') && !/^\d/u.test(after) && checkLabel(name).ok) {
      return { ...piece, label: name, source: 'colon', text: after.trim() };
    }
  }
  return piece;
}

function cuePieces(cue: SubtitleCue): Piece[] {
  const pieces: Piece[] = [];
  for (const segment of parseCueMarkup(cue.text)) {
    for (const line of segment.text.split('\n')) {
      if (segment.voice !== null) {
        const text = line.trim();
        if (text !== '') pieces.push({ label: segment.voice, source: 'voice', text, raw: text, dash: false, change: false });
      } else {
        const piece = parseLinePiece(line);
        if (piece) pieces.push(piece);
      }
    }
  }
  return pieces;
}

/** Drop leading lines a rolling caption repeats from the previous cue. */
function dropRepeatedLines(previous: readonly string[], pieces: Piece[]): Piece[] {
  const max = Math.min(previous.length, pieces.length);
  for (let k = max; k > 0; k--) {
    let same = true;
    for (let j = 0; j < k && same; j++) same = pieces[j].raw === previous[previous.length - k + j];
    if (same) return pieces.slice(k);
  }
  return pieces;
}

/** Decide which `Name:`/`[Name]` candidates are speakers; rejected ones become plain text. */
function acceptCueLabels(all: Piece[][]): void {
  const count = new Map<string, number>();
  let labelledCues = 0;
  for (const pieces of all) {
    let labelled = false;
    for (const p of pieces) {
      if (p.label === null) continue;
      labelled = true;
      if (p.source !== 'voice') {
        const key = normaliseSpeakerKey(p.label);
        count.set(key, (count.get(key) ?? 0) + 1);
      }
    }
    if (labelled) labelledCues++;
  }
  const dominant = all.length > 0 && labelledCues / all.length >= 0.5;
  for (const pieces of all) {
    for (const p of pieces) {
      if (p.label === null || p.source === 'voice') continue;
      const n = count.get(normaliseSpeakerKey(p.label)) ?? 0;
      const known = isKnownRoleLabel(p.label);
      const ok = p.source === 'bracket' ? known || n >= 2 : known || n >= 2 || dominant;
      if (!ok) {
        p.label = null;
        p.source = null;
        p.text = p.raw;
      }
    }
  }
}

const ROLLING_PARAGRAPH_CHARS = 400;
const ROLLING_GAP_MS = 2000;

/**
 * Turn parsed cues into raw turns (one per cue and speaker; the caller merges consecutive turns
 * of one speaker with `assembleTranscript(…, { mergeSameSpeaker: true })`).
 * @example
 * cuesToRawTurns([{ startMs: 0, endMs: 900, text: '<v Anna>Hello' }])
 * // [{ speakerLabel: 'Anna', text: 'Hello', mediaStartMs: 0, mediaEndMs: 900 }]
 */
export function cuesToRawTurns(cues: readonly SubtitleCue[], options: CueOptions = {}): RawTurn[] {
  let previousLines: string[] = [];
  const all: Piece[][] = cues.map((cue) => {
    let pieces = cuePieces(cue);
    if (options.rolling) {
      const lines = pieces.map((p) => p.raw);
      pieces = dropRepeatedLines(previousLines, pieces);
      previousLines = lines;
    }
    return pieces;
  });
  acceptCueLabels(all);

  const turns: RawTurn[] = [];
  let speaker: string | null = null;
  let lastNullTurn: RawTurn | null = null;
  cues.forEach((cue, index) => {
    const pieces = all[index];
    const last = turns[turns.length - 1];
    if (pieces.length === 0) {
      if (last && last.mediaEndMs !== null) last.mediaEndMs = Math.max(last.mediaEndMs, cue.endMs);
      return;
    }
    if (pieces.some((p) => p.dash) && !pieces.some((p) => p.label !== null)) {
      // Dialogue dashes: several unnamed speakers in one cue; keep the lines as they are.
      turns.push({ speakerLabel: null, text: pieces.map((p) => p.raw).join('\n'), mediaStartMs: cue.startMs, mediaEndMs: cue.endMs });
      speaker = null;
      lastNullTurn = null;
      return;
    }
    const chunks: Array<{ label: string | null; lines: string[] }> = [];
    for (const p of pieces) {
      if (p.label !== null) speaker = p.label;
      else if (p.change) speaker = null;
      const chunk = chunks[chunks.length - 1];
      if (chunk && chunk.label === speaker && p.label === null && !p.change) chunk.lines.push(p.text);
      else chunks.push({ label: speaker, lines: [p.text] });
    }
    for (const chunk of chunks) {
      const text = chunk.lines.join(' ');
      const previous: RawTurn | null = lastNullTurn;
      if (
        chunk.label === null &&
        options.rolling &&
        previous !== null &&
        previous === turns[turns.length - 1] &&
        previous.text.length < ROLLING_PARAGRAPH_CHARS &&
        cue.startMs - (previous.mediaEndMs ?? cue.startMs) <= ROLLING_GAP_MS
      ) {
        previous.text += ` ${text}`;
        previous.mediaEndMs = Math.max(previous.mediaEndMs ?? cue.endMs, cue.endMs);
        continue;
      }
      const turn: RawTurn = { speakerLabel: chunk.label, text, mediaStartMs: cue.startMs, mediaEndMs: cue.endMs };
      turns.push(turn);
      lastNullTurn = chunk.label === null ? turn : null;
    }
  });
  return turns;
}
