import { LOCALES, type Translator, translator } from '../../i18n/translator';
import type { ExportColumn, ExportRow } from '../retrieval/table-export';
import { crimeTypeOf, evaluationOf, fold, regionOf, ratingOf } from './practice-values';
import type { Practice, PracticeValues } from './practices.schemas';

type Key = keyof PracticeValues;

/** One column of the import/export sheet: the field, its English header, Dutch and French aliases. */
export interface PracticeColumn extends ExportColumn {
  key: Key;
  aliases: string[];
}

const col = (key: Key, header: string, width: number, aliases: string[], wrap = false): PracticeColumn => ({ key, header, width, aliases, wrap });

/** The sheet's columns, in order: exported exactly like this, imported by header (EN, NL or FR). */
export const PRACTICE_COLUMNS: PracticeColumn[] = [
  col('name', 'Name', 32, ['Naam', 'Projectnaam', 'Nom', 'Nom du projet', 'Project', 'Project name', 'Projet']),
  col('description', 'Description', 50, ['Beschrijving', 'Omschrijving', 'Description du projet'], true),
  col('municipality', 'Municipality', 18, ['Gemeente', 'Stad', 'Commune', 'Ville', 'City']),
  col('region', 'Region', 12, ['Gewest', 'Regio', 'Région']),
  col('country', 'Country', 14, ['Land', 'Pays']),
  col('language', 'Language', 10, ['Taal', 'Langue']),
  col('organisation', 'Organisation', 26, ['Organization', 'Organisatie', 'Organisme', 'Promoteur']),
  col('targetGroup', 'Target group', 30, ['Doelgroep', 'Groupe cible', 'Public cible'], true),
  col('crimeTypes', 'Crime types', 30, ['Crime type', 'Drug-related crime', 'Criminaliteitsvormen', 'Type criminaliteit', 'Drugsgerelateerde criminaliteit', 'Types de criminalité', 'Type de criminalité', 'Criminalité liée à la drogue']),
  col('interventionType', 'Intervention type', 24, ['Type interventie', 'Interventietype', "Type d'intervention"]),
  col('workingMechanisms', 'Working mechanisms', 40, ['Werkingsmechanismen', 'Werkzame mechanismen', "Mécanismes d'action", 'Mécanismes'], true),
  col('periodStart', 'Period start', 12, ['Start', 'Begin', 'Startdatum', 'Begindatum', 'Début', 'Date de début']),
  col('periodEnd', 'Period end', 12, ['End', 'Einde', 'Einddatum', 'Fin', 'Date de fin']),
  col('budgetEur', 'Budget (EUR)', 14, ['Budget', 'Budget EUR', 'Budget (€)', 'Begroting', 'Budget en euros']),
  col('costNotes', 'Cost notes', 36, ['Costs', 'Kosten', 'Kostengegevens', 'Opmerkingen kosten', 'Coûts', 'Notes sur les coûts', 'Données de coût'], true),
  col('evaluationStatus', 'Evaluation status', 16, ['Evaluation', 'Evaluatie', 'Evaluatiestatus', 'Stand van de evaluatie', 'Évaluation', "Statut d'évaluation", "État de l'évaluation"]),
  col('smsLevel', 'SMS level', 10, ['Maryland SMS', 'SMS', 'SMS-niveau', 'Niveau SMS', 'Maryland Scientific Methods Scale']),
  col('evidenceRating', 'Evidence rating', 16, ['Rating', 'Bewijskracht', 'Beoordeling', 'Evidentie', 'Niveau de preuve', 'Appréciation', 'Évaluation des preuves']),
  col('recordSource', 'Record source', 30, ['Source', 'Bron', 'Herkomst', 'Source de la fiche', 'Origine']),
];

/** Words of one field's codes in an export (`practices.value.<field>.<code>`). */
const VALUE_FIELDS: Partial<Record<Key, string>> = { region: 'region', crimeTypes: 'crimeType', evaluationStatus: 'evaluation', evidenceRating: 'rating' };

// Every language's export header is also an import header, so a download in any language imports back.
for (const c of PRACTICE_COLUMNS) {
  const known = new Set([c.header, ...c.aliases].map(fold));
  for (const locale of LOCALES) {
    const header = translator(locale).t(`practices.column.${c.key}`);
    if (!known.has(fold(header))) c.aliases.push(header);
    known.add(fold(header));
  }
}

const BY_HEADER = new Map<string, PracticeColumn>();
for (const c of PRACTICE_COLUMNS) {
  for (const h of [c.header, c.key, ...c.aliases]) {
    const other = BY_HEADER.get(fold(h));
    if (other && other !== c) throw new Error(`Practice column header "${h}" names both ${other.key} and ${c.key}`);
    BY_HEADER.set(fold(h), c);
  }
}

/** The column a header names (English, Dutch or French, any case or accents), or undefined. */
export const columnOf = (header: string) => BY_HEADER.get(fold(header));

/** The sheet's columns with their headers in the reader's language (English: exactly `PRACTICE_COLUMNS`). */
export const practiceColumns = ({ t }: Translator): ExportColumn[] =>
  PRACTICE_COLUMNS.map((c) => ({ header: t(`practices.column.${c.key}`), width: c.width, wrap: c.wrap }));

/**
 * A record as one sheet row that imports back unchanged. English keeps the codes of the
 * enumerations (`flanders`, `best_practice`), as it always has; Dutch and French write the words
 * of their language (`Vlaanderen`, `Bonne pratique`), which the importer reads back to the codes.
 */
export function practiceRow(p: Practice, tr: Translator): ExportRow {
  const word = (key: Key, code: string) => {
    const field = VALUE_FIELDS[key];
    return field && tr.locale !== 'en' ? tr.t(`practices.value.${field}.${code}`) : code;
  };
  return PRACTICE_COLUMNS.map((c) => {
    const value = p[c.key];
    if (c.key === 'crimeTypes') return (value as string[]).map((code) => word(c.key, code)).join('; ');
    if (value === null || value === undefined) return '';
    return typeof value === 'string' ? word(c.key, value) : (value as number);
  });
}

/**
 * An amount as people type it: `12500`, `12 500`, `12.500,50`, `12,500.50`, `€ 4.000`, `1250,5`.
 * A lone comma or dot followed by three digits groups thousands; with one or two digits it is the
 * decimal separator. Returns undefined when it is not an amount.
 */
export function parseAmount(text: string): number | undefined {
  const s = text.replace(/€|eur(os?)?/gi, '').replace(/[\s\u00a0\u202f']/g, '');
  if (!s) return undefined;
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  const grouped = /^(\d{1,3}(?:([.,])\d{3})*)([.,])(\d{1,2})$/.exec(s);
  if (grouped && (!grouped[2] || grouped[2] !== grouped[3])) return Number(`${grouped[1]!.replace(/[.,]/g, '')}.${grouped[4]}`);
  if (/^\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}

/** A period bound as typed: a year, an ISO date, or a European day/month/year date (`1/9/2019`). */
function parsePeriod(text: string): string {
  const eu = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  return eu ? `${eu[3]}-${eu[2]!.padStart(2, '0')}-${eu[1]!.padStart(2, '0')}` : text;
}

/**
 * Reads one cell into a field's value; returns `{ value }` or `{ error }` with a sentence in the
 * reader's language (`tr`). Empty cells clear a field (an empty evaluation status means none).
 */
export function readCell(key: Key, raw: string, tr: Translator): { value: unknown } | { error: string; code: string } {
  const text = raw.trim();
  const problem = (code: string, sentence: string, params: Record<string, unknown> = { value: text }) =>
    ({ code, error: tr.t(`literatureErrors.practiceImport.${sentence}`, params) });
  switch (key) {
    case 'region': {
      const v = regionOf(text);
      return v ? { value: v } : text ? problem('BAD_REGION', 'badRegion') : problem('MISSING_REGION', 'missingRegion');
    }
    case 'crimeTypes': {
      const parts = text.split(/[;,]/).map((p) => p.trim()).filter(Boolean);
      const unknown = parts.filter((p) => !crimeTypeOf(p));
      if (unknown.length > 0) {
        const values = unknown.map((value) => tr.t('literatureErrors.practiceImport.quoted', { value })).join(', ');
        return problem('BAD_CRIME_TYPE', 'badCrimeType', { values });
      }
      return { value: parts.map((p) => crimeTypeOf(p)!) };
    }
    case 'evaluationStatus': {
      const v = text ? evaluationOf(text) : 'none';
      return v ? { value: v } : problem('BAD_EVALUATION', 'badEvaluation');
    }
    case 'evidenceRating': {
      const v = ratingOf(text);
      return v !== undefined ? { value: v } : problem('BAD_RATING', 'badRating');
    }
    case 'smsLevel': {
      if (!text) return { value: null };
      return /^[1-5]$/.test(text) ? { value: Number(text) } : problem('BAD_SMS', 'badSms');
    }
    case 'budgetEur': {
      if (!text) return { value: null };
      const amount = parseAmount(text);
      return amount === undefined ? problem('BAD_BUDGET', 'badBudget') : { value: amount };
    }
    case 'periodStart':
    case 'periodEnd':
      return { value: text ? parsePeriod(text) : null };
    default:
      return { value: text };
  }
}
