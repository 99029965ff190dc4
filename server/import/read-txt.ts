/**
 * Plain-text (.txt) and Markdown (.md) transcripts.
 */
import { assembleTranscript, splitLines } from './canonical-text';
import { decodeText } from './decode-text';
import { readSrt } from './read-srt';
import { readVtt } from './read-vtt';
import { detectTextTurns } from './text-turns';
import { parseTimingLine } from './timestamps';
import { TranscriptImportError, type NormalisedTranscript } from './types';

const EMPHASIS_MARKERS = ['**', '__', '*', '_'] as const;

/**
 * Remove Markdown emphasis around a label at the start of a line:
 * `**Interviewer:** text`, `**Interviewer**: text`, `_R:_ text` → `Interviewer: text`.
 * Other emphasis in the text is left alone.
 */
export function stripLabelEmphasis(line: string): string {
  const lead = line.match(/^\s*(?:[-+]\s+)?/u)?.[0] ?? '';
  const body = line.slice(lead.length);
  for (const marker of EMPHASIS_MARKERS) {
    if (!body.startsWith(marker)) continue;
    const close = body.indexOf(marker, marker.length);
    if (close < 0 || close > 64) continue;
    let inner = body.slice(marker.length, close).trim();
    let after = body.slice(close + marker.length);
    if (inner.endsWith(':') || inner.endsWith('：')) {
      inner = inner.slice(0, -1).trimEnd();
      return `${inner}: ${after.trimStart()}`;
    }
    after = after.trimStart();
    if (after.startsWith(':') || after.startsWith('：')) return `${inner}: ${after.slice(1).trimStart()}`;
    if (after === '') return inner;
    return line;
  }
  return line;
}

/** Remove paired strong-emphasis markers (`**word**`, `__word__`) when they pair up on the line. */
function stripStrongEmphasis(line: string): string {
  let out = line;
  for (const marker of ['**', '__']) {
    const parts = out.split(marker);
    if (parts.length > 1 && parts.length % 2 === 1) out = parts.join('');
  }
  return out;
}

/**
 * Basic Markdown clean-up per line: ATX headings keep their text (`# Title` → `Title`),
 * thematic breaks and setext underlines become blank lines, emphasis around labels and paired
 * `**strong**` markers are removed.
 * @example stripMarkdownLine('**Interviewer:** So **why**?') // 'Interviewer: So why?'
 */
export function stripMarkdownLine(line: string): string {
  const trimmed = line.trim();
  const level = /^#{1,6}/u.exec(trimmed)?.[0].length ?? 0;
  if (level > 0 && line.length - line.trimStart().length <= 3 && (trimmed.length === level || /\s/u.test(trimmed.charAt(level)))) {
    let title = trimmed.slice(level).trim();
    // Optional closing sequence: "## Title ##".
    let end = title.length;
    while (end > 0 && title.charAt(end - 1) === '#') end--;
    if (end < title.length && (end === 0 || /\s/u.test(title.charAt(end - 1)))) title = title.slice(0, end).trim();
    return stripStrongEmphasis(title);
  }
  if (isThematicBreak(trimmed)) return '';
  return stripStrongEmphasis(stripLabelEmphasis(line));
}

/** `---`, `***`, `___`, `- - -`, setext `===` lines. */
function isThematicBreak(trimmed: string): boolean {
  const compact = trimmed.replace(/\s/gu, '');
  if (compact.length < 3) return false;
  const first = compact.charAt(0);
  if (!'-*_='.includes(first)) return false;
  for (const ch of compact) if (ch !== first) return false;
  return true;
}

/**
 * Subtitles saved with a text extension: `WEBVTT` on the first line, or SRT's `1` followed by a
 * timing line.
 */
function subtitleKind(text: string): 'vtt' | 'srt' | null {
  const start = text.trimStart();
  if (/^WEBVTT(?:[ \t\r\n]|$)/u.test(start)) return 'vtt';
  const [first = '', second = ''] = start.slice(0, 200).split(/\r\n|[\n\r]/u);
  if (/^\d{1,6}$/u.test(first.trim()) && parseTimingLine(second) !== null) return 'srt';
  return null;
}

/**
 * Read a .txt or .md transcript.
 * @param format 'txt' or 'md'
 * @throws TranscriptImportError UNSUPPORTED_FILE (binary), EMPTY_FILE (no text)
 */
export function readTxt(bytes: Uint8Array, format: 'txt' | 'md'): NormalisedTranscript {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new TranscriptImportError('EMPTY_FILE', 'importErrors.noText');
  const subtitles = subtitleKind(text);
  if (subtitles !== null) {
    const t = subtitles === 'vtt' ? readVtt(bytes) : readSrt(bytes);
    const ext = subtitles === 'vtt' ? '.vtt' : '.srt';
    return { ...t, warnings: [`This ${format === 'md' ? 'Markdown' : 'text'} file contains ${subtitles === 'vtt' ? 'WebVTT' : 'SRT'} subtitles; it was read as a ${ext} file.`, ...t.warnings] };
  }
  let lines = splitLines(text);
  if (format === 'md') lines = lines.map(stripMarkdownLine);
  const first = lines.findIndex((line) => line.trim() !== '');
  const last = lines.findLastIndex((line) => line.trim() !== '');
  const hasBlankLines = lines.slice(first, last + 1).some((line) => line.trim() === '');
  const turns = detectTextTurns(lines, { paragraphs: hasBlankLines ? 'blank-lines' : 'lines' });
  return assembleTranscript(format, encoding, turns, []);
}
