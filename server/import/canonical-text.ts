/**
 * Canonical transcript text (ARCHITECTURE.md, "Text and offsets"): NFC, `\n` line ends, no BOM,
 * no trailing whitespace, a turn's inner paragraphs joined by one `\n`, turns joined by `\n\n`.
 * Offsets are UTF-16 code units (JavaScript string indices).
 */
import { guessRoles, normaliseSpeakerKey, speakerDisplayName } from './speaker-roles';
import {
  TranscriptImportError,
  type ImportedTurn,
  type NormalisedTranscript,
  type TranscriptFormat,
} from './types';

/** A turn as a reader found it, before canonicalisation. */
export interface RawTurn {
  /** The label as written (`Interviewer 1`, `[Int]`), or null for a paragraph without speaker. */
  speakerLabel: string | null;
  /** The turn's text without label or timestamps; may contain line breaks. */
  text: string;
  mediaStartMs: number | null;
  mediaEndMs: number | null;
}

export interface AssembleOptions {
  /** Merge consecutive turns of the same (non-null) speaker, e.g. subtitle cues. Default false. */
  mergeSameSpeaker?: boolean;
  /** What joins merged turns; default `' '` (subtitle cues break lines for display only). */
  mergeJoiner?: string;
}

const LINE_BREAKS = /\r\n|[\r\u2028\u2029\u0085\u000B\u000C]/gu;
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFEFF]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
/** Cheap pre-test: the look-around search above is slow and almost never finds anything. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Canonicalise one turn's text: NFC, `\n` line ends, control characters and BOMs removed,
 * every line trimmed, empty lines dropped (inner paragraphs are joined by a single `\n`).
 * @example canonicalTurnText('  Hello \r\n\r\n  world\t') // 'Hello\nworld'
 */
export function canonicalTurnText(text: string): string {
  const visible = text.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '');
  const cleaned = (ANY_SURROGATE.test(visible) ? visible.replace(LONE_SURROGATE, '\uFFFD') : visible).normalize('NFC');
  const lines: string[] = [];
  for (const line of cleaned.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
  }
  return lines.join('\n');
}

/**
 * Split decoded text into lines (any line-end convention).
 * @example splitLines('a\r\nb\rc') // ['a', 'b', 'c']
 */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029\u0085]/u);
}

/**
 * Join canonical turn texts with `\n\n` and report where each one lies.
 * @example joinTurnTexts(['a', 'bc']) // { text: 'a\n\nbc', ranges: [{start:0,end:1},{start:3,end:5}] }
 */
export function joinTurnTexts(pieces: readonly string[]): {
  text: string;
  ranges: Array<{ start: number; end: number }>;
} {
  const ranges: Array<{ start: number; end: number }> = [];
  let offset = 0;
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) offset += 2;
    ranges.push({ start: offset, end: offset + pieces[i].length });
    offset += pieces[i].length;
  }
  return { text: pieces.join('\n\n'), ranges };
}

interface WorkingTurn {
  key: string | null;
  /** Canonical pieces, joined by the merge joiner at the end (keeps merging linear). */
  parts: string[];
  mediaStartMs: number | null;
  mediaEndMs: number | null;
}

/**
 * Build the normalised transcript from raw turns: canonical text, turn offsets, speakers with
 * keys (first-seen display name) and guessed roles. Empty turns are dropped.
 *
 * @example
 * assembleTranscript('txt', 'utf-8', [
 *   { speakerLabel: 'Interviewer', text: 'How are you?', mediaStartMs: null, mediaEndMs: null },
 *   { speakerLabel: 'R', text: 'Fine.', mediaStartMs: null, mediaEndMs: null },
 * ], [])
 * // text 'How are you?\n\nFine.', speakers interviewer + r
 * @throws TranscriptImportError EMPTY_FILE when no turn has any text
 */
export function assembleTranscript(
  format: TranscriptFormat,
  encoding: string,
  rawTurns: readonly RawTurn[],
  warnings: readonly string[],
  options: AssembleOptions = {},
): NormalisedTranscript {
  const joiner = options.mergeJoiner ?? ' ';
  const names = new Map<string, string>();
  const working: WorkingTurn[] = [];

  for (const raw of rawTurns) {
    const text = canonicalTurnText(raw.text);
    if (text === '') continue;
    let key: string | null = null;
    if (raw.speakerLabel !== null) {
      const name = speakerDisplayName(raw.speakerLabel.normalize('NFC'));
      key = name === '' ? null : normaliseSpeakerKey(name);
      if (key === '') key = null;
      if (key !== null && !names.has(key)) names.set(key, name);
    }
    const previous = working[working.length - 1];
    if (options.mergeSameSpeaker && key !== null && previous && previous.key === key) {
      previous.parts.push(text);
      previous.mediaStartMs ??= raw.mediaStartMs;
      if (raw.mediaEndMs !== null) {
        previous.mediaEndMs = Math.max(previous.mediaEndMs ?? raw.mediaEndMs, raw.mediaEndMs);
      }
      continue;
    }
    working.push({ key, parts: [text], mediaStartMs: raw.mediaStartMs, mediaEndMs: raw.mediaEndMs });
  }

  if (working.length === 0) {
    throw new TranscriptImportError('EMPTY_FILE', 'importErrors.nothingToImport');
  }

  const texts = working.map((t) =>
    t.parts.length === 1 ? t.parts[0] : canonicalTurnText(t.parts.join(joiner)),
  );
  const { text, ranges } = joinTurnTexts(texts);
  const turns: ImportedTurn[] = working.map((t, i) => ({
    speakerKey: t.key,
    start: ranges[i].start,
    end: ranges[i].end,
    mediaStartMs: t.mediaStartMs,
    mediaEndMs: t.mediaEndMs,
  }));
  const speakers = guessRoles(
    [...names.entries()].map(([key, name]) => ({ key, name })),
    working.map((t, i) => ({ speakerKey: t.key, text: texts[i] })),
  );
  return { format, text, speakers, turns, encoding, warnings: [...warnings] };
}
