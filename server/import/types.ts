import type { ErrorKey } from '../errors';
import { translator } from '../i18n/translator';

/**
 * The one normalised form every transcript reader produces.
 *
 * `text` is canonical (see ARCHITECTURE.md "Text and offsets"): NFC, `\n` line ends, no BOM,
 * turns joined by one blank line (`\n\n`), speaker labels and timestamps NOT in the text.
 * Offsets are UTF-16 code units of `text` (JavaScript string indices).
 */
export type SpeakerRole = 'interviewer' | 'respondent' | 'other';

export interface ImportedSpeaker {
  /** Stable key used by turns: the normalised label ("interviewer 1" for "Interviewer1"). */
  key: string;
  /** Display name as first written in the file ("Interviewer 1"). */
  name: string;
  /** Guessed role; the user can change it later. */
  role: SpeakerRole;
}

export interface ImportedTurn {
  /** Key of the speaker in `speakers`, or null for a paragraph without speaker. */
  speakerKey: string | null;
  /** UTF-16 offset in `text` where the turn's text starts (inclusive). */
  start: number;
  /** UTF-16 offset in `text` where the turn's text ends (exclusive). */
  end: number;
  /** Media time in milliseconds (subtitle cue start, Otter/bracketed timestamp), if known. */
  mediaStartMs: number | null;
  /** Media time in milliseconds (subtitle cue end), if known. */
  mediaEndMs: number | null;
}

export type TranscriptFormat = 'docx' | 'txt' | 'md' | 'vtt' | 'srt';

export interface NormalisedTranscript {
  format: TranscriptFormat;
  text: string;
  speakers: ImportedSpeaker[];
  turns: ImportedTurn[];
  /** Encoding the bytes were decoded from (e.g. "utf-8", "utf-16le", "windows-1252"). */
  encoding: string;
  /** Things the researcher should know (e.g. "2 images were left out"). Plain sentences. */
  warnings: string[];
}

export type ImportErrorCode =
  | 'UNSUPPORTED_FILE'
  | 'CORRUPT_FILE'
  | 'EMPTY_FILE'
  | 'ENCRYPTED_FILE'
  | 'CONTENT_TOO_LARGE';

/**
 * A file that cannot be imported. The reason is a sentence of the error catalogs
 * (`server/i18n/locales/<locale>/errors-import.json`), shown in the user's language;
 * `message` holds the English sentence (for logs and scripts).
 */
export class TranscriptImportError extends Error {
  constructor(
    public readonly code: ImportErrorCode,
    public readonly messageKey: ErrorKey,
    public readonly messageParams?: Record<string, unknown>,
  ) {
    super(translator('en').t(messageKey, messageParams));
    this.name = 'TranscriptImportError';
  }
}
