/**
 * Size caps for transcript files, far above any interview (a three-hour interview is about
 * 30,000 words, 200,000 characters and a few thousand turns) yet low enough that one upload cannot
 * take the server's memory or minutes of its time. Checked before the slow work starts where
 * possible (file size, zip expansion), else right after reading.
 */
import { TranscriptImportError } from './types';

export const TRANSCRIPT_LIMITS = {
  /** Longest canonical text, in characters (UTF-16 units); the same cap as a corrected revision. */
  maxTextChars: 5_000_000,
  /** Most turns in one transcript. */
  maxTurns: 50_000,
  /** Largest plain-text / subtitle file, in bytes (3 bytes per character at worst in UTF-8, plus labels). */
  maxTextFileBytes: 16 * 1024 * 1024,
  /** A .docx: most entries, most bytes one XML part may unpack to, most bytes all parts together. */
  docx: { maxEntries: 5_000, maxXmlEntryBytes: 8 * 1024 * 1024, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 },
} as const;

const megabytes = (bytes: number) => Math.round(bytes / 1048576);

/**
 * The error for a transcript past one of the caps, naming the cap.
 * @example throw tooLarge('turns') // "This transcript has more than 50,000 speaker turns, …"
 */
export function tooLarge(cap: 'textFile' | 'text' | 'turns' | 'docx'): TranscriptImportError {
  const params = {
    textFile: { megabytes: megabytes(TRANSCRIPT_LIMITS.maxTextFileBytes) },
    text: { characters: TRANSCRIPT_LIMITS.maxTextChars },
    turns: { turns: TRANSCRIPT_LIMITS.maxTurns },
    docx: { xmlMegabytes: megabytes(TRANSCRIPT_LIMITS.docx.maxXmlEntryBytes), totalMegabytes: megabytes(TRANSCRIPT_LIMITS.docx.maxTotalBytes) },
  }[cap];
  return new TranscriptImportError('CONTENT_TOO_LARGE', `importErrors.limits.${cap}`, params);
}
