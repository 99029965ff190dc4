import type { CrimeType, EvaluationStatus, EvidenceRating, PracticeRegion } from '../../db/schema';

export const REGIONS: PracticeRegion[] = ['flanders', 'wallonia', 'brussels', 'abroad'];
export const CRIME_TYPES: CrimeType[] = ['economic_compulsive', 'systemic', 'psychopharmacological'];
export const EVALUATION_STATUSES: EvaluationStatus[] = ['none', 'monitoring', 'process', 'outcome', 'impact'];
export const EVIDENCE_RATINGS: EvidenceRating[] = ['best_practice', 'promising', 'insufficient', 'not_effective'];
/** Evaluation statuses a Maryland SMS level (1–5) can rate. */
export const SMS_STATUSES: EvaluationStatus[] = ['outcome', 'impact'];

/**
 * Folds a word for matching: lower case, no accents, punctuation and `_`/`-` as single spaces.
 *
 * @example
 * fold('Économico-compulsive'); // 'economico compulsive'
 */
export function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Builds a lookup from folded words (the code itself included) to the code. */
function vocabulary<T extends string>(words: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, list] of Object.entries(words) as [T, string[]][]) for (const word of [code, ...list]) map.set(fold(word), code);
  return map;
}

const REGION_WORDS = vocabulary<PracticeRegion>({
  flanders: ['Flanders', 'Flemish Region', 'Vlaanderen', 'Vlaams Gewest', 'Flandre', 'Flandres', 'Région flamande'],
  wallonia: ['Wallonia', 'Walloon Region', 'Wallonië', 'Waals Gewest', 'Wallonie', 'Région wallonne'],
  brussels: ['Brussels', 'Brussels-Capital', 'Brussels-Capital Region', 'Brussel', 'Brussels Hoofdstedelijk Gewest', 'Bruxelles', 'Bruxelles-Capitale', 'Région de Bruxelles-Capitale'],
  abroad: ['Abroad', 'International', 'Other country', 'Buitenland', 'Internationaal', 'Étranger', 'A l’étranger', "À l'étranger"],
});

const CRIME_WORDS = vocabulary<CrimeType>({
  economic_compulsive: ['economic-compulsive', 'economic compulsive', 'economically compulsive', 'economisch-compulsief', 'economisch compulsief', 'economisch-compulsieve', 'économico-compulsive', 'économico-compulsif', 'economique compulsive'],
  systemic: ['systemic', 'systemisch', 'systemische', 'systémique'],
  psychopharmacological: ['psychopharmacological', 'psychofarmacologisch', 'psychofarmacologische', 'psychopharmacologique'],
});

const EVALUATION_WORDS = vocabulary<EvaluationStatus>({
  none: ['none', 'no evaluation', 'not evaluated', 'geen', 'geen evaluatie', 'niet geëvalueerd', 'aucune', 'aucun', "pas d'évaluation", 'aucune évaluation', 'non évalué'],
  monitoring: ['monitoring', 'opvolging', 'suivi', 'monitorage'],
  process: ['process', 'process evaluation', 'proces', 'procesevaluatie', 'processus', 'évaluation de processus', 'évaluation du processus'],
  outcome: ['outcome', 'outcome evaluation', 'effect', 'effectevaluatie', 'uitkomst', 'resultaat', 'résultat', 'résultats', 'évaluation des résultats', 'évaluation des effets'],
  impact: ['impact', 'impact evaluation', 'impactevaluatie', "évaluation d'impact", "évaluation de l'impact"],
});

const RATING_WORDS = vocabulary<EvidenceRating>({
  best_practice: ['best practice', 'good practice', 'goede praktijk', 'beste praktijk', 'bonne pratique', 'meilleure pratique'],
  promising: ['promising', 'veelbelovend', 'veelbelovende praktijk', 'prometteur', 'prometteuse', 'pratique prometteuse'],
  insufficient: ['insufficient', 'insufficient evidence', 'onvoldoende', 'onvoldoende bewijs', 'onvoldoende evidentie', 'insuffisant', 'preuves insuffisantes', 'données insuffisantes'],
  not_effective: ['not effective', 'ineffective', 'niet effectief', 'niet werkzaam', 'non efficace', 'inefficace', 'pas efficace'],
});

/** Words (EN, NL, FR) for "no rating yet" in an import. */
const NO_RATING = new Set(['', 'none', 'not rated', 'geen', 'nog niet', 'niet beoordeeld', 'aucune', 'aucun', 'non évalué'].map(fold));
/** Belgium named in the country column of a Belgian record means nothing more than the region. */
export const BELGIUM = new Set(['belgium', 'belgie', 'belgique', 'belgien', 'be'].map(fold));

export const regionOf = (word: string) => REGION_WORDS.get(fold(word));
export const crimeTypeOf = (word: string) => CRIME_WORDS.get(fold(word));
export const evaluationOf = (word: string) => EVALUATION_WORDS.get(fold(word));
/** A rating code, `null` for "no rating yet", `undefined` when the word is not known. */
export const ratingOf = (word: string): EvidenceRating | null | undefined => (NO_RATING.has(fold(word)) ? null : RATING_WORDS.get(fold(word)));

const PERIOD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether a period bound is a year, a year-month or a real ISO date (`2019`, `2019-09`, `2019-09-01`). */
export function isPeriod(value: string): boolean {
  const m = PERIOD.exec(value);
  if (!m) return false;
  if (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 12)) return false;
  if (m[3]) {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
  }
  return true;
}

/** Whether a period ends before it starts (`2019` … `2019-03` is fine; `2020` … `2019-12-31` is not). */
export function endsBeforeStart(start: string, end: string): boolean {
  const earliest = (start + '-01-01').slice(0, 10);
  const latest = (end.length === 4 ? `${end}-12-31` : end.length === 7 ? `${end}-31` : end);
  return latest < earliest;
}

/** A field problem of a record: the API field and a sentence. */
export interface FieldProblem {
  field: string;
  /** Stable code the client translates (NAME_REQUIRED, COUNTRY_REQUIRED, PERIOD_ORDER…). */
  code: string;
  message: string;
}
