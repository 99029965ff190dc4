import type { ErrorObject } from 'ajv';
import localizeFr from 'ajv-i18n/localize/fr/index.js';
import localizeNl from 'ajv-i18n/localize/nl/index.js';
import type { Locale } from '../i18n/translator';

const LOCALIZE = { nl: localizeNl, fr: localizeFr } as const;

/**
 * What is wrong with a request, in the user's language: Ajv's sentence ("must have required
 * property 'email'") through ajv-i18n's Dutch and French translations. The error is copied, not
 * changed: Fastify keeps the original for its logs.
 */
export function localizedValidationDetail(error: ErrorObject, locale: Locale): string | undefined {
  if (locale === 'en') return error.message;
  const copy = [{ ...error }];
  LOCALIZE[locale](copy);
  return copy[0]!.message ?? error.message;
}
