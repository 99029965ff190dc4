import type { XMLParser as Parser } from 'fast-xml-parser';
import { badRequest } from '../../errors';
import type { ErrorMessages } from '../../i18n/messages';
import { lazyModule } from '../../shared/lazy-module';

/** fast-xml-parser, loaded on the first REFI-QDA import. */
const xmlParser = lazyModule<typeof import('fast-xml-parser')>('fast-xml-parser');

/** One parsed element: attributes by name, children by element name (always arrays), text as `#text`. */
export interface XmlNode {
  [key: string]: unknown;
}

/**
 * Decodes XML bytes: UTF-16 when a BOM (or a UTF-16 `<?xml`) says so, UTF-8 otherwise; the BOM
 * is dropped.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric character references, in one pass; anything else stays as written. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref]!;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

/** What the refusals call the document (`exchangeErrors.xml.subject.<what>`). */
export type XmlSubject = keyof ErrorMessages['exchangeErrors']['xml']['subject'];

let parser: Parser | undefined;
const makeParser = () => new (xmlParser().XMLParser)({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // The parser expands nothing; only the five predefined entities and numeric references are
  // decoded (by us), and a DOCTYPE is refused before parsing.
  processEntities: false,
  htmlEntities: false,
  tagValueProcessor: (_name, value) => decodeEntities(String(value)),
  attributeValueProcessor: (_name, value) => decodeEntities(String(value)),
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _jpath, _leaf, isAttribute) => !isAttribute,
});

/**
 * Parses untrusted XML safely: a document that declares a DOCTYPE (the way entity bombs and
 * external entities come in) is refused, so no entity beyond the five predefined ones is ever
 * expanded and nothing outside the file is read. Throws 400 XML_UNSAFE or XML_INVALID.
 */
export function parseXmlSafely(text: string, what: XmlSubject = 'file'): XmlNode {
  const xml = text.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw badRequest('XML_UNSAFE', 'exchangeErrors.xml.unsafe', { what });
  const valid = xmlParser().XMLValidator.validate(xml);
  if (valid !== true) throw badRequest('XML_INVALID', 'exchangeErrors.xml.invalidAt', { what, line: valid.err.line, detail: valid.err.msg });
  try {
    return (parser ??= makeParser()).parse(xml) as XmlNode;
  } catch (error) {
    // The validator lets a few malformed documents through (an unclosed processing instruction).
    throw badRequest('XML_INVALID', 'exchangeErrors.xml.invalid', { what, detail: String((error as Error).message ?? error).slice(0, 160) });
  }
}

/** The child elements named `name` of a node (empty when none). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? (value as unknown[]).filter((v): v is XmlNode => typeof v === 'object' && v !== null) : [];
}

/** The first child element named `name`. */
export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => children(node, name)[0];

/** An attribute as a string ('' when absent). */
export const attr = (node: XmlNode | undefined, name: string): string => {
  const value = node?.[name];
  return typeof value === 'string' ? value : '';
};

/** The text content of the first child element named `name` ('' when absent or empty). */
export function childText(node: XmlNode | undefined, name: string): string {
  const value = node?.[name];
  if (!Array.isArray(value) || value.length === 0) return '';
  const first = value[0] as unknown;
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && typeof (first as XmlNode)['#text'] === 'string') return (first as XmlNode)['#text'] as string;
  return '';
}
