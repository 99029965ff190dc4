/**
 * Recognise common non-text file types from their first bytes ("magic numbers"), so a file
 * with the wrong extension gets a helpful message instead of garbage text.
 */

import type { ErrorMessages } from '../i18n/messages';

/** What a file looks like, judged from its bytes; each has a phrase in the catalog, `importErrors.kind.<kind>` ("a PDF document"). */
export type SniffedKind = keyof ErrorMessages['importErrors']['kind'];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/**
 * Find an ASCII (or, with `utf16`, UTF-16LE) string in the bytes. Linear-time apart from the
 * short needle comparison.
 */
export function containsAscii(bytes: Uint8Array, needle: string, utf16 = false): boolean {
  const codes = utf16 ? ascii(needle).flatMap((c) => [c, 0]) : ascii(needle);
  const first = codes[0];
  const last = bytes.length - codes.length;
  for (let i = 0; i <= last; i++) {
    if (bytes[i] !== first) continue;
    let ok = true;
    for (let j = 1; j < codes.length; j++) {
      if (bytes[i + j] !== codes[j]) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** True when the bytes start like a zip archive (local header or empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/** True when the bytes start like an OLE compound file (legacy .doc, encrypted .docx). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** For a zip: which Office/OpenDocument type it holds, judged from its (uncompressed) entry names. */
export function zipKind(bytes: Uint8Array): 'docx' | 'xlsx' | 'pptx' | 'odt' | 'zip' {
  if (containsAscii(bytes, 'word/document')) return 'docx';
  if (containsAscii(bytes, 'xl/workbook')) return 'xlsx';
  if (containsAscii(bytes, 'ppt/presentation')) return 'pptx';
  if (containsAscii(bytes, 'application/vnd.oasis.opendocument')) return 'odt';
  return 'zip';
}

/**
 * Recognise a binary (or RTF) file type from its first bytes.
 * @example sniffBytes(Buffer.from('%PDF-1.7')) // 'pdf'
 * @returns the kind, or null when the bytes do not match a known signature (likely text)
 */
export function sniffBytes(bytes: Uint8Array): SniffedKind | null {
  if (isZip(bytes)) return zipKind(bytes);
  if (isCompoundFile(bytes)) return 'cfb';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('{\\rtf'))) return 'rtf';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
  if ((startsWith(bytes, ascii('ID3')) && bytes[3] >= 2 && bytes[3] <= 4 && bytes[4] < 0x10) || startsWith(bytes, [0xff, 0xfb])) {
    return 'mp3';
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WAVE'), 8)) return 'wav';
  if (startsWith(bytes, ascii('OggS'))) return 'ogg';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'mp4';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (startsWith(bytes, ascii('fLaC'))) return 'flac';
  return null;
}
