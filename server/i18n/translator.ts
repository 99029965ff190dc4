import i18next, { type TFunction } from 'i18next';
import type { FastifyRequest } from 'fastify';
import { MESSAGES } from './messages';
import { defused } from '../shared/i18n-values';

/**
 * The server's own messages: headings and sentences of exports and reports, in the language of the
 * user who asks for them (issue 10). Messages live in `locales/<locale>/<area>.json`, one top-level
 * key per file, like the client's; a test checks that every message exists in all three languages.
 */
export const LOCALES = ['en', 'nl', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

const instance = i18next.createInstance();
void instance.init({
  lng: 'en',
  fallbackLng: 'en',
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: MESSAGES[l] }])),
  // Exports escape for their own format (HTML, CSV, XML); i18next must not escape a second time.
  interpolation: { escapeValue: false },
  initImmediate: false,
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

/** Translates a key (`analysis.code`) with `{{name}}` values and `count` plurals, in one language. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const translators = new Map<Locale, Translator>();

/**
 * The translator of one language, with number and date formatting in that language. One per
 * language for the server's life: its Intl formatters are built once (building one costs tens of
 * microseconds, and exports format thousands of cells).
 */
export function translator(locale: Locale): Translator {
  let tr = translators.get(locale);
  if (!tr) translators.set(locale, (tr = makeTranslator(locale)));
  return tr;
}

function makeTranslator(locale: Locale): Translator {
  const t: TFunction = instance.getFixedT(locale);
  const numberFormats = new Map<number | undefined, Intl.NumberFormat>();
  const dateFormats = { utc: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }), local: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }) };
  return {
    locale,
    t: (key, options) => t(key, options && defused(options)) as string,
    number: (value, digits) => {
      let format = numberFormats.get(digits);
      if (!format) numberFormats.set(digits, (format = new Intl.NumberFormat(locale, digits === undefined ? undefined : { maximumFractionDigits: digits })));
      return format.format(value);
    },
    date: (value) => {
      const date = value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value);
      if (Number.isNaN(date.getTime())) return value;
      return (value.length === 10 ? dateFormats.utc : dateFormats.local).format(date);
    },
  };
}

export interface Translator {
  locale: Locale;
  t: Translate;
  /** A number in this language's notation (`1,234.5`, `1.234,5`, `1 234,5`). */
  number: (value: number, maxFractionDigits?: number) => string;
  /** A date (`2026-03-04` or an ISO timestamp) written out in this language. */
  date: (value: string) => string;
}

/**
 * The language a request's exports are written in: the signed-in user's chosen language, else the
 * browser's (`Accept-Language`, first supported tag in the order given), else English.
 */
export function requestLocale(request: Pick<FastifyRequest, 'headers'> & { auth?: { user: { locale: string | null } } | null }): Locale {
  const chosen = request.auth?.user.locale;
  if (isLocale(chosen)) return chosen;
  const header = request.headers['accept-language'];
  for (const tag of (typeof header === 'string' ? header : '').split(',')) {
    const base = tag.trim().slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** The translator for a request (see `requestLocale`). */
export const requestTranslator = (request: Parameters<typeof requestLocale>[0]): Translator => translator(requestLocale(request));
