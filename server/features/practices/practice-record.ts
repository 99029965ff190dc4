import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n/translator';
import { BELGIUM, endsBeforeStart, type FieldProblem, fold, isPeriod, SMS_STATUSES } from './practice-values';
import type { Practice, PracticeValues } from './practices.schemas';

export type PracticeRow = Database['practice_records'];

/** The values of a new record before the user's fields are applied. */
export const EMPTY_PRACTICE: PracticeValues = {
  name: '', description: '', municipality: '', region: 'flanders', country: '', language: '', organisation: '', targetGroup: '',
  crimeTypes: [], interventionType: '', workingMechanisms: '', periodStart: null, periodEnd: null, budgetEur: null, costNotes: '',
  evaluationStatus: 'none', smsLevel: null, evidenceRating: null, recordSource: '',
};

/** A row's editable values in API (camelCase) form. */
export function valuesOf(row: PracticeRow): PracticeValues {
  return {
    name: row.name, description: row.description, municipality: row.municipality, region: row.region, country: row.country,
    language: row.language, organisation: row.organisation, targetGroup: row.target_group, crimeTypes: JSON.parse(row.crime_types),
    interventionType: row.intervention_type, workingMechanisms: row.working_mechanisms, periodStart: row.period_start, periodEnd: row.period_end,
    budgetEur: row.budget_eur === null ? null : Number(row.budget_eur), costNotes: row.cost_notes, evaluationStatus: row.evaluation_status,
    smsLevel: row.sms_level === null ? null : Number(row.sms_level), evidenceRating: row.evidence_rating, recordSource: row.record_source,
  };
}

/** The database columns of a record's values (without id, project and stamps). */
export function columnsOf(v: PracticeValues) {
  return {
    name: v.name, description: v.description, municipality: v.municipality, region: v.region, country: v.country, language: v.language,
    organisation: v.organisation, target_group: v.targetGroup, crime_types: JSON.stringify(v.crimeTypes), intervention_type: v.interventionType,
    working_mechanisms: v.workingMechanisms, period_start: v.periodStart, period_end: v.periodEnd, budget_eur: v.budgetEur, cost_notes: v.costNotes,
    evaluation_status: v.evaluationStatus, sms_level: v.smsLevel, evidence_rating: v.evidenceRating, record_source: v.recordSource,
  } satisfies Partial<PracticeRow>;
}

/** The API view of a record with its theme links and linked sources. */
export function practiceView(row: PracticeRow, codes: Practice['codes'], sourceIds: string[]): Practice {
  return { id: row.id, ...valuesOf(row), codes, sourceIds, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Trims text fields, orders crime types, drops "Belgium" as the country of a Belgian record. */
export function tidy(v: PracticeValues): PracticeValues {
  const out = { ...v };
  for (const key of ['name', 'description', 'municipality', 'country', 'language', 'organisation', 'targetGroup', 'interventionType', 'workingMechanisms', 'costNotes', 'recordSource'] as const) {
    out[key] = out[key].trim();
  }
  out.periodStart = out.periodStart?.trim() || null;
  out.periodEnd = out.periodEnd?.trim() || null;
  const order = ['economic_compulsive', 'systemic', 'psychopharmacological'];
  out.crimeTypes = [...new Set(out.crimeTypes)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (out.region !== 'abroad' && BELGIUM.has(fold(out.country))) out.country = '';
  return out;
}

/**
 * The rules a record's values must meet beyond their types: a name, at least one crime type, a
 * country exactly when abroad, valid period bounds in order, an SMS level only with an outcome or
 * impact evaluation. Returns every problem found (empty when the record is fine), its sentence in
 * the reader's language (`tr`).
 */
export function checkPractice(v: PracticeValues, tr: Translator): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, code: string, key: string, params?: Record<string, unknown>) =>
    problems.push({ field, code, message: tr.t(`literatureErrors.practiceProblems.${key}`, params) });
  if (!v.name) add('name', 'NAME_REQUIRED', 'nameRequired');
  if (v.crimeTypes.length === 0) add('crimeTypes', 'CRIME_TYPE_REQUIRED', 'crimeTypeRequired');
  if (v.region === 'abroad' && !v.country) add('country', 'COUNTRY_REQUIRED', 'countryRequired');
  if (v.region !== 'abroad' && v.country) add('country', 'COUNTRY_NOT_ABROAD', 'countryNotAbroad');
  for (const key of ['periodStart', 'periodEnd'] as const) {
    const value = v[key];
    if (value && !isPeriod(value)) add(key, 'BAD_PERIOD', 'badPeriod', { value });
  }
  if (v.periodStart && v.periodEnd && isPeriod(v.periodStart) && isPeriod(v.periodEnd) && endsBeforeStart(v.periodStart, v.periodEnd)) {
    add('periodEnd', 'PERIOD_ORDER', 'periodOrder', { start: v.periodStart, end: v.periodEnd });
  }
  if (v.budgetEur !== null && (!Number.isFinite(v.budgetEur) || v.budgetEur < 0)) add('budgetEur', 'BAD_BUDGET', 'badBudget');
  if (v.smsLevel !== null) {
    if (!Number.isInteger(v.smsLevel) || v.smsLevel < 1 || v.smsLevel > 5) add('smsLevel', 'BAD_SMS', 'badSms');
    else if (!SMS_STATUSES.includes(v.evaluationStatus)) add('smsLevel', 'SMS_NOT_ALLOWED', 'smsNotAllowed');
  }
  return problems;
}

/** The key that makes a record unique in its project: name and municipality, case-insensitive. */
export const identityKey = (name: string, municipality: string) => `${name.trim().toLowerCase()}\u0000${municipality.trim().toLowerCase()}`;
