/**
 * Small helpers to write REFI-QDA XML by hand: escaping, characters XML 1.0 forbids, GUIDs,
 * dates and colours in the forms the schemas accept.
 */
import { createHash } from 'node:crypto';

/** Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&`, `<`, `>` escaped, forbidden characters dropped, `\r` kept as a reference. */
export function xmlText(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value (double quotes): line ends and tabs as references so parsers keep them. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** ` name="value"` for every defined attribute, in the given order. */
export function attrs(values: Record<string, string | number | boolean | null | undefined>): string {
  let out = '';
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    out += ` ${key}="${xmlAttr(String(value))}"`;
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The REFI GUID of one of our ids: the id itself when it is already a UUID (lower case), else a
 * name-based UUID (version 5 layout, SHA-1) derived from it, so the same id always gives the same GUID.
 *
 * @example
 * refiGuid('3f2c…-…'); // the same UUID
 * refiGuid('case:doc-1'); // a stable UUID such as '1b4e…'
 */
export function refiGuid(id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  const hash = createHash('sha1').update('socprev-workbench:refi-qda:').update(id).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A stored timestamp as xsd:dateTime with an offset (`…Z`), or undefined when it cannot be read. */
export function xsdDateTime(value: string | Date | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `#RRGGBB` (upper case) from `#rgb` or `#rrggbb`; undefined for anything else. */
export function rgbColor(value: string | null | undefined): string | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return `#${hex.toUpperCase()}`;
}

/** At most `max` code points of a one-line version of `text`, with `…` when cut. */
export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const points = [...flat];
  return points.length <= max ? flat : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

/** A code's description for other tools: the definition, then inclusion, exclusion and example. */
export function codeDescription(code: { definition: string; inclusion: string; exclusion: string; example: string }): string {
  const parts = [code.definition.trim()];
  if (code.inclusion.trim()) parts.push(`Inclusion criteria: ${code.inclusion.trim()}`);
  if (code.exclusion.trim()) parts.push(`Exclusion criteria: ${code.exclusion.trim()}`);
  if (code.example.trim()) parts.push(`Example: ${code.example.trim()}`);
  return parts.filter(Boolean).join('\n\n');
}
