/**
 * SubRip subtitles (.srt).
 */
import { assembleTranscript, splitLines } from './canonical-text';
import { decodeText } from './decode-text';
import { cuesToRawTurns, type SubtitleCue } from './subtitle-cues';
import { parseTimingLine } from './timestamps';
import { TranscriptImportError, type NormalisedTranscript } from './types';

/**
 * Find the cues of an SRT file: `n`, `00:00:01,000 --> 00:00:04,000`, text lines. Lenient about
 * missing numbers, blank lines inside a cue and `.` instead of `,`.
 * @throws TranscriptImportError CORRUPT_FILE naming the line of a malformed timing line
 */
export function parseSrtCues(lines: readonly string[]): SubtitleCue[] {
  const cues: Array<{ cue: SubtitleCue; lines: string[] }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.includes('-->')) {
      const timing = parseTimingLine(line);
      if (!timing) {
        throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.subtitles.srtTime', { line: i + 1, time: line.trim().slice(0, 80) });
      }
      const previous = cues[cues.length - 1];
      if (previous) {
        // The cue number before this timing line belongs to the new cue, not the previous text.
        while (previous.lines.length > 0 && previous.lines[previous.lines.length - 1].trim() === '') previous.lines.pop();
        if (previous.lines.length > 0 && /^\d+$/u.test(previous.lines[previous.lines.length - 1].trim())) previous.lines.pop();
      }
      cues.push({ cue: { startMs: timing.startMs, endMs: timing.endMs, text: '' }, lines: [] });
      continue;
    }
    const current = cues[cues.length - 1];
    if (current) current.lines.push(line);
  }
  return cues.map(({ cue, lines: body }) => ({ ...cue, text: body.join('\n') }));
}

/**
 * Read an SRT file.
 * @throws TranscriptImportError EMPTY_FILE, CORRUPT_FILE (malformed timing or no cues at all)
 */
export function readSrt(bytes: Uint8Array): NormalisedTranscript {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new TranscriptImportError('EMPTY_FILE', 'importErrors.noText');
  const cues = parseSrtCues(splitLines(text));
  if (cues.length === 0) {
    throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.subtitles.notSrt');
  }
  const turns = cuesToRawTurns(cues);
  return assembleTranscript('srt', encoding, turns, [], { mergeSameSpeaker: true, mergeJoiner: ' ' });
}
