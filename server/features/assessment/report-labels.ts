/** English labels of the stored values, for the printable inventory and the workbooks. */
const LABELS: Record<string, string> = {
  flanders: 'Flanders', wallonia: 'Wallonia', brussels: 'Brussels', abroad: 'Abroad',
  economic_compulsive: 'Economic-compulsive', systemic: 'Systemic', psychopharmacological: 'Psychopharmacological',
  none: 'None', monitoring: 'Monitoring', process: 'Process evaluation', outcome: 'Outcome evaluation', impact: 'Impact evaluation',
  best_practice: 'Best practice', promising: 'Promising', insufficient: 'Insufficient evidence', not_effective: 'Not effective', unrated: 'Not rated',
  met: 'Met', partly: 'Partly met', not_met: 'Not met', unknown: 'Unknown',
  international: 'international', belgian: 'Belgian',
};

/** Symbols that carry a score without colour (colour-blind safe). */
export const SCORE_SYMBOLS: Record<string, string> = { met: '✔', partly: '◐', not_met: '✖', unknown: '?' };

/** The English label of a stored value (the value itself when unknown). */
export const label = (value: string | null | undefined): string => (value ? LABELS[value] ?? value : '');

/** Names of the filters a report was made with, e.g. `Region: Flanders · Rating: Promising`. */
export function filterText(filter: { crimeType?: string; region?: string; rating?: string }): string {
  const parts = [
    filter.crimeType ? `Crime type: ${label(filter.crimeType)}` : '',
    filter.region ? `Region: ${label(filter.region)}` : '',
    filter.rating ? `Evidence rating: ${label(filter.rating)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'All practice records (no filter)';
}

/** `2019 – 2023`, `since 2019`, `until 2023` or ''. */
export function periodText(start: string | null, end: string | null): string {
  if (start && end) return `${start} – ${end}`;
  if (start) return `since ${start}`;
  return end ? `until ${end}` : '';
}

/** `€ 240,000` or ''. */
export const euros = (value: number | null): string => (value === null ? '' : `€ ${value.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`);

/** Where a record is: `Antwerpen, Flanders` or `Lisbon, Portugal (abroad)`. */
export function placeText(record: { municipality: string; region: string; country: string }): string {
  const region = record.region === 'abroad' ? (record.country ? `${record.country} (abroad)` : 'Abroad') : label(record.region);
  return [record.municipality, region].filter(Boolean).join(', ');
}
