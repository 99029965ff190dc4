/**
 * Bytes → string, whatever the encoding a researcher's tool happened to write.
 *
 * Order: BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) → UTF-16 without BOM recognised from its NUL
 * byte pattern → strict UTF-8 → Windows-1252 (the usual "ANSI" of Word/Notepad on Windows).
 */
import iconv from 'iconv-lite';
import { TranscriptImportError } from './types';

export interface DecodedText {
  /** Decoded text, BOM removed; line ends untouched. */
  text: string;
  /** "utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be" or "windows-1252". */
  encoding: string;
}

const SAMPLE_SIZE = 64 * 1024;

function notText(): TranscriptImportError {
  return new TranscriptImportError('UNSUPPORTED_FILE', 'importErrors.binary');
}

function swapBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1];
    out[i + 1] = bytes[i];
  }
  return out;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  const le = bigEndian ? swapBytes(bytes) : bytes;
  // Non-fatal: an odd trailing byte or an unpaired surrogate becomes U+FFFD.
  return new TextDecoder('utf-16le', { ignoreBOM: false }).decode(le);
}

function decodeUtf32(bytes: Uint8Array, bigEndian: boolean): string {
  const parts: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 4; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, !bigEndian);
    parts.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD');
  }
  return parts.join('');
}

/**
 * Recognise UTF-16 without BOM: ASCII-range text in UTF-16 has a NUL in every other byte.
 * @returns 'utf-16le', 'utf-16be' or null
 */
export function detectBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE_SIZE) & ~1;
  const pairs = n / 2;
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs >= 0.4 && evenNul / pairs <= 0.05) return 'utf-16le';
  if (evenNul / pairs >= 0.4 && oddNul / pairs <= 0.05) return 'utf-16be';
  return null;
}

function isSuspiciousControl(code: number): boolean {
  // Allowed: tab, LF, VT, FF, CR, SUB (DOS end-of-file), ESC is suspicious.
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1a;
}

/** Binary garbage in raw bytes: NULs or many control bytes in the first 64 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE_SIZE);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) nul++;
    else if (isSuspiciousControl(b)) control++;
  }
  return nul > Math.max(2, n * 0.001) || control > Math.max(4, n * 0.05);
}

/** Binary garbage in decoded text (after a UTF-16/32 decode). */
function textLooksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE_SIZE);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSuspiciousControl(c) || c === 0xfffd) bad++;
  }
  return bad > Math.max(4, n * 0.05);
}

/**
 * Decode transcript bytes.
 *
 * @example
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])) // { text: 'hi', encoding: 'utf-8' }
 * decodeText(Buffer.from([0xe9]))                             // { text: 'é', encoding: 'windows-1252' }
 * @throws TranscriptImportError UNSUPPORTED_FILE when the bytes are binary, not text
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const b = bytes;
  let result: DecodedText | null = null;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) {
    result = { text: decodeUtf32(b, false), encoding: 'utf-32le' };
  } else if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) {
    result = { text: decodeUtf32(b, true), encoding: 'utf-32be' };
  } else if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    // Non-fatal: a BOM says UTF-8, so stray bad bytes become U+FFFD rather than mojibake.
    result = { text: new TextDecoder('utf-8').decode(b), encoding: 'utf-8' };
  } else if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    result = { text: decodeUtf16(b, false), encoding: 'utf-16le' };
  } else if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    result = { text: decodeUtf16(b, true), encoding: 'utf-16be' };
  } else {
    const utf16 = detectBomlessUtf16(b);
    if (utf16) result = { text: decodeUtf16(b, utf16 === 'utf-16be'), encoding: utf16 };
  }
  if (result) {
    if (textLooksBinary(result.text)) throw notText();
    return { text: stripBom(result.text), encoding: result.encoding };
  }

  if (looksBinary(b)) throw notText();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'win1252'), encoding: 'windows-1252' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
