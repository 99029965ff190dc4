/**
 * Word documents (.docx) through mammoth.
 *
 * Only the document tree is used (mammoth's `transformDocument` hook), never its HTML: images
 * are counted and left out without being read, so an external image link is never fetched
 * (mammoth's external file access also stays off). Footnotes, endnotes and comments are left out
 * of the turns. Tables keep every cell; a two/three-column transcript table
 * (`[time] | speaker | text`) becomes `speaker: text` lines.
 */
import { lazyModule } from '../shared/lazy-module';

/** mammoth, loaded on the first .docx (a large package most starts never need). */
export const mammothModule = lazyModule<typeof import('mammoth')>('mammoth');
import { checkZipExpansion, ZipExpansionError } from '../shared/zip-expansion';
import { assembleTranscript } from './canonical-text';
import { docxZipFile, type MammothZipFile } from './docx-zip';
import { LIMIT_MESSAGES, TRANSCRIPT_LIMITS } from './limits';
import { checkLabel } from './speaker-labels';
import { normaliseSpeakerKey } from './speaker-roles';
import { containsAscii, isCompoundFile, isZip, KIND_DESCRIPTIONS, sniffBytes, zipKind } from './sniff-bytes';
import { detectTextTurns } from './text-turns';
import { parseTimestampToken } from './timestamps';
import { TranscriptImportError, type NormalisedTranscript } from './types';

/** The parts of mammoth's document model this reader looks at. */
interface DocNode {
  type: string;
  children?: DocNode[];
  value?: string;
  checked?: boolean;
}

interface Tally {
  images: number;
  notes: number;
}

function paragraphLines(paragraph: DocNode, out: string[], tally: Tally): void {
  let buffer: string[] = [];
  const flush = () => {
    out.push(buffer.join(''));
    buffer = [];
  };
  const visit = (node: DocNode): void => {
    switch (node.type) {
      case 'text':
        buffer.push(node.value ?? '');
        return;
      case 'tab':
        buffer.push('\t');
        return;
      case 'break':
        flush();
        return;
      case 'image':
        tally.images++;
        return;
      case 'noteReference':
        tally.notes++;
        return;
      case 'commentReference':
      case 'bookmarkStart':
        return;
      case 'checkbox':
        buffer.push(node.checked ? '☒' : '☐');
        return;
      case 'paragraph':
      case 'table':
        // Block content nested in a paragraph (text boxes).
        flush();
        blockLines([node], out, tally);
        return;
      default:
        node.children?.forEach(visit);
    }
  };
  paragraph.children?.forEach(visit);
  flush();
}

function cellLines(cell: DocNode, tally: Tally): string[] {
  const lines: string[] = [];
  blockLines(cell.children ?? [], lines, tally);
  return lines.map((line) => line.trim()).filter((line) => line !== '');
}

/** Rows as `[time] speaker: text` when the table is a transcript table, else null. */
function transcriptTableLines(rows: string[][][]): string[] | null {
  const labelled: Array<{ time: string | null; label: string; text: string[] } | null> = rows.map((cells) => {
    const nonEmpty = cells.filter((c) => c.length > 0);
    let rest = nonEmpty;
    let time: string | null = null;
    if (rest.length >= 3 && rest[0].length === 1 && parseTimestampToken(rest[0][0]) !== null) {
      time = rest[0][0].replace(/^[[(]|[\])]$/gu, '');
      rest = rest.slice(1);
    }
    if (rest.length < 2 || rest[0].length !== 1) return null;
    const label = rest[0][0].replace(/[:：]$/u, '').trim();
    if (!checkLabel(label).ok) return null;
    return { time, label, text: rest.slice(1).flat() };
  });
  const usable = labelled.filter((row) => row !== null);
  if (usable.length < 2 || usable.length < rows.length * 0.5) return null;
  const counts = new Map<string, number>();
  for (const row of usable) {
    const key = normaliseSpeakerKey(row.label);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (![...counts.values()].some((n) => n >= 2)) return null;
  const out: string[] = [];
  labelled.forEach((row, i) => {
    if (row === null) {
      out.push(...rows[i].flat());
      return;
    }
    const [first = '', ...more] = row.text;
    out.push(`${row.time === null ? '' : `[${row.time}] `}${row.label}: ${first}`, ...more);
  });
  return out;
}

function tableLines(table: DocNode, out: string[], tally: Tally): void {
  const rows: string[][][] = (table.children ?? []).map((row) =>
    (row.children ?? []).map((cell) => cellLines(cell, tally)),
  );
  const transcript = transcriptTableLines(rows);
  out.push('', ...(transcript ?? rows.flat(2)), '');
}

function blockLines(nodes: readonly DocNode[], out: string[], tally: Tally): void {
  for (const node of nodes) {
    if (node.type === 'paragraph') paragraphLines(node, out, tally);
    else if (node.type === 'table') tableLines(node, out, tally);
    else if (node.type === 'image') tally.images++;
    else if (node.children) blockLines(node.children, out, tally);
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one} was` : `${n} ${many} were`;
}

/** Reject what is not a readable .docx before handing the bytes to mammoth. */
function checkContainer(bytes: Uint8Array): void {
  if (isCompoundFile(bytes)) {
    if (containsAscii(bytes, 'EncryptionInfo', true)) {
      throw new TranscriptImportError(
        'ENCRYPTED_FILE',
        'This Word document is password-protected. Remove the password in Word (File › Info › Protect Document › Encrypt with Password) and upload it again.',
      );
    }
    throw new TranscriptImportError(
      'UNSUPPORTED_FILE',
      'This is an old Word .doc file (Word 97–2003), which cannot be imported. Open it in Word or LibreOffice and save it as .docx, then upload it again.',
    );
  }
  if (!isZip(bytes)) {
    const kind = sniffBytes(bytes);
    if (kind) {
      throw new TranscriptImportError('UNSUPPORTED_FILE', `This does not look like a Word document: it looks like ${KIND_DESCRIPTIONS[kind]}.`);
    }
    throw new TranscriptImportError('CORRUPT_FILE', 'This does not look like a Word document (.docx): the file is damaged or is not a .docx file.');
  }
  const kind = zipKind(bytes);
  if (kind === 'xlsx' || kind === 'pptx' || kind === 'odt') {
    throw new TranscriptImportError(
      'UNSUPPORTED_FILE',
      `This is ${KIND_DESCRIPTIONS[kind]}, not a Word document. Save the transcript as .docx or .txt and upload it again.`,
    );
  }
}

/**
 * Refuse a zip bomb (or a merely huge document) before mammoth unpacks any of it; the checked
 * zip is what mammoth then reads its parts from.
 */
async function openCheckedZip(bytes: Buffer): Promise<MammothZipFile> {
  try {
    return docxZipFile(bytes, await checkZipExpansion(bytes, TRANSCRIPT_LIMITS.docx));
  } catch (error) {
    if (error instanceof ZipExpansionError && error.reason === 'too-large') throw new TranscriptImportError('CONTENT_TOO_LARGE', LIMIT_MESSAGES.docx);
    throw new TranscriptImportError('CORRUPT_FILE', 'This Word document is damaged and could not be read. Try opening it in Word and saving it again.');
  }
}

/**
 * Read a .docx transcript (paragraphs, tables, text boxes; speaker turns as in plain text).
 * @throws TranscriptImportError UNSUPPORTED_FILE (legacy .doc, other zip), ENCRYPTED_FILE,
 *         CORRUPT_FILE (not a zip, broken zip), EMPTY_FILE (no text), CONTENT_TOO_LARGE (zip bomb)
 */
export async function readDocx(bytes: Uint8Array): Promise<NormalisedTranscript> {
  if (bytes.length === 0) throw new TranscriptImportError('EMPTY_FILE', 'This file is empty.');
  checkContainer(bytes);
  const file = await openCheckedZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  let document: (DocNode & { comments?: unknown[] }) | null = null;
  try {
    await mammothModule().convertToHtml(
      // `{ file }` is mammoth's input for an already opened zip (its types only list path/buffer).
      { file } as unknown as { buffer: Buffer },
      {
        externalFileAccess: false,
        // No HTML is written, so the style maps would only be parsed for nothing (~2 ms a file).
        includeDefaultStyleMap: false,
        includeEmbeddedStyleMap: false,
        transformDocument: (doc: DocNode & { comments?: unknown[] }) => {
          document = doc;
          // Nothing is rendered to HTML, so no image is ever read.
          return { ...doc, children: [] };
        },
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/main document part/iu.test(message)) {
      throw new TranscriptImportError('UNSUPPORTED_FILE', 'This is a zip file but not a Word document. Please upload a .docx file.');
    }
    throw new TranscriptImportError('CORRUPT_FILE', 'This Word document is damaged and could not be read. Try opening it in Word and saving it again.');
  }
  if (document === null) {
    throw new TranscriptImportError('CORRUPT_FILE', 'This Word document is damaged and could not be read.');
  }
  const doc = document as DocNode & { comments?: unknown[] };
  const tally: Tally = { images: 0, notes: 0 };
  const lines: string[] = [];
  blockLines(doc.children ?? [], lines, tally);

  const warnings: string[] = [];
  if (tally.images > 0) warnings.push(`${plural(tally.images, 'image', 'images')} left out.`);
  if (tally.notes > 0) warnings.push(`${plural(tally.notes, 'footnote or endnote', 'footnotes and endnotes')} left out.`);
  const comments = doc.comments?.length ?? 0;
  if (comments > 0) warnings.push(`${plural(comments, 'comment', 'comments')} left out.`);

  if (lines.every((line) => line.trim() === '')) {
    const only: string[] = [];
    if (tally.images > 0) only.push(tally.images === 1 ? 'an image' : `${tally.images} images`);
    if (tally.notes > 0) only.push(tally.notes === 1 ? 'a footnote' : 'footnotes');
    if (comments > 0) only.push(comments === 1 ? 'a comment' : 'comments');
    const what = only.length > 0 ? ` (only ${only.join(' and ')})` : '';
    throw new TranscriptImportError('EMPTY_FILE', `This Word document contains no text${what}.`);
  }
  const turns = detectTextTurns(lines, { paragraphs: 'lines' });
  return assembleTranscript('docx', 'utf-8', turns, warnings);
}
