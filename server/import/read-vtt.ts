/**
 * WebVTT subtitles (.vtt): Zoom, Teams, YouTube, podcast hosts.
 */
import { assembleTranscript, splitLines } from './canonical-text';
import { decodeText } from './decode-text';
import { cuesToRawTurns, type SubtitleCue } from './subtitle-cues';
import { parseTimingLine } from './timestamps';
import { TranscriptImportError, type NormalisedTranscript } from './types';

/**
 * Find the cues of a WebVTT file: the `WEBVTT` header block (with `Kind:`, `Language:`,
 * `Style:` lines) is skipped, so are `NOTE`, `STYLE` and `REGION` blocks and cue identifiers.
 * A timing line inside a cue's text starts a new cue (YouTube writes them without a blank line).
 * @throws TranscriptImportError CORRUPT_FILE naming the line of a malformed timing line
 */
export function parseVttCues(lines: readonly string[]): { cues: SubtitleCue[]; header: string[] } {
  const header: string[] = [];
  let i = 0;
  if ((lines[0] ?? '').startsWith('WEBVTT')) {
    for (; i < lines.length && lines[i].trim() !== ''; i++) {
      if (lines[i].includes('-->')) break;
      header.push(lines[i]);
    }
  }
  const cues: SubtitleCue[] = [];
  let current: { cue: SubtitleCue; lines: string[] } | null = null;
  const finish = () => {
    if (current) current.cue.text = current.lines.join('\n');
    current = null;
  };
  let blockStart = true;
  let skipping = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      finish();
      blockStart = true;
      skipping = false;
      continue;
    }
    if (skipping) continue;
    if (line.includes('-->')) {
      const timing = parseTimingLine(line);
      if (!timing) {
        throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.subtitles.vttTime', { line: i + 1, time: line.trim().slice(0, 80) });
      }
      finish();
      const cue: SubtitleCue = { startMs: timing.startMs, endMs: timing.endMs, text: '' };
      cues.push(cue);
      current = { cue, lines: [] };
      blockStart = false;
      continue;
    }
    if (current) {
      (current as { lines: string[] }).lines.push(line);
      continue;
    }
    if (blockStart && /^(NOTE|STYLE|REGION)(\s|$)/u.test(line)) skipping = true;
    // Otherwise: a cue identifier (or stray text between cues), not part of the transcript.
    blockStart = false;
  }
  finish();
  return { cues, header };
}

/**
 * Read a WebVTT file.
 * @throws TranscriptImportError EMPTY_FILE (no captions), CORRUPT_FILE (malformed timing, not WebVTT)
 */
export function readVtt(bytes: Uint8Array): NormalisedTranscript {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new TranscriptImportError('EMPTY_FILE', 'importErrors.noText');
  const lines = splitLines(text);
  const hasHeader = (lines[0] ?? '').startsWith('WEBVTT');
  const { cues, header } = parseVttCues(lines);
  const warnings: string[] = [];
  if (cues.length === 0) {
    if (hasHeader) throw new TranscriptImportError('EMPTY_FILE', 'importErrors.subtitles.noCaptions');
    throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.subtitles.notVtt');
  }
  if (!hasHeader) warnings.push('This file does not start with "WEBVTT"; it was read as subtitles anyway.');
  const rolling =
    header.some((line) => /^Kind:/iu.test(line)) || cues.some((cue) => /<\d{1,2}:\d{2}/u.test(cue.text));
  const turns = cuesToRawTurns(cues, { rolling });
  return assembleTranscript('vtt', encoding, turns, warnings, { mergeSameSpeaker: true, mergeJoiner: ' ' });
}
