import { t } from '../../i18n/i18n';

type Json = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value) || 0);

/**
 * One sentence for an event of the literature, practice, assessment and exchange features
 * (`activity.events.<type>`), from the summary the server keeps with it; null for other types.
 */
export function eventSentence(type: string, after: Json, before: Json = {}): string | null {
  const key = `activity.events.${type.replace('.', '_')}`;
  const label = str(after.name) || str(after.title) || str(after.statement) || str(before.name) || str(before.title) || str(before.statement)
    || str(after.originalName) || str(after.fileName);
  const text = t(key, {
    label, code: str(after.code), gap: str(after.gap), practice: str(after.practice) || str(before.practice),
    criterion: str(after.criterion) || str(before.criterion), count: num(after.count) || num(after.created),
    created: num(after.created), updated: num(after.updated),
  });
  return text === key ? null : text;
}
