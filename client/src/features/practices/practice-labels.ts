import type { ImportProblem, Practice } from '../../api/practices';
import { t } from '../../i18n/i18n';

/** The region in the interface language; abroad shows the country. */
export const regionLabel = (p: Pick<Practice, 'region' | 'country'>) => (p.region === 'abroad' && p.country ? p.country : t(`practices.regions.${p.region}`));

/** Municipality and region (or country), for a table cell or a heading. */
export const placeLabel = (p: Practice) => [p.municipality, regionLabel(p)].filter(Boolean).join(', ');

export const crimeTypesLabel = (p: Practice) => p.crimeTypes.map((c) => t(`practices.crimeTypes.${c}`)).join(', ');

export const evaluationLabel = (p: Practice) =>
  t(`practices.evaluationStatuses.${p.evaluationStatus}`) + (p.smsLevel !== null ? ` (${t('practices.sms', { level: p.smsLevel })})` : '');

export const ratingLabel = (p: Practice) => (p.evidenceRating ? t(`practices.ratings.${p.evidenceRating}`) : t('practices.unrated'));

/** The period as entered (`2017-03-01 – 2023-12-31`), or in years only for a table (`2017–2023`). */
export const periodLabel = (p: Practice, yearsOnly = false) => {
  if (!p.periodStart && !p.periodEnd) return '';
  const cut = (v: string | null) => (v ? (yearsOnly ? v.slice(0, 4) : v) : '…');
  return yearsOnly ? `${cut(p.periodStart)}–${cut(p.periodEnd)}` : `${cut(p.periodStart)} – ${cut(p.periodEnd)}`;
};

/**
 * A problem reported by the server (a field of the form, or a row of an import) in the user's
 * language, falling back to the server's English sentence for a code the client does not know.
 */
export function problemText(problem: { code: string; message: string; value?: string; otherRow?: number }): string {
  const key = `practices.problems.${problem.code}`;
  const text = t(key, { value: problem.value ?? '', otherRow: problem.otherRow ?? '' });
  return text === key ? problem.message : text;
}

export type { ImportProblem };
