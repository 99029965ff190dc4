/**
 * The one entry point for transcript files: picks the reader by extension, sniffs files whose
 * bytes do not match their name, and turns every failure into a TranscriptImportError.
 */
import { readDocx } from './read-docx';
import { readSrt } from './read-srt';
import { readTxt } from './read-txt';
import { readVtt } from './read-vtt';
import { LIMIT_MESSAGES, TRANSCRIPT_LIMITS } from './limits';
import { KIND_DESCRIPTIONS, sniffBytes } from './sniff-bytes';
import { TranscriptImportError, type NormalisedTranscript } from './types';

/** File extensions `readTranscript` accepts (lower case, with dot). */
export const ACCEPTED_EXTENSIONS = ['.docx', '.txt', '.md', '.vtt', '.srt'] as const;

const ALIASES: Record<string, string> = { '.text': '.txt', '.markdown': '.md', '.webvtt': '.vtt' };

const ACCEPTED_SENTENCE = 'Accepted types: Word (.docx), plain text (.txt), Markdown (.md) and subtitles (.vtt, .srt).';

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

function unsupportedExtension(ext: string): TranscriptImportError {
  if (ext === '') {
    return new TranscriptImportError('UNSUPPORTED_FILE', `This file has no extension, so its type is unknown. ${ACCEPTED_SENTENCE}`);
  }
  const hint =
    ext === '.rtf' || ext === '.odt' || ext === '.pages'
      ? ' Save it as .docx or .txt and upload it again.'
      : ext === '.pdf'
        ? ' Export the transcript from its original program as .docx or .txt instead.'
        : '';
  return new TranscriptImportError('UNSUPPORTED_FILE', `${ext} files cannot be imported.${hint} ${ACCEPTED_SENTENCE}`);
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
  if (transcript.text.length > TRANSCRIPT_LIMITS.maxTextChars) throw new TranscriptImportError('CONTENT_TOO_LARGE', LIMIT_MESSAGES.text);
  if (transcript.turns.length > TRANSCRIPT_LIMITS.maxTurns) throw new TranscriptImportError('CONTENT_TOO_LARGE', LIMIT_MESSAGES.turns);
  return transcript;
}

async function readAnyTranscript(fileName: string, bytes: Buffer | Uint8Array): Promise<NormalisedTranscript> {
  try {
    const ext = fileExtension(fileName);
    if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext) && ext !== '.doc') throw unsupportedExtension(ext);
    if (bytes.length === 0) throw new TranscriptImportError('EMPTY_FILE', 'This file is empty.');
    if (ext === '.docx' || ext === '.doc') return await readDocx(bytes);
    if (bytes.length > TRANSCRIPT_LIMITS.maxTextFileBytes) throw new TranscriptImportError('CONTENT_TOO_LARGE', LIMIT_MESSAGES.textFile);

    const kind = sniffBytes(bytes);
    if (kind !== null) {
      const advice = kind === 'docx' ? ' Rename it to .docx and upload it again.' : ` ${ACCEPTED_SENTENCE}`;
      throw new TranscriptImportError(
        'UNSUPPORTED_FILE',
        `This file is named ${ext} but it looks like ${KIND_DESCRIPTIONS[kind]}, not a text file.${advice}`,
      );
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
    throw new TranscriptImportError('CORRUPT_FILE', 'This file could not be read; it may be damaged.');
  }
}
