/// <reference types="vite/client" />
import i18next from 'i18next';
import { defused } from '../../../server/shared/i18n-values';

/** The interface languages; every message exists in all three (a test checks it). */
export const LOCALES = ['en', 'nl', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', nl: 'Nederlands', fr: 'Français' };

/**
 * Messages live in `locales/<locale>/<area>.json`, one file per area of the interface, each
 * holding one top-level key (its namespace within the single `translation` resource).
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });
const resources: Record<string, { translation: Record<string, unknown> }> = {};
for (const [path, messages] of Object.entries(files)) {
  const locale = path.split('/')[2]!;
  resources[locale] ??= { translation: {} };
  Object.assign(resources[locale].translation, messages);
}

const STORAGE_KEY = 'socprev.locale';
const listeners = new Set<() => void>();

function browserLocale(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

const stored = (() => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
})();

void i18next.init({
  lng: (LOCALES as readonly string[]).includes(stored ?? '') ? (stored as Locale) : browserLocale(),
  fallbackLng: 'en',
  resources,
  // Lit renders every binding as text, so i18next must not escape a second time.
  interpolation: { escapeValue: false },
  initImmediate: false,
  showSupportNotice: false,
} as Parameters<typeof i18next.init>[0]);
document.documentElement.lang = i18next.language;

/** Translates `key` (e.g. `documents.title`) with `{{name}}` values and `count` plurals. */
export const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key, options && defused(options)) as string;

export const currentLocale = (): Locale => (i18next.language as Locale) ?? 'en';

/** Switches the language everywhere; components re-render through `onLocaleChange`. */
export async function setLocale(locale: Locale) {
  if (locale === currentLocale()) return;
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice still holds until reload
  }
  listeners.forEach((l) => l());
}

export function onLocaleChange(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A date (`2026-03-04` or an ISO timestamp) in the user's language. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: value.length === 10 ? 'UTC' : undefined }).format(date);
}

export function formatDateTime(value: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLocale()).format(value);
}

/** Media time as `m:ss` or `h:mm:ss`. */
export function formatMediaTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
