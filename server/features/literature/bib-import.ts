import type { CslItem } from '@citation-js/core';
import { badRequest } from '../../errors';
import type { Translator } from '../../i18n/translator';
import { citeJs, type CslName } from './citations';

export type BibFormat = 'bibtex' | 'ris';

/** One reference read from a file, in the workbench's typed fields plus its whole CSL item. */
export interface ParsedReference {
  citationKey: string; kind: string; authors: CslName[]; year: number | null; title: string;
  venue: string; doi: string; url: string; csl: CslItem;
}

/** What a file gave: the references, and the entries that could not be used (with a reason). */
export interface ParsedFile { format: BibFormat; references: ParsedReference[]; errors: { entry: string; message: string }[] }

/**
 * Which dialect a file is in, from its extension and else its content (`@type{` for BibTeX, `TY  - ` for RIS).
 * @example detectFormat('refs.bib', '@article{…}') // → 'bibtex'
 */
export function detectFormat(fileName: string, text: string): BibFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'ris') return 'ris';
  if (/^\s*TY {2}- /m.test(text)) return 'ris';
  if (/^\s*@\w+\s*[{(]/m.test(text)) return 'bibtex';
  return null;
}

/**
 * Reads a BibTeX or RIS file into references. Throws 400 NOT_BIBLIOGRAPHY when the file is neither,
 * BIB_SYNTAX when it cannot be read, EMPTY_BIBLIOGRAPHY when it holds no reference. The reasons of
 * unusable entries are written in the reader's language (`tr`).
 */
export async function parseBibliography(fileName: string, text: string, tr: Translator): Promise<ParsedFile> {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const format = detectFormat(fileName, clean);
  if (!format) throw badRequest('NOT_BIBLIOGRAPHY', 'literatureErrors.bib.notBibliography', { fileName });
  const formatName = format === 'bibtex' ? 'BibTeX' : 'RIS';
  let items: CslItem[];
  try {
    items = (await citeJs().async(clean, { forceType: format === 'bibtex' ? '@biblatex/text' : '@ris/file' })).data;
  } catch (error) {
    const first = String((error as Error).message ?? error).split('\n')[0]!.replace(/[:.]\s*$/, '');
    throw badRequest('BIB_SYNTAX', 'literatureErrors.bib.syntax', { fileName, format: formatName, detail: first });
  }
  if (items.length === 0) throw badRequest('EMPTY_BIBLIOGRAPHY', 'literatureErrors.bib.empty', { fileName, format: formatName });
  const risDois = format === 'ris' ? risField(clean, 'DO') : [];
  const references: ParsedReference[] = [];
  const errors: ParsedFile['errors'] = [];
  items.forEach((item, i) => {
    const key = typeof item['citation-key'] === 'string' ? item['citation-key'] : format === 'bibtex' && typeof item.id === 'string' ? item.id : '';
    const risId = format === 'ris' && typeof item.id === 'string' && !item.id.startsWith('temp_id_') ? item.id : '';
    const label = key || risId || `#${i + 1}`;
    const title = plain(str(item.title));
    if (!title) { errors.push({ entry: label, message: tr.t('literatureErrors.bib.noTitle') }); return; }
    const doi = (str(item.DOI) || risDois[i] || '').replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
    const { _graph: _ignored, ...csl } = item;
    references.push({
      citationKey: key || risId, kind: str(item.type) || 'article-journal', authors: names(item.author ?? item.editor),
      year: yearOf(item.issued), title, venue: str(item['container-title']) || str(item.publisher), doi, url: str(item.URL), csl,
    });
  });
  return { format, references, errors };
}

/** The values of one RIS tag per record (citation-js drops some tags, e.g. DO in older files). */
function risField(text: string, tag: string): string[] {
  return text.split(/^ER {2}-.*$/m).filter((r) => /^TY {2}- /m.test(r)).map((r) => new RegExp(`^${tag} {2}- (.*)$`, 'm').exec(r)?.[1]?.trim() ?? '');
}

/** Text without the CSL rich-text tags (`<i>`, `<b>`, `<sup>`, …) that BibTeX commands such as \\emph become. */
export function plain(text: string): string {
  return text.replace(/<\/?(i|b|sup|sub|sc|span)\b[^>]*>/gi, '');
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function names(value: unknown): CslName[] {
  if (!Array.isArray(value)) return [];
  return value.map((n: Record<string, unknown>): CslName => (n.literal ? { literal: str(n.literal) } : { family: str(n.family), ...(n.given ? { given: str(n.given) } : {}) }))
    .filter((n) => n.literal || n.family);
}

function yearOf(issued: unknown): number | null {
  const parts = (issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0];
  const year = Number(parts);
  return Number.isInteger(year) && year > 0 && year < 3000 ? year : null;
}
