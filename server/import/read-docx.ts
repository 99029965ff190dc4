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
import { TRANSCRIPT_LIMITS, tooLarge } from './limits';
import { checkLabel } from './speaker-labels';
import { normaliseSpeakerKey } from './speaker-roles';
import { containsAscii, isCompoundFile, isZip, sniffBytes, zipKind } from './sniff-bytes';
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

const ONLY_KEYS = ['importErrors.docx.onlyOne', 'importErrors.docx.onlyTwo', 'importErrors.docx.onlyThree'] as const;
const ONLY_SLOTS = ['a', 'b', 'c'] as const;

/** EMPTY_FILE for a document without text, naming what it holds instead ("only an image and comments"). */
function noTextError(counts: { images: number; notes: number; comments: number }): TranscriptImportError {
  const present = (['images', 'notes', 'comments'] as const).filter((what) => counts[what] > 0);
  if (present.length === 0) return new TranscriptImportError('EMPTY_FILE', 'importErrors.docx.noText');
  const params: Record<string, unknown> = {};
  present.forEach((what, i) => {
    params[ONLY_SLOTS[i]] = what;
    params[`${ONLY_SLOTS[i]}Count`] = counts[what];
  });
  return new TranscriptImportError('EMPTY_FILE', ONLY_KEYS[present.length - 1], params);
}

/** Reject what is not a readable .docx before handing the bytes to mammoth. */
function checkContainer(bytes: Uint8Array): void {
  if (isCompoundFile(bytes)) {
    if (containsAscii(bytes, 'EncryptionInfo', true)) {
      throw new TranscriptImportError('ENCRYPTED_FILE', 'importErrors.docx.encrypted');
    }
    throw new TranscriptImportError('UNSUPPORTED_FILE', 'importErrors.docx.legacyDoc');
  }
  if (!isZip(bytes)) {
    const kind = sniffBytes(bytes);
    if (kind) throw new TranscriptImportError('UNSUPPORTED_FILE', 'importErrors.docx.looksLike', { kind });
    throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.docx.notDocx');
  }
  const kind = zipKind(bytes);
  if (kind === 'xlsx' || kind === 'pptx' || kind === 'odt') {
    throw new TranscriptImportError('UNSUPPORTED_FILE', 'importErrors.docx.otherOffice', { kind });
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
    if (error instanceof ZipExpansionError && error.reason === 'too-large') throw tooLarge('docx');
    throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.docx.damaged');
  }
}

/**
 * Read a .docx transcript (paragraphs, tables, text boxes; speaker turns as in plain text).
 * @throws TranscriptImportError UNSUPPORTED_FILE (legacy .doc, other zip), ENCRYPTED_FILE,
 *         CORRUPT_FILE (not a zip, broken zip), EMPTY_FILE (no text), CONTENT_TOO_LARGE (zip bomb)
 */
export async function readDocx(bytes: Uint8Array): Promise<NormalisedTranscript> {
  if (bytes.length === 0) throw new TranscriptImportError('EMPTY_FILE', 'importErrors.empty');
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
      throw new TranscriptImportError('UNSUPPORTED_FILE', 'importErrors.docx.plainZip');
    }
    throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.docx.damaged');
  }
  if (document === null) throw new TranscriptImportError('CORRUPT_FILE', 'importErrors.docx.damaged');
  const doc = document as DocNode & { comments?: unknown[] };
  const tally: Tally = { images: 0, notes: 0 };
  const lines: string[] = [];
  blockLines(doc.children ?? [], lines, tally);

  const warnings: string[] = [];
  if (tally.images > 0) warnings.push(`${plural(tally.images, 'image', 'images')} left out.`);
  if (tally.notes > 0) warnings.push(`${plural(tally.notes, 'footnote or endnote', 'footnotes and endnotes')} left out.`);
  const comments = doc.comments?.length ?? 0;
  if (comments > 0) warnings.push(`${plural(comments, 'comment', 'comments')} left out.`);

  if (lines.every((line) => line.trim() === '')) throw noTextError({ ...tally, comments });
  const turns = detectTextTurns(lines, { paragraphs: 'lines' });
  return assembleTranscript('docx', 'utf-8', turns, warnings);
}
