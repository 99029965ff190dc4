import type { CslItem } from '@citation-js/core';
import type { Selectable } from 'kysely';
import type { LiteratureSourcesTable } from '../../db/schema.js';
import { lazyModule } from '../../shared/lazy-module';

const citationCore = lazyModule<typeof import('@citation-js/core')>('@citation-js/core');
const citationPlugins = ['@citation-js/plugin-bibtex', '@citation-js/plugin-ris', '@citation-js/plugin-csl'].map((name) => lazyModule(name));

/** citation-js with its BibTeX, RIS and CSL plugins, loaded on first use (a large package). */
export function citeJs(): typeof import('@citation-js/core').Cite {
  const { Cite } = citationCore();
  for (const plugin of citationPlugins) plugin();
  return Cite;
}

/** A literature source row as stored. */
export type SourceRow = Selectable<LiteratureSourcesTable>;

/** A CSL name: a person (`family`, `given`) or an organisation (`literal`). */
export interface CslName { family?: string; given?: string; literal?: string }

/** CSL types whose `venue` is a publisher rather than a journal, book or website. */
const PUBLISHER_KINDS = new Set(['book', 'report', 'thesis', 'manuscript', 'dataset', 'software', 'standard']);

/** The typed fields a CSL item is built from. */
export interface CitationFields {
  citation_key: string; kind: string; authors: CslName[]; year: number | null;
  title: string; venue: string; doi: string; url: string;
}

/**
 * The CSL-JSON item of a source: the stored item (from an import) with the typed fields laid over it,
 * so a hand edit of the title or authors always shows in the citation.
 * @example cslItem(row) // → { id, type: 'article-journal', title, author: [...], issued: { 'date-parts': [[2020]] }, ... }
 */
export function cslItem(source: CitationFields & { id?: string; csl?: string }): CslItem {
  const stored = parseJson(source.csl);
  // Keep the stored title's markup (italics from BibTeX \\emph) while it still says the same as the typed title.
  const storedTitle = typeof stored.title === 'string' ? stored.title : '';
  const title = storedTitle.replace(/<\/?(i|b|sup|sub|sc|span)\b[^>]*>/gi, '') === source.title ? storedTitle : source.title;
  const item: CslItem = { ...stored, id: source.citation_key || source.id || 'source', type: source.kind || 'article-journal', title };
  if (source.authors.length > 0) item.author = source.authors; else delete item.author;
  if (source.year != null) item.issued = { 'date-parts': [[source.year]] }; else delete item.issued;
  const venueField = PUBLISHER_KINDS.has(String(item.type)) ? 'publisher' : 'container-title';
  delete item[venueField === 'publisher' ? 'container-title' : 'publisher'];
  if (source.venue) item[venueField] = source.venue; else delete item[venueField];
  if (source.doi) item.DOI = source.doi; else delete item.DOI;
  if (source.url) item.URL = source.url; else delete item.URL;
  if (source.citation_key) item['citation-key'] = source.citation_key;
  delete item._graph;
  return item;
}

/**
 * The plain-text APA reference of a source.
 * @example formatCitation(row) // → 'Van Dijk, A. (2020). Drug markets. Journal of Stuff. https://doi.org/10.1/abc'
 */
export function formatCitation(source: SourceRow): string {
  return cached('text', source, () => new (citeJs())(cslItem(rowFields(source))).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }).trim());
}

/**
 * The APA reference of a source as HTML: only `<i>`, `<b>`, `<sup>`, `<sub>` and small capitals are kept,
 * every other tag is dropped and all text stays escaped, so it is safe to insert into a page.
 */
export function formatCitationHtml(source: SourceRow): string {
  return cached('html', source, () => {
    const html = new (citeJs())(cslItem(rowFields(source))).format('bibliography', { format: 'html', template: 'apa', lang: 'en-US' });
    const entry = /<div[^>]*class="csl-entry"[^>]*>([\s\S]*?)<\/div>/.exec(html);
    return sanitizeCitationHtml(entry ? entry[1] : html).trim();
  });
}

/** Formatting takes a few milliseconds a source: remember the last results, keyed by everything that shows. */
const CACHE = new Map<string, string>();
function cached(format: string, s: SourceRow, make: () => string): string {
  const key = JSON.stringify([format, s.citation_key, s.kind, s.authors, s.year, s.title, s.venue, s.doi, s.url, s.csl]);
  const hit = CACHE.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (CACHE.size >= 5000) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(key, value);
  return value;
}

/** All sources as one BibTeX file (citation keys kept where there are any). */
export function toBibtex(sources: SourceRow[]): string {
  if (sources.length === 0) return '';
  return new (citeJs())(sources.map((s) => cslItem(rowFields(s)))).format('bibtex');
}

const ALLOWED = new Map<string, string>([
  ['<i>', '<i>'], ['</i>', '</i>'], ['<b>', '<b>'], ['</b>', '</b>'],
  ['<sup>', '<sup>'], ['</sup>', '</sup>'], ['<sub>', '<sub>'], ['</sub>', '</sub>'],
  ['<span style="font-variant:small-caps;">', '<span class="small-caps">'], ['</span>', '</span>'],
]);

/**
 * Keeps the few formatting tags citeproc writes and drops every other tag; text and entities are left
 * as citeproc escaped them, and stray `<`/`>` become entities.
 */
export function sanitizeCitationHtml(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  for (const part of html.split(/(<[^<>]*>)/)) {
    if (!part.startsWith('<') || !part.endsWith('>')) { out.push(part.replace(/</g, '&lt;').replace(/>/g, '&gt;')); continue; }
    const kept = ALLOWED.get(part);
    if (!kept) continue;
    if (kept.startsWith('</')) {
      const name = kept.slice(2, -1);
      if (open[open.length - 1] !== name) continue;
      open.pop();
    } else open.push(/^<(\w+)/.exec(kept)![1]);
    out.push(kept);
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join('');
}

/**
 * Parses "Family, Given; Family, Given" (as typed in the form) into CSL names; an entry without a comma
 * is an organisation (`literal`).
 * @example parseAuthors('Van Dijk, Anna; EMCDDA') // → [{ family: 'Van Dijk', given: 'Anna' }, { literal: 'EMCDDA' }]
 */
export function parseAuthors(text: string): CslName[] {
  return text.split(';').map((s) => s.trim()).filter(Boolean).map((name) => {
    const comma = name.indexOf(',');
    if (comma < 0) return { literal: name };
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    return given ? { family, given } : { family };
  });
}

/** The reverse of `parseAuthors`, for the form. */
export function authorsToText(names: CslName[]): string {
  return names.map((n) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ')).join('; ');
}

function rowFields(source: SourceRow): CitationFields & { id: string; csl: string } {
  const authors = parseJson(source.authors);
  return { ...source, authors: Array.isArray(authors) ? authors as CslName[] : [] };
}

function parseJson(text: string | undefined): any {
  if (!text) return {};
  try { return JSON.parse(text); } catch { return {}; }
}
