import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import type { IndexedDocument, IndexedNote, IndexedTurn, ProjectIndexParts } from './project-index';

/**
 * A project index snapshot as bytes: a fixed preamble, a JSON header (counts, ids, the vocabulary,
 * notes, where each array lies) and raw arrays, 8-byte aligned. The arrays the index keeps (field
 * lengths, postings) come first and are copied out in one piece, to be used in place; turns and
 * the documents' texts (UTF-8) follow and are decoded once. The preamble holds the header's length
 * and the length and CRC-32 of everything after it, so a truncated or damaged file is refused.
 * Arrays are in the machine's byte order: little-endian (a big-endian machine rebuilds instead).
 */

// 3: this binary format, `<projectId>.index` (1 and 2, MiniSearch's and then the compact index's JSON, were `<projectId>.json`).
export const SNAPSHOT_VERSION = 3;
const MAGIC = Buffer.from('SOCPIDX\0', 'latin1');
const PREAMBLE = 24; // magic, version, header length, body length, CRC-32 of the body

type ArrayKind = 'u8' | 'u32' | 'f64';
const TYPES = { u8: Uint8Array, u32: Uint32Array, f64: Float64Array } as const;
type Typed = Uint8Array | Uint32Array | Float64Array;

/** Where an array lies in the body (byte offset), its type and length. */
type Placement = [offset: number, kind: ArrayKind, length: number];

interface Header {
  lastEventId: number;
  nextId: number;
  documentCount: number;
  avgFieldLength: number[];
  terms: string[];
  /** Id, revision id, first entry id, number of turns, text length in UTF-8 bytes. */
  documents: [string, string, number, number, number][];
  notes: (IndexedNote & { entry: number })[];
  /** Speaker names and roles of turns (an index into this list, plus one; 0: none). */
  strings: string[];
  /** The end of the arrays kept resident (their start is 0). */
  residentBytes: number;
  arrays: Record<string, Placement>;
}

export interface Snapshot {
  lastEventId: number;
  parts: ProjectIndexParts;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** The snapshot's bytes, as chunks to write one after the other. */
export function encodeSnapshot({ lastEventId, parts }: Snapshot): Uint8Array[] {
  const { search, documents, notes } = parts;
  const body: Uint8Array[] = [];
  let offset = 0;
  const arrays: Record<string, Placement> = {};
  const put = (name: string, kind: ArrayKind, array: Typed) => {
    arrays[name] = [offset, kind, array.length];
    body.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    offset += array.byteLength;
    const padding = align8(offset) - offset;
    if (padding) body.push(new Uint8Array(padding));
    offset += padding;
  };
  put('fieldLength0', 'u32', search.fieldLength[0]);
  put('fieldLength1', 'u32', search.fieldLength[1]);
  put('present', 'u8', search.present);
  search.fields.forEach((f, i) => {
    put(`ids${i}`, 'u32', f.ids);
    put(`freqs${i}`, 'u32', f.freqs);
  });
  const residentBytes = offset;
  search.fields.forEach((f, i) => put(`counts${i}`, 'u32', f.counts));

  const turnCount = documents.reduce((n, d) => n + d.turns.length, 0);
  const starts = new Uint32Array(turnCount);
  const ends = new Uint32Array(turnCount);
  const roles = new Uint32Array(turnCount);
  const speakers = new Uint32Array(turnCount);
  const media = new Float64Array(turnCount);
  const strings = new Map<string, number>();
  const stringRef = (s: string | null) => {
    if (s === null) return 0;
    let ref = strings.get(s);
    if (ref === undefined) strings.set(s, (ref = strings.size + 1));
    return ref;
  };
  let t = 0;
  for (const d of documents) {
    for (const turn of d.turns) {
      starts[t] = turn.start;
      ends[t] = turn.end;
      roles[t] = stringRef(turn.role);
      speakers[t] = stringRef(turn.speaker);
      media[t++] = turn.mediaStartMs ?? Number.NaN;
    }
  }
  put('turnStarts', 'u32', starts);
  put('turnEnds', 'u32', ends);
  put('turnRoles', 'u32', roles);
  put('turnSpeakers', 'u32', speakers);
  put('turnMedia', 'f64', media);
  const texts = documents.map((d) => Buffer.from(d.text, 'utf8'));
  arrays.texts = [offset, 'u8', texts.reduce((n, b) => n + b.length, 0)];
  body.push(...texts);

  const header: Header = {
    lastEventId, nextId: search.nextId, documentCount: search.documentCount, avgFieldLength: search.avgFieldLength,
    terms: search.terms, documents: documents.map((d, i) => [d.id, d.revisionId, d.entry, d.turns.length, texts[i]!.length]),
    notes, strings: [...strings.keys()], residentBytes, arrays,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = [json, new Uint8Array(align8(PREAMBLE + json.length) - PREAMBLE - json.length)];
  let crc = 0;
  let bodyLength = 0;
  for (const chunk of [...headerBytes, ...body]) {
    // (zlib's crc32 answers 0 for an empty array without memory behind it, whatever the running value)
    if (chunk.length > 0) crc = crc32(chunk, crc);
    bodyLength += chunk.length;
  }
  const preamble = Buffer.alloc(PREAMBLE);
  MAGIC.copy(preamble, 0);
  preamble.writeUInt32LE(SNAPSHOT_VERSION, 8);
  preamble.writeUInt32LE(json.length, 12);
  preamble.writeUInt32LE(bodyLength, 16);
  preamble.writeUInt32LE(crc, 20);
  return [preamble, ...headerBytes, ...body];
}

export class SnapshotError extends Error {}

function check(condition: boolean, problem: string): asserts condition {
  if (!condition) throw new SnapshotError(`search snapshot: ${problem}`);
}

/** Reads a snapshot's bytes (throws SnapshotError when they are not a whole, intact, current snapshot). */
export function decodeSnapshot(file: Buffer): Snapshot {
  check(endianness() === 'LE', 'big-endian machine');
  check(file.length >= PREAMBLE && file.subarray(0, 8).equals(MAGIC), 'not a snapshot');
  check(file.readUInt32LE(8) === SNAPSHOT_VERSION, 'another version');
  const headerLength = file.readUInt32LE(12);
  check(file.length === PREAMBLE + file.readUInt32LE(16), 'truncated');
  check(crc32(file.subarray(PREAMBLE)) === file.readUInt32LE(20), 'damaged');
  const header = JSON.parse(file.toString('utf8', PREAMBLE, PREAMBLE + headerLength)) as Header;
  const bodyStart = align8(PREAMBLE + headerLength);
  const bodyLength = file.length - bodyStart;
  check(header.residentBytes % 8 === 0 && header.residentBytes <= bodyLength, 'bad layout');

  // The resident arrays, copied into a buffer of their own (aligned, and free of the rest of the file).
  const resident = new ArrayBuffer(header.residentBytes);
  new Uint8Array(resident).set(file.subarray(bodyStart, bodyStart + header.residentBytes));
  const view = <K extends ArrayKind>(name: string, kind: K, length?: number): InstanceType<(typeof TYPES)[K]> => {
    const placement = header.arrays[name];
    check(placement !== undefined && placement[1] === kind && (length === undefined || placement[2] === length), `bad array ${name}`);
    const [offset, , count] = placement;
    const Type = TYPES[kind];
    const end = offset + count * Type.BYTES_PER_ELEMENT;
    check(offset % 8 === 0 && end <= bodyLength, `bad array ${name}`);
    if (end <= header.residentBytes) return new Type(resident, offset, count) as InstanceType<(typeof TYPES)[K]>;
    check(offset >= header.residentBytes, `bad array ${name}`);
    // Transient arrays: read once, then dropped with the file (copied when the file's buffer is not aligned).
    const at = file.byteOffset + bodyStart + offset;
    if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(file.buffer as ArrayBuffer, at, count) as InstanceType<(typeof TYPES)[K]>;
    const copy = new ArrayBuffer(count * Type.BYTES_PER_ELEMENT);
    new Uint8Array(copy).set(file.subarray(bodyStart + offset, bodyStart + end));
    return new Type(copy) as InstanceType<(typeof TYPES)[K]>;
  };

  const { nextId, terms } = header;
  const fields = [0, 1].map((i) => {
    const counts = view(`counts${i}`, 'u32', terms.length);
    const total = counts.reduce((n, c) => n + c, 0);
    const ids = view(`ids${i}`, 'u32', total);
    for (let k = 0; k < ids.length; k++) check(ids[k]! < nextId, 'bad entry id');
    return { counts, ids, freqs: view(`freqs${i}`, 'u32', total) };
  });
  const search = {
    nextId, documentCount: header.documentCount, avgFieldLength: header.avgFieldLength, terms, fields,
    fieldLength: [view('fieldLength0', 'u32', nextId), view('fieldLength1', 'u32', nextId)] as [Uint32Array, Uint32Array],
    present: view('present', 'u8', nextId),
  };

  const turnCount = header.documents.reduce((n, d) => n + d[3], 0);
  const starts = view('turnStarts', 'u32', turnCount);
  const ends = view('turnEnds', 'u32', turnCount);
  const roles = view('turnRoles', 'u32', turnCount);
  const speakers = view('turnSpeakers', 'u32', turnCount);
  const media = view('turnMedia', 'f64', turnCount);
  const strings = [null, ...header.strings];
  const utf8 = view('texts', 'u8', header.documents.reduce((n, d) => n + d[4], 0));
  const texts = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.length);
  let textAt = 0;
  let t = 0;
  const documents = header.documents.map(([id, revisionId, entry, count, bytes]): IndexedDocument & { entry: number } => {
    const text = texts.toString('utf8', textAt, (textAt += bytes));
    check(entry < 0 ? count === 0 : entry + count <= nextId, 'bad document entries');
    const turns: IndexedTurn[] = [];
    for (const end = t + count; t < end; t++) {
      check(starts[t]! <= ends[t]! && ends[t]! <= text.length && roles[t]! < strings.length && speakers[t]! < strings.length, 'bad turn');
      const mediaStartMs = media[t]!;
      turns.push({ start: starts[t]!, end: ends[t]!, role: strings[roles[t]!] ?? null, speaker: strings[speakers[t]!] ?? null, mediaStartMs: Number.isNaN(mediaStartMs) ? null : mediaStartMs });
    }
    return { id, revisionId, text, turns, entry };
  });
  for (const n of header.notes) check(n.entry >= 0 && n.entry < nextId, 'bad note entry');
  return { lastEventId: header.lastEventId, parts: { search, documents, notes: header.notes } };
}
