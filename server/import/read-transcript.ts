/**
 * The one entry point for transcript files: picks the reader by extension, sniffs files whose
 * bytes do not match their name, and turns every failure into a TranscriptImportError.
 */
import { readDocx } from './read-docx';
import { readSrt } from './read-srt';
import { readTxt } from './read-txt';
import { readVtt } from './read-vtt';
import { TRANSCRIPT_LIMITS, tooLarge } from './limits';
import { sniffBytes } from './sniff-bytes';
import { TranscriptImportError, type NormalisedTranscript } from './types';

/** File extensions `readTranscript` accepts (lower case, with dot). */
export const ACCEPTED_EXTENSIONS = ['.docx', '.txt', '.md', '.vtt', '.srt'] as const;

const ALIASES: Record<string, string> = { '.text': '.txt', '.markdown': '.md', '.webvtt': '.vtt' };

/**
 * The lower-case extension of a file name, with its dot ('' when none).
 * @example fileExtension('Interview 3.DOCX') // '.docx'
 */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/u).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return '';
  const ext = base.slice(dot).toLowerCase();
  return ALIASES[ext] ?? ext;
}

/**
 * The error for a file type that cannot be imported. The sentences with the (user-chosen) `ext`
 * spell out the accepted types instead of nesting `$t(importErrors.accepted)`: i18next's nesting
 * misreads, or even loops forever on, a `$t(` inside an interpolated value.
 */
function unsupportedExtension(ext: string): TranscriptImportError {
  if (ext === '') return new TranscriptImportError('UNSUPPORTED_FILE', 'importErrors.extension.none');
  if (ext === '.pdf') return new TranscriptImportError('UNSUPPORTED_FILE', 'importErrors.extension.pdf');
  const saveAs = ext === '.rtf' || ext === '.odt' || ext === '.pages';
  return new TranscriptImportError('UNSUPPORTED_FILE', saveAs ? 'importErrors.extension.saveAs' : 'importErrors.extension.unsupported', { ext });
}

/**
 * Read a transcript file into the normalised form (canonical text, turns, speakers).
 *
 * @param fileName the uploaded name; only its extension is used (case-insensitive)
 * @param bytes the file's content
 * @example
 * const t = await readTranscript('interview.txt', Buffer.from('I: Hello?\nR: Hi.'));
 * t.text;                            // 'Hello?\n\nHi.'
 * t.speakers.map((s) => s.role);     // ['interviewer', 'respondent']
 * @throws TranscriptImportError — and nothing else — with code UNSUPPORTED_FILE, CORRUPT_FILE,
 *         EMPTY_FILE, ENCRYPTED_FILE or CONTENT_TOO_LARGE (see `limits.ts`) and a sentence a researcher understands
 */
export async function readTranscript(fileName: string, bytes: Buffer | Uint8Array): Promise<NormalisedTranscript> {
  const transcript = await readAnyTranscript(fileName, bytes);
  if (transcript.text.length > TRANSCRIPT_LIMITS.maxTextChars) throw tooLarge('text');
  if (transcript.turns.length > TRANSCRIPT_LIMITS.maxTurns) throw tooLarge('turns');
  return transcript;
}

async function readAnyTranscript(fileName: string, bytes: Buffer | Uint8Array): Promise<NormalisedTranscript> {
  try {
    const ext = fileExtension(fileName);
    if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext) && ext !== '.doc') throw unsupportedExtension(ext);
    if (bytes.length === 0) throw new TranscriptImportError('EMPTY_FILE', 'importErrors.empty');
    if (ext === '.docx' || ext === '.doc') return await readDocx(bytes);
    if (bytes.length > TRANSCRIPT_LIMITS.maxTextFileBytes) throw tooLarge('textFile');

    const kind = sniffBytes(bytes);
    if (kind !== null) {
      // `ext` is one of ACCEPTED_EXTENSIONS here, so it is safe next to the catalog's `$t(…)` nesting.
      throw new TranscriptImportError('UNSUPPORTED_FILE', kind === 'docx' ? 'importErrors.mislabelled.docx' : 'importErrors.mislabelled.other', { ext, kind });
    }
    switch (ext) {
      case '.vtt':
        return readVtt(bytes);
      case '.srt':
        return readSrt(bytes);
      case '.md':
        return readTxt(bytes, 'md');
      default:
        return readTxt(bytes, 'txt');
    }
  } catch (error) {
    if (error instanceof TranscriptImportError) throw error;
    throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.unreadable');
  }
}
