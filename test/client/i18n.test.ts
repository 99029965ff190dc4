import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const LOCALES = ['en', 'nl', 'fr'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

function load(localesDir: string, locale: string) {
  const files = fs.readdirSync(path.join(localesDir, locale)).filter((f) => f.endsWith('.json')).sort();
  const all = new Map<string, string>();
  const topLevel = new Map<string, string>();
  for (const file of files) {
    const messages = JSON.parse(fs.readFileSync(path.join(localesDir, locale, file), 'utf8')) as Messages;
    for (const key of Object.keys(messages)) {
      expect(topLevel.has(key), `${locale}: "${key}" is defined in both ${topLevel.get(key)} and ${file}`).toBe(false);
      topLevel.set(key, file);
    }
    for (const [k, v] of flatten(messages)) all.set(k, v);
  }
  return { files, all };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

/** The client's interface messages and the server's (headings and sentences of exports and reports). */
describe.each([
  { area: 'interface (client)', localesDir: 'client/src/i18n/locales', sourceDir: 'client/src' },
  { area: 'exports and reports (server)', localesDir: 'server/i18n/locales', sourceDir: 'server' },
])('$area messages', ({ localesDir, sourceDir }) => {
  const bundles = Object.fromEntries(LOCALES.map((l) => [l, load(path.join(ROOT, localesDir), l)]));

  it('has the same files and the same keys in English, Dutch and French', () => {
    for (const locale of ['nl', 'fr']) {
      expect(bundles[locale]!.files).toEqual(bundles.en!.files);
      const missing = [...bundles.en!.all.keys()].filter((k) => !bundles[locale]!.all.has(k));
      const extra = [...bundles[locale]!.all.keys()].filter((k) => !bundles.en!.all.has(k) && !PLURAL.test(k));
      expect(missing, `keys missing in ${locale}`).toEqual([]);
      expect(extra, `keys in ${locale} that English lacks`).toEqual([]);
    }
  });

  it('has no empty message, and keeps every {{placeholder}} in every translation', () => {
    for (const [key, english] of bundles.en!.all) {
      const placeholders = (english.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();
      for (const locale of LOCALES) {
        const text = bundles[locale]!.all.get(key)!;
        expect(text.trim(), `${locale}:${key} is empty`).not.toBe('');
        const found = (text.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();
        expect(found, `${locale}:${key} placeholders`).toEqual(placeholders);
      }
    }
  });

  it('defines every message the code uses', () => {
    const keys = bundles.en!.all;
    const has = (key: string) => keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`);
    const hasPrefix = (prefix: string) => [...keys.keys()].some((k) => k.startsWith(prefix));
    const problems: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, sourceDir))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        if (!has(match[1]!)) problems.push(`${path.relative(ROOT, file)}: ${match[1]}`);
      }
      for (const match of source.matchAll(/\bt\(\s*`([a-zA-Z][\w.]*)\$\{/g)) {
        if (!hasPrefix(match[1]!)) problems.push(`${path.relative(ROOT, file)}: ${match[1]}…`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('values that look like i18next nesting', () => {
  // Without defusing, i18next's nesting pattern backtracks for minutes on such a value (the test would time out).
  it('are shown as they are, never looked up as messages (server translator; the client\'s t uses the same defused())', async () => {
    const { translator } = await import('../../server/i18n/translator');
    const { defused } = await import('../../server/shared/i18n-values');
    const name = 'a$t(bcdefghijklmnopqrstuvwxyz123456789';
    expect(translator('en').t('errors.notFound.account', { email: name }).replaceAll('\u2060', '')).toBe(`No account has the e-mail address ${name}.`);
    expect(translator('fr').t('errors.notFound.account', { email: 'x$t(errors.forbidden)' }).replaceAll('\u2060', '')).toBe('Aucun compte n’a l’adresse e-mail x$t(errors.forbidden).');
    const plain = { count: 2, name: 'Anna' };
    expect(defused(plain)).toBe(plain);
  });
});
