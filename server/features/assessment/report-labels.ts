import type { Translator } from '../../i18n/translator';

/** Stored values that have a label (`assessment.value.<value>`); any other value is shown as it is. */
const LABELLED = new Set([
  'flanders', 'wallonia', 'brussels', 'abroad',
  'economic_compulsive', 'systemic', 'psychopharmacological',
  'none', 'monitoring', 'process', 'outcome', 'impact',
  'best_practice', 'promising', 'insufficient', 'not_effective', 'unrated',
  'met', 'partly', 'not_met', 'unknown',
]);
const GROUPS = new Set(['international', 'belgian', 'unknown']);

/** Symbols that carry a score without colour (colour-blind safe). */
export const SCORE_SYMBOLS: Record<string, string> = { met: '✔', partly: '◐', not_met: '✖', unknown: '?' };

/** The label of a stored value in the reader's language (the value itself when unknown). */
export const label = (tr: Translator, value: string | null | undefined): string =>
  (value ? (LABELLED.has(value) ? tr.t(`assessment.value.${value}`) : value) : '');

/** A respondent group as a table value (`belgian`, `Belgisch`…). */
export const groupLabel = (tr: Translator, group: string): string => (GROUPS.has(group) ? tr.t(`assessment.group.${group}`) : group);

/** A respondent group as a phrase after a quote (`Belgian respondent`, `respondent group unknown`). */
export const respondentText = (tr: Translator, group: string): string => (GROUPS.has(group) ? tr.t(`assessment.respondent.${group}`) : group);

/** Names of the filters a report was made with, e.g. `Region: Flanders · Evidence rating: Promising`. */
export function filterText(tr: Translator, filter: { crimeType?: string; region?: string; rating?: string }): string {
  const parts = [
    filter.crimeType ? tr.t('assessment.filter.crimeType', { value: label(tr, filter.crimeType) }) : '',
    filter.region ? tr.t('assessment.filter.region', { value: label(tr, filter.region) }) : '',
    filter.rating ? tr.t('assessment.filter.rating', { value: label(tr, filter.rating) }) : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : tr.t('assessment.filter.all');
}

/** `2019 – 2023`, `since 2019`, `until 2023` or ''. */
export function periodText(tr: Translator, start: string | null, end: string | null): string {
  if (start && end) return tr.t('assessment.period.range', { start, end });
  if (start) return tr.t('assessment.period.since', { start });
  return end ? tr.t('assessment.period.until', { end }) : '';
}

/** `€ 240,000` (`€ 240.000`, `240 000 €`) or ''. */
export const euros = (tr: Translator, value: number | null): string => (value === null ? '' : tr.t('assessment.euros', { amount: tr.number(value, 2) }));

/** A share as a percentage with one decimal (`66.7%`, `66,7 %`), or '' when there is none. */
export const percent = (tr: Translator, share: number | null): string =>
  (share === null ? '' : tr.t('assessment.percent', { value: tr.number(Math.round(share * 1000) / 10, 1) }));

/** Where a record is: `Antwerpen, Flanders` or `Lisbon, Portugal (abroad)`. */
export function placeText(tr: Translator, record: { municipality: string; region: string; country: string }): string {
  const region = record.region === 'abroad' ? (record.country ? tr.t('assessment.abroadIn', { country: record.country }) : label(tr, 'abroad')) : label(tr, record.region);
  return [record.municipality, region].filter(Boolean).join(', ');
}
