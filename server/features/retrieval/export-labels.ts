import type { Translator } from '../../i18n/translator';

/** Stored values that exports write as words of the reader's language (`tables.values.<kind>.<value>`). */
const KNOWN = {
  respondentGroup: ['international', 'belgian'],
  language: ['nl', 'fr', 'en', 'other'],
  speakerRole: ['interviewer', 'respondent', 'other'],
  status: ['anchored', 'orphaned'],
  memoTarget: ['project', 'document', 'code', 'segment'],
} as const;

export type LabelKind = keyof typeof KNOWN;

/**
 * Labels of stored values in one language: a known value becomes its word (English keeps the stored
 * value, so English exports do not change); an unknown or empty value is written as it is.
 *
 * @example
 * const label = valueLabels(translator('nl'));
 * label('respondentGroup', 'belgian'); // 'Belgisch'
 */
export function valueLabels(tr: Translator) {
  // Exports label every row: look each word up once.
  const cache = new Map<string, string>();
  return (kind: LabelKind, value: string | null | undefined): string => {
    if (!value) return '';
    const key = `${kind}\u0000${value}`;
    let label = cache.get(key);
    if (label === undefined) {
      label = (KNOWN[kind] as readonly string[]).includes(value) ? tr.t(`tables.values.${kind}.${value}`) : value;
      cache.set(key, label);
    }
    return label;
  };
}
